// The Redis budget store against a real redis-server this file starts (and stops by pid) on a free port.
import { setTimeout as sleep } from 'node:timers/promises'
import { createClient } from '@redis/client'
import { ConfigurationError, ParleyError } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { freePort, startRedis } from '../../../scripts/redis-server.mjs'
import { createRedisRateLimitStore, RedisStoreError, type RedisRateLimitStore } from '../src/index.js'

type Redis = Awaited<ReturnType<typeof startRedis>>
let redis: Redis
let raw: ReturnType<typeof createClient>
const stores: RedisRateLimitStore[] = []

/** A store on the test's Redis (or `url`), closed after the file. */
function store(options: Parameters<typeof createRedisRateLimitStore>[1] = {}, url = redis.url) {
  const s = createRedisRateLimitStore({ url }, options)
  stores.push(s)
  return s
}

beforeAll(async () => {
  redis = await startRedis()
  raw = createClient({ url: redis.url })
  raw.on('error', () => {})
  await raw.connect()
})

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()))
  if (raw?.isOpen) raw.destroy()
  await redis?.stop()
})

describe('the budget', () => {
  it('hands out exactly `requests` slots to 150 concurrent takes from three processes-worth of clients', async () => {
    const [a, b, c] = [store(), store(), store()]
    const waits = await Promise.all(Array.from({ length: 150 }, (_, i) => [a, b, c][i % 3]!.take('parley:mews:atomic', 20, 60_000)))
    expect(waits.filter((w) => w === 0)).toHaveLength(20)
    // The others are told how long: until the first slot leaves the minute-long window.
    for (const w of waits.filter((w) => w !== 0)) expect(w).toBeGreaterThan(50_000)
    expect(await raw.zCard('{parley:mews:atomic}:log')).toBe(20)
  })

  it('slides: a slot frees one window after it was taken, not at a fixed boundary', async () => {
    const s = store()
    const key = 'parley:stackone:sliding'
    const take = () => s.take(key, 3, 1000)
    // Each take happens in Redis somewhere between the two local times around it: waits are checked against those
    // bounds, so a slow timer on a busy machine cannot fail the test.
    const t0 = performance.now()
    expect([await take(), await take()]).toEqual([0, 0])
    const t0end = performance.now()
    await sleep(500)
    const t1 = performance.now()
    expect(await take()).toBe(0) // the third, half a window later
    const t1end = performance.now()
    const wait = await take()
    const t2end = performance.now()
    expect(wait).toBeGreaterThan(0) // full: until the first two leave, one window after t0
    expect(wait).toBeGreaterThanOrEqual(Math.floor(t0 + 1000 - t2end))
    expect(wait).toBeLessThanOrEqual(Math.ceil(t0end + 1000 - t1end) + 1)
    await sleep(wait + 30)
    // The two from t0 left the window; the one from t1 did not. A fixed window would have all three free again.
    expect([await take(), await take()]).toEqual([0, 0])
    const t3 = performance.now()
    const next = await take()
    const t3end = performance.now()
    expect(next).toBeGreaterThan(0) // until the third leaves, one window after t1
    expect(next).toBeGreaterThanOrEqual(Math.floor(t1 + 1000 - t3end))
    expect(next).toBeLessThanOrEqual(Math.ceil(t1end + 1000 - t3) + 1)
  })

  it('counts on Redis\'s clock: a process whose clock is an hour off shares the window with the others', async () => {
    const key = 'parley:mews:clock'
    const honest = store()
    expect(await honest.take(key, 2, 10_000)).toBe(0)
    vi.useFakeTimers({ toFake: ['Date', 'performance'], now: Date.now() + 3_600_000 })
    try {
      const skewed = store()
      expect(await skewed.take(key, 2, 10_000)).toBe(0)
      const wait = await skewed.take(key, 2, 10_000)
      expect(wait).toBeGreaterThan(9_000)
      expect(wait).toBeLessThanOrEqual(10_000)
    } finally {
      vi.useRealTimers()
    }
    expect(await honest.take(key, 2, 10_000)).toBeGreaterThan(9_000)
  })

  it('leaves nothing behind: a budget\'s keys expire one window after its last request', async () => {
    const s = store()
    const key = 'parley:brevo:expiry'
    await s.take(key, 5, 300)
    await s.pause(key, 200)
    const ttl = await raw.pTTL(`{${key}}:log`)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(300)
    await sleep(400)
    expect(await raw.exists([`{${key}}:log`, `{${key}}:pause`])).toBe(0)
  })

  it('clients asking with different `requests` on one budget: the wait is until the oldest of the newest `requests` leaves', async () => {
    const key = 'parley:mews:mixed'
    const [wide, narrow] = [store(), store()]
    for (let i = 0; i < 3; i++) expect(await wide.take(key, 5, 10_000)).toBe(0)
    await sleep(500)
    for (let i = 0; i < 2; i++) expect(await wide.take(key, 5, 10_000)).toBe(0)
    // Five in the window, two allowed: room comes back when the fourth leaves (just now), not the first (500 ms ago,
    // which would answer 9,500 ms at most).
    const wait = await narrow.take(key, 2, 10_000)
    expect(wait).toBeGreaterThan(9_600)
    expect(wait).toBeLessThanOrEqual(10_000)
  })

  it('prefix goes in front of every key', async () => {
    const s = store({ prefix: 'app1:' })
    await s.take('parley:mews:prefixed', 5, 5_000)
    expect(await raw.keys('app1:*')).toEqual(['app1:{parley:mews:prefixed}:log'])
  })
})

