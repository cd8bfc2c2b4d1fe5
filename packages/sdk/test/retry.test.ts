// Retries and timeouts, with an injected fetch and fake timers (the delays are asserted, not waited for).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, ConfigurationError, ConnectionError, TimeoutError, createBrevo, createMews, createStackOne } from '../src/index.js'
import { backoffMs, serverDelayMs } from '../src/core/retry.js'
import { json, scriptedFetch, type Reply } from './helpers.js'

const err = (status: number, headers: Record<string, string> = {}) =>
  json({ statusCode: status, message: `status ${status}`, timestamp: '2024-05-14T10:20:31.512Z' }, status, headers)
const ok = () => json({ data: [{ id: 'u1' }] })

// These tests move a fake clock by hand, so they leave the rate limiter out: its first call per client hashes the
// credential with Web Crypto, real async work a fake clock cannot step over. limits.test.ts covers retries through it.
const noLimit = { rateLimit: false } as const

function stackone(replies: Reply[], extra: Record<string, unknown> = {}) {
  const script = scriptedFetch(...replies)
  const times: number[] = []
  const fetch = (req: Request) => {
    times.push(Date.now())
    return script.fetch(req)
  }
  const so = createStackOne({ apiKey: 'k', accountId: 'a', baseUrl: 'https://so.test', fetch, ...noLimit, ...extra })
  return { so, requests: script.requests, gaps: () => times.slice(1).map((t, i) => t - (times[i] as number)) }
}

