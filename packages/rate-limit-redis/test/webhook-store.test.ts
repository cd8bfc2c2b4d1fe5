// The Redis webhook dedupe store against a real redis-server this file starts (and stops by pid) on a free port.
import { setTimeout as sleep } from 'node:timers/promises'
import { createClient } from '@redis/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startRedis } from '../../../scripts/redis-server.mjs'
import { createRedisWebhookStore, RedisStoreError, type RedisWebhookStore } from '../src/index.js'

let redis: Awaited<ReturnType<typeof startRedis>>
let raw: ReturnType<typeof createClient>
const stores: RedisWebhookStore[] = []

/** A store on the test's Redis, as one more process behind the webhook URL would have. */
function store(options: Parameters<typeof createRedisWebhookStore>[1] = {}, url = redis.url) {
  const s = createRedisWebhookStore({ url }, options)
  stores.push(s)
  return s
}

beforeAll(async () => {
  redis = await startRedis()
  raw = createClient({ url: redis.url })
  await raw.connect()
})

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()))
  if (raw?.isOpen) raw.destroy()
  await redis?.stop()
})

describe('claims across processes', () => {
  it('of 20 processes claiming one event at once, exactly one gets it', async () => {
    const claims = await Promise.all(Array.from({ length: 20 }, () => store().claim('sunshine:evt_race')))
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(1)
    expect(claims.filter((c) => c === 'busy')).toHaveLength(19)
  })

  it('a held event is busy (the vendor must redeliver), a handled one (done) is done until the ttl ends', async () => {
    const [a, b] = [store({ rememberMs: 1000 }), store()]
    expect(await a.claim('mews:MessageAdded:m1')).toBe('claimed')
    expect(await b.claim('mews:MessageAdded:m1')).toBe('busy') // held: its handler may still fail
    await a.done('mews:MessageAdded:m1')
    expect(await b.claim('mews:MessageAdded:m1')).toBe('done') // handled
    const ttl = await raw.pTTL('parley:webhook:mews:MessageAdded:m1')
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(1000)
    await sleep(1050)
    expect(await b.claim('mews:MessageAdded:m1')).toBe('claimed')
  })

  it('a failed handler (release) leaves the event to the next delivery', async () => {
    const [a, b] = [store(), store()]
    expect(await a.claim('brevo:evt_fail')).toBe('claimed')
    await a.release('brevo:evt_fail')
    expect(await b.claim('brevo:evt_fail')).toBe('claimed')
  })

  it('a claim neither done nor released (a crashed process) lapses after the lease', async () => {
    const [crashed, next] = [store({ leaseMs: 1000 }), store()]
    expect(await crashed.claim('stackone:evt_crash')).toBe('claimed')
    expect(await next.claim('stackone:evt_crash')).toBe('busy')
    await sleep(1050)
    expect(await next.claim('stackone:evt_crash')).toBe('claimed')
  })

  it('a handler that outlived its lease cannot release the claim of the delivery that took over', async () => {
    const [slow, other, third] = [store({ leaseMs: 200 }), store(), store()]
    expect(await slow.claim('sunshine:evt_slow')).toBe('claimed')
    await sleep(250)
    expect(await other.claim('sunshine:evt_slow')).toBe('claimed')
    await slow.release('sunshine:evt_slow')
    expect(await third.claim('sunshine:evt_slow')).toBe('busy')
  })

  it('keys are the prefix and the event key, nothing else', async () => {
    const s = store({ prefix: 'inbox:' })
    await s.claim('mews:ServiceOrderUpdated:so1')
    expect(await raw.keys('inbox:*')).toEqual(['inbox:mews:ServiceOrderUpdated:so1'])
  })
})

describe('when Redis is away', () => {
  it('claim rejects with a RedisStoreError naming host:port, never the password', async () => {
    const port = await freePort()
    const s = store({ connectTimeoutMs: 300 }, `redis://default:whsec-not-here@127.0.0.1:${port}`)
    const err = (await s.claim('sunshine:evt_down').catch((e: unknown) => e)) as RedisStoreError
    expect(err).toBeInstanceOf(RedisStoreError)
    expect(err.message).toContain(`127.0.0.1:${port} is unreachable`)
    expect(err.message + JSON.stringify(err) + err.stack).not.toContain('whsec-not-here')
  })

  it('leaseMs and rememberMs must be positive whole ms', () => {
    expect(() => createRedisWebhookStore({ url: redis.url }, { leaseMs: 0 })).toThrow(/^leaseMs must be a positive integer \(ms\), got 0$/)
    expect(() => createRedisWebhookStore({ url: redis.url }, { rememberMs: 1.5 })).toThrow(/^rememberMs must be a positive integer \(ms\), got 1.5$/)
  })
})