describe('pause', () => {
  it('holds every process off the budget until it ends; a shorter pause does not cut a longer one', async () => {
    const key = 'parley:mews:paused'
    const [a, b] = [store(), store()]
    const t0 = performance.now()
    await a.pause(key, 600)
    await a.pause(key, 50)
    const wait = await b.take(key, 100, 1000)
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeGreaterThanOrEqual(Math.floor(600 - (performance.now() - t0)))
    expect(wait).toBeLessThanOrEqual(600)
    await sleep(wait + 20)
    expect(await b.take(key, 100, 1000)).toBe(0)
  })
})

describe('when Redis restarts or is away', () => {
  it('a restart on the same port: the next call works, with the budget started over and the script loaded again', async () => {
    const key = 'parley:mews:restart'
    const s = store()
    expect([await s.take(key, 2, 60_000), await s.take(key, 2, 60_000)]).toEqual([0, 0])
    expect(await s.take(key, 2, 60_000)).toBeGreaterThan(0)
    const { port } = redis
    await redis.stop()
    redis = await startRedis({ port })
    expect(await s.take(key, 2, 60_000)).toBe(0)
  })

  it('a script cache flushed under it (SCRIPT FLUSH, a failover) is loaded again at once', async () => {
    const s = store()
    expect(await s.take('parley:mews:flush', 5, 1000)).toBe(0)
    await waitUntil(() => raw.isReady)
    await raw.scriptFlush()
    expect(await s.take('parley:mews:flush', 5, 1000)).toBe(0)
  })

  it('while down, calls fail with a RedisStoreError naming host:port (no credentials); once it is back, calls work again', async () => {
    const port = await freePort()
    const s = store({ connectTimeoutMs: 1000 }, `redis://:hunter2-secret@127.0.0.1:${port}`)
    const err = await s.take('parley:mews:down', 5, 1000).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RedisStoreError)
    expect(err).toBeInstanceOf(ParleyError)
    const e = err as RedisStoreError
    expect(e.message).toMatch(new RegExp(`^Redis at 127\\.0\\.0\\.1:${port} is unreachable \\(.*ECONNREFUSED`))
    expect(e.address).toBe(`127.0.0.1:${port}`)
    expect(e.retryable).toBe(true)
    // Known down: the next call does not wait the connect timeout again.
    const started = performance.now()
    await expect(s.pause('parley:mews:down', 100)).rejects.toThrow(RedisStoreError)
    expect(performance.now() - started).toBeLessThan(500)
    for (const text of [e.message, JSON.stringify(e), String(e.stack)]) {
      expect(text).not.toContain('hunter2')
    }

    const back = await startRedis({ port, password: 'hunter2-secret' })
    try {
      // The store reconnects by itself (every second at most while Redis is away).
      await waitUntil(async () => (await s.take('parley:mews:down', 5, 1000).catch(() => -1)) === 0)
    } finally {
      await back.stop()
    }
  })

  it('a wrong password: the error says so, without the password', async () => {
    const secured = await startRedis({ password: 'right-one' })
    try {
      const s = store({ connectTimeoutMs: 1000 }, `redis://:wrong-one@127.0.0.1:${secured.port}`)
      const err = (await s.take('parley:mews:auth', 5, 1000).catch((e: unknown) => e)) as RedisStoreError
      expect(err).toBeInstanceOf(RedisStoreError)
      expect(err.message).toContain(`127.0.0.1:${secured.port}`)
      expect(err.message).toMatch(/WRONGPASS|NOAUTH|invalid/i)
      expect(err.message + JSON.stringify(err)).not.toContain('wrong-one')
      const ok = store({}, `redis://:right-one@127.0.0.1:${secured.port}`)
      expect(await ok.take('parley:mews:auth', 5, 1000)).toBe(0)
    } finally {
      await secured.stop()
    }
  })

  it('a Redis that hangs (connected, not answering) fails the call after commandTimeoutMs; in-process falls back', async () => {
    const hung = await startRedis()
    const pauser = createClient({ url: hung.url })
    pauser.on('error', () => {})
    await pauser.connect()
    try {
      const strict = store({ commandTimeoutMs: 300 }, hung.url)
      const lenient = store({ commandTimeoutMs: 300, onUnavailable: 'in-process' }, hung.url)
      expect([await strict.take('parley:mews:hung', 5, 1000), await lenient.take('parley:mews:hung', 5, 1000)]).toEqual([0, 0])
      // Every client's commands wait while Redis is paused: to a caller, a hung server.
      await pauser.sendCommand(['CLIENT', 'PAUSE', '3000', 'ALL'])
      const start = performance.now()
      const err = await strict.take('parley:mews:hung', 5, 1000).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(RedisStoreError)
      expect((err as Error).message).toMatch(/^Redis at 127\.0\.0\.1:\d+ did not answer within 300 ms$/)
      expect(await lenient.take('parley:mews:hung-local', 5, 1000)).toBe(0)
      expect(performance.now() - start).toBeLessThan(2000)
    } finally {
      pauser.destroy()
      await hung.stop()
    }
  })

  it("onUnavailable: 'in-process' keeps the window in this process while Redis is away, and goes back to Redis after", async () => {
    const port = await freePort()
    const s = store({ onUnavailable: 'in-process', connectTimeoutMs: 500 }, `redis://127.0.0.1:${port}`)
    const key = 'parley:mews:fallback'
    expect([await s.take(key, 2, 1000), await s.take(key, 2, 1000)]).toEqual([0, 0])
    const wait = await s.take(key, 2, 1000)
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(1000)
    await s.pause(key, 5_000)
    expect(await s.take(key, 2, 1000)).toBeGreaterThan(4_000)

    const back = await startRedis({ port })
    try {
      const inRedis = createClient({ url: back.url })
      await inRedis.connect()
      try {
        await waitUntil(async () => (await s.take('parley:mews:fallback-back', 2, 1000)) === 0 && (await inRedis.exists('{parley:mews:fallback-back}:log')) === 1)
      } finally {
        inRedis.destroy()
      }
    } finally {
      await back.stop()
    }
  })
})