/** Runs `p` to completion while the fake clock jumps over every sleep. */
async function settle<T>(p: Promise<T>): Promise<T> {
  const out = p.then(
    (v) => ({ v }),
    (e: unknown) => ({ e }),
  )
  await vi.runAllTimersAsync()
  const r = (await out) as { v?: T; e?: unknown }
  if ('e' in r) throw r.e
  return r.v as T
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('retries', () => {
  it('retries a GET twice by default on 503 and returns the success', async () => {
    const { so, requests, gaps } = stackone([err(503), err(503), ok()])
    const res = await settle(so.GET('/unified/messaging/users'))
    expect(res.response.status).toBe(200)
    expect(requests).toHaveLength(3)
    const [first, second] = gaps() as [number, number]
    expect(first).toBeGreaterThanOrEqual(375) // 0.5 s minus up to 25 % jitter
    expect(first).toBeLessThanOrEqual(500)
    expect(second).toBeGreaterThanOrEqual(750)
    expect(second).toBeLessThanOrEqual(1000)
  })

  it.each([408, 429, 500, 502, 503, 504])('retries status %i', async (status) => {
    const { so, requests } = stackone([err(status), ok()])
    expect((await settle(so.GET('/unified/messaging/users'))).response.status).toBe(200)
    expect(requests).toHaveLength(2)
  })

  it.each([400, 401, 403, 404, 409, 422, 501])('does not retry status %i', async (status) => {
    const { so, requests } = stackone([err(status), ok()])
    expect((await settle(so.GET('/unified/messaging/users'))).response.status).toBe(status)
    expect(requests).toHaveLength(1)
  })

  it('gives up after maxRetries and orThrow reports the attempts', async () => {
    const { so, requests } = stackone([err(503)])
    const e = await settle(so.orThrow.GET('/unified/messaging/users')).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 503, attempts: 3, retryable: true })
    expect(requests).toHaveLength(3)
  })

  it('never retries a POST that sends a message, unless the caller opts in', async () => {
    const send = { params: {}, body: { content: 'hi', recipient: 'c1' } }
    const plain = stackone([err(503), ok()])
    expect((await settle(plain.so.POST('/unified/messaging/messages', send))).response.status).toBe(503)
    expect(plain.requests).toHaveLength(1)

    const optIn = stackone([err(503), json({ statusCode: 201 }, 201)], { retry: { retryNonIdempotent: true } })
    expect((await settle(optIn.so.POST('/unified/messaging/messages', send))).response.status).toBe(201)
    expect(optIn.requests).toHaveLength(2)
  })

  it('retries Mews getAll (a POST the spec declares idempotent) but not messageThreads/add', async () => {
    const getAll = scriptedFetch(json({ Message: 'busy' }, 503), json({ MessageThreads: [], Cursor: null }))
    const m1 = createMews({ clientToken: 'c', accessToken: 'a', client: 'x', fetch: getAll.fetch, baseUrl: 'https://m.test', ...noLimit })
    await settle(m1.POST('/api/connector/v1/messageThreads/getAll', { body: { Limitation: { Count: 10 }, MessageThreadIds: ['t'] } as never }))
    expect(getAll.requests).toHaveLength(2)

    const add = scriptedFetch(json({ Message: 'busy' }, 503), json({ MessageThreads: [] }))
    const m2 = createMews({ clientToken: 'c', accessToken: 'a', client: 'x', fetch: add.fetch, baseUrl: 'https://m.test', ...noLimit })
    await settle(m2.POST('/api/connector/v1/messageThreads/add', { body: { MessageThreads: [] } as never }))
    expect(add.requests).toHaveLength(1)
  })

  it('retries PUT and DELETE (idempotent by the spec)', async () => {
    const s = scriptedFetch(json({ code: 'x', message: 'down' }, 502), new Response(null, { status: 204 }))
    const brevo = createBrevo({ apiKey: 'k', fetch: s.fetch, baseUrl: 'https://b.test', ...noLimit })
    const res = await settle(brevo.DELETE('/conversations/messages/{id}', { params: { path: { id: 'm1' } } }))
    expect(res.response.status).toBe(204)
    expect(s.requests).toHaveLength(2)
  })

  it('honours Retry-After in seconds', async () => {
    const { so, gaps } = stackone([err(429, { 'retry-after': '3' }), ok()])
    await settle(so.GET('/unified/messaging/users'))
    expect(gaps()).toEqual([3000])
  })

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 5_000).toUTCString()
    const { so, gaps } = stackone([err(429, { 'retry-after': at }), ok()])
    await settle(so.GET('/unified/messaging/users'))
    const [gap] = gaps() as [number]
    expect(gap).toBeGreaterThan(4_000) // the date has 1 s resolution
    expect(gap).toBeLessThanOrEqual(5_000)
  })

  it('honours retry-after-ms before Retry-After', async () => {
    const { so, gaps } = stackone([err(429, { 'retry-after-ms': '250', 'retry-after': '9' }), ok()])
    await settle(so.GET('/unified/messaging/users'))
    expect(gaps()).toEqual([250])
  })

  it('fails at once when the server asks for more than 60 s, with the wait in the error', async () => {
    const { so, requests } = stackone([err(429, { 'retry-after': '120' }), ok()])
    const e = (await settle(so.orThrow.GET('/unified/messaging/users')).catch((x: unknown) => x)) as ApiError
    expect(requests).toHaveLength(1)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.retryAfterMs).toBe(120_000)
    expect(e.message).toContain('120 s')
  })

  it('retries connection failures, then reports a ConnectionError', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })
    const flaky = stackone([reset, ok()])
    expect((await settle(flaky.so.GET('/unified/messaging/users'))).response.status).toBe(200)
    const down = stackone([reset])
    const e = await settle(down.so.GET('/unified/messaging/users')).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ConnectionError)
    expect(e).toMatchObject({ attempts: 3, retryable: true })
    expect((e as Error).message).toContain('ECONNRESET')
  })

  it('maxRetries: 0 turns retries off; a bad value is refused at construction', async () => {
    const { so, requests } = stackone([err(503), ok()], { retry: { maxRetries: 0 } })
    await settle(so.GET('/unified/messaging/users'))
    expect(requests).toHaveLength(1)
    expect(() => createStackOne({ apiKey: 'k', accountId: 'a', retry: { maxRetries: -1 } })).toThrow(ConfigurationError)
  })

})

describe('timeouts', () => {
  const hang: Reply = (req) =>
    new Promise<Response>((_, reject) => req.signal.addEventListener('abort', () => reject(req.signal.reason)))

  it('aborts an attempt after timeoutMs, retries it, then throws TimeoutError', async () => {
    const { so, requests, gaps } = stackone([hang], { timeoutMs: 1_000 })
    const e = await settle(so.GET('/unified/messaging/users')).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(TimeoutError)
    expect(e).toMatchObject({ timeoutMs: 1_000, attempts: 3 })
    expect(requests).toHaveLength(3)
    expect(gaps()[0]).toBeGreaterThanOrEqual(1_000 + 375)
  })

  it('defaults to 60 s per attempt', async () => {
    const { so, gaps } = stackone([hang, ok()])
    await settle(so.GET('/unified/messaging/users'))
    expect(gaps()[0]).toBeGreaterThanOrEqual(60_000)
    expect(gaps()[0]).toBeLessThanOrEqual(60_500)
  })

  it("timeoutMs: Infinity never times out, and the caller's signal still aborts", async () => {
    const { so, requests } = stackone([hang], { timeoutMs: Infinity })
    const controller = new AbortController()
    const p = so.GET('/unified/messaging/users', { signal: controller.signal }).catch((x: unknown) => x)
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(requests).toHaveLength(1)
    controller.abort(new Error('stop'))
    expect(((await p) as Error).message).toBe('stop')
  })

  it('a per-call timeoutMs overrides the client', async () => {
    const { so, gaps } = stackone([hang, ok()], { timeoutMs: 60_000 })
    await settle(so.GET('/unified/messaging/users', { timeoutMs: 200 }))
    expect(gaps()[0]).toBeLessThan(1_000)
  })

  // One timer serves every attempt in flight (core/timeout.ts): each must still end at its own deadline.
  it('attempts in flight at the same time each time out at their own deadline, shorter after longer', async () => {
    const { so } = stackone([hang], { retry: { maxRetries: 0 } })
    const ended: Record<string, number> = {}
    const start = Date.now()
    const call = (name: string, timeoutMs: number) =>
      so.GET('/unified/messaging/users', { timeoutMs }).catch((e: unknown) => {
        expect(e).toBeInstanceOf(TimeoutError)
        ended[name] = Date.now() - start
      })
    const calls = [call('long', 5_000), call('short', 300), call('middle', 2_000)]
    await vi.runAllTimersAsync()
    await Promise.all(calls)
    expect(ended).toEqual({ short: 300, middle: 2_000, long: 5_000 })
  })

  it('an attempt that answered in time is not aborted later, and the next one still times out on time', async () => {
    let answered: Request | undefined
    const { so } = stackone(
      [
        (req) => {
          answered = req
          return ok()
        },
        hang,
      ],
      { timeoutMs: 1_000, retry: { maxRetries: 0 } },
    )
    expect((await so.GET('/unified/messaging/users')).response.status).toBe(200)
    await vi.advanceTimersByTimeAsync(500)
    const start = Date.now()
    const e = await settle(so.GET('/unified/messaging/users')).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(TimeoutError)
    expect(Date.now() - start).toBe(1_000)
    expect(answered!.signal.aborted).toBe(false)
  })

  it('fake timers installed after a call still drive the next timeout (the shared timer is re-armed on them)', async () => {
    vi.useRealTimers()
    const { so } = stackone([ok(), hang], { retry: { maxRetries: 0 } })
    // Leaves the shared timer set on the real clock, 60 s out.
    await so.GET('/unified/messaging/users')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const start = Date.now()
    const e = await settle(so.GET('/unified/messaging/users', { timeoutMs: 90_000 })).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(TimeoutError)
    expect(Date.now() - start).toBe(90_000)
  })

  it("the caller's signal aborts at once with the caller's reason, and is not retried", async () => {
    const { so, requests } = stackone([hang])
    const controller = new AbortController()
    const p = so.GET('/unified/messaging/users', { signal: controller.signal }).catch((x: unknown) => x)
    await vi.advanceTimersByTimeAsync(10)
    controller.abort(new Error('user navigated away'))
    expect(((await p) as Error).message).toBe('user navigated away')
    expect(requests).toHaveLength(1)
  })

  it('refuses a timeout that is not a positive number', () => {
    expect(() => createStackOne({ apiKey: 'k', accountId: 'a', timeoutMs: 0 })).toThrow(/timeoutMs must be 1 to 2\^31-1/)
    // Timers cannot wait longer than 2^31-1 ms: a bigger value would fire at once instead of never.
    expect(() => createStackOne({ apiKey: 'k', accountId: 'a', timeoutMs: 3e9 })).toThrow(ConfigurationError)
    expect(() => createStackOne({ apiKey: 'k', accountId: 'a', timeoutMs: Infinity })).not.toThrow()
  })
})