describe('a client you pass', () => {
  it('is used as it is, and stays open after close()', async () => {
    const client = createClient({ url: redis.url })
    await client.connect()
    try {
      const s = createRedisRateLimitStore({ client })
      expect(await s.take('parley:mews:given', 1, 1000)).toBe(0)
      expect(await s.take('parley:mews:given', 1, 1000)).toBeGreaterThan(0)
      await s.close()
      expect(client.isOpen).toBe(true)
      expect(await client.exists('{parley:mews:given}:log')).toBe(1)
    } finally {
      client.destroy()
    }
  })

  it('a client that is not connected: the call says to connect it', async () => {
    const s = createRedisRateLimitStore({ client: createClient({ url: redis.url }) })
    await expect(s.take('parley:mews:unopened', 1, 1000)).rejects.toThrow(/^Redis at 127\.0\.0\.1:\d+ is not connected: connect the client \(await client\.connect\(\)\)/)
  })

  it('a store made from a URL refuses calls once closed', async () => {
    const s = createRedisRateLimitStore({ url: redis.url })
    expect(await s.take('parley:mews:closed', 1, 1000)).toBe(0)
    await s.close()
    await expect(s.take('parley:mews:closed', 1, 1000)).rejects.toThrow(/is not connected: the store was closed$/)
  })
})

describe('options', () => {
  it.for([
    [{ url: 'http://user:pass@localhost:6379' }, {}, /^url must be a redis:\/\/ or rediss:\/\/ URL, got a http: URL$/],
    [{ url: 'not a url with s3cret' }, {}, /^url must be .* got a string that is not a URL$/],
    [{ url: 42 }, {}, /^url must be .* got a number$/],
    [{ client: {} }, {}, /^client must be a node-redis client/],
    [{ url: 'redis://localhost' }, { onUnavailable: 'fallback' }, /^onUnavailable must be 'reject' or 'in-process', got "fallback"$/],
    [{ url: 'redis://localhost' }, { connectTimeoutMs: 0 }, /^connectTimeoutMs must be 1 to/],
    [{ url: 'redis://localhost' }, { commandTimeoutMs: 2 ** 31 }, /^commandTimeoutMs must be 1 to 2\^31-1 \(ms\), got 2147483648$/],
  ] as const)('%o %o is refused before connecting', ([source, options, message]) => {
    let err: unknown
    try {
      createRedisRateLimitStore(source as never, options as never)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ConfigurationError)
    expect((err as Error).message).toMatch(message)
    expect((err as Error).message).not.toMatch(/pass@|s3cret/)
  })
})

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await sleep(50)
  }
}