describe('delay rules', () => {
  it('backoff is 0.5 s x 2^n capped at 8 s, minus at most 25 %', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000])
    expect(backoffMs(0, () => 0.999)).toBeGreaterThanOrEqual(375)
  })
  it('reads retry-after-ms, Retry-After seconds and dates; ignores garbage', () => {
    const h = (o: Record<string, string>) => new Headers(o)
    expect(serverDelayMs(h({ 'retry-after': '2' }))).toBe(2000)
    expect(serverDelayMs(h({ 'retry-after-ms': '10' }))).toBe(10)
    expect(serverDelayMs(h({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000)
    expect(serverDelayMs(h({ 'retry-after': 'soon' }))).toBeUndefined()
    expect(serverDelayMs(h({}))).toBeUndefined()
  })
})

describe('server hints that say nothing', () => {
  it('Retry-After: 0 and an empty retry-after-ms fall back to the normal backoff (no busy loop)', async () => {
    const { so, gaps } = stackone([err(503, { 'retry-after': '0', 'retry-after-ms': '' }), err(503, { 'retry-after': '0' }), ok()])
    await settle(so.GET('/unified/messaging/users'))
    const [first, second] = gaps() as [number, number]
    expect(first).toBeGreaterThanOrEqual(375)
    expect(second).toBeGreaterThanOrEqual(750)
  })

  it('the "not retried" note follows the configured cap, not a fixed 60 s', async () => {
    const { so, requests } = stackone([err(429, { 'retry-after': '30' }), ok()], { retry: { maxRetryAfterMs: 5_000 } })
    const e = (await settle(so.orThrow.GET('/unified/messaging/users')).catch((x: unknown) => x)) as ApiError
    expect(requests).toHaveLength(1)
    expect(e.message).toContain('Retry-After 30 s: not retried')
  })
})

// Timeouts use the setTimeout of the moment, so fake timers (vitest, sinon) drive them like any other timer.
describe('timeouts under fake timers', () => {
  const hang = (request: Request) => new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)))

  it('abort the attempt once the time has passed, not before', async () => {
    const { so } = stackone([hang], { timeoutMs: 1_000, retry: { maxRetries: 0 } })
    let outcome: unknown
    const call = so.GET('/unified/messaging/users').then(
      (r) => (outcome = r),
      (e: unknown) => (outcome = e),
    )
    await vi.advanceTimersByTimeAsync(999)
    expect(outcome).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    await call
    expect(outcome).toBeInstanceOf(TimeoutError)
  })

  it('leave no timer behind once a call has its answer', async () => {
    const { so } = stackone([ok()])
    await so.GET('/unified/messaging/users')
    expect(vi.getTimerCount()).toBe(0)
  })
})
