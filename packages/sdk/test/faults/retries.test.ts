// Retries and the waits between them, over real HTTP to the fault server. The clock is faked (setTimeout and
// Date only) so every wait is asserted exactly without being waited for; sockets stay real. The clock moves only
// once the SDK is sleeping (advanceWhenPending finds its timer), never under a request still on the wire, and the
// server stamps arrivals with the fake Date, so `server.gaps()` are exactly the waits the SDK honoured.
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../src/index.js'
import { advanceWhenPending, fault, pendingTimerDelays } from './server.js'
import { CONVERSATION, MESSAGE, backoff, catchIt, clientsFor, useFaultServer } from './setup.js'

const server = useFaultServer({ fakeTimers: true })
const { stackone, brevo, sunshine, mews } = clientsFor(server)

const USERS = '/unified/messaging/users'
const THREADS_GET_ALL = { body: { MessageThreadIds: ['t1'], Limitation: { Count: 10 } } }

describe('server-requested waits', () => {
  it('StackOne: 429 + Retry-After: 3 (seconds) -> waits exactly 3 s, 2 attempts, then the 200', async () => {
    server.script(fault.retryAfterSeconds(3), fault.json({ data: [{ id: 'u1' }] }))
    const call = stackone().GET(USERS)
    expect(await advanceWhenPending(vi, 3_000)).toBe(3_000)
    const { data, response } = await call
    expect(response.status).toBe(200)
    expect(data?.data?.[0]?.id).toBe('u1')
    expect(server.requests).toHaveLength(2)
    expect(server.gaps()).toEqual([3_000])
  })

  it('Brevo: 429 + Retry-After as an HTTP date 5 s ahead -> waits exactly 5 s, 2 attempts', async () => {
    vi.setSystemTime(Math.ceil(Date.now() / 1000) * 1000) // HTTP dates have whole seconds
    server.script((req) => fault.retryAfterDate(new Date(req.at + 5_000)), fault.json({ id: 'msg_1', text: 'hi' }))
    const call = brevo().orThrow.GET('/conversations/messages/{id}', MESSAGE)
    expect(await advanceWhenPending(vi, 5_000)).toBe(5_000)
    expect(await call).toMatchObject({ id: 'msg_1' })
    expect(server.requests).toHaveLength(2)
    expect(server.gaps()).toEqual([5_000])
  })

  it('Sunshine: 429 + retry-after-ms: 250 (and Retry-After: 9) -> retry-after-ms wins, waits 250 ms', async () => {
    server.script(fault.retryAfterMs(250), fault.json({ conversation: { id: 'conv_1' } }))
    const call = sunshine().orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', CONVERSATION)
    expect(await advanceWhenPending(vi, 250)).toBe(250)
    expect((await call).conversation?.id).toBe('conv_1')
    expect(server.gaps()).toEqual([250])
  })

  it('StackOne: 429 + Retry-After: 120 -> not slept, one attempt, ApiError with retryAfterMs 120000', async () => {
    server.script(fault.retryAfterSeconds(120)).otherwise(fault.json({ data: [] }))
    const e = (await catchIt(stackone().orThrow.GET(USERS))) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 429, retryAfterMs: 120_000, attempts: 1, retryable: true, code: undefined })
    expect(e.message).toBe('GET /unified/messaging/users: HTTP 429: status 429 (Retry-After 120 s: not retried)')
    expect(pendingTimerDelays({ timeouts: false })).toEqual([]) // nothing left sleeping
    expect(server.requests).toHaveLength(1)
  })

  it('Brevo: 429 + Retry-After: 120 on a plain call -> returned at once as { error, response }, one attempt', async () => {
    server.script(fault.retryAfterSeconds(120)).otherwise(fault.json({ id: 'msg_1' }))
    const { data, error, response } = await brevo().GET('/conversations/messages/{id}', MESSAGE)
    expect(data).toBeUndefined()
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('120')
    expect(error).toMatchObject({ code: 'status_429' })
    expect(server.requests).toHaveLength(1)
  })

  it('Sunshine: Retry-After: 60 (the limit) is still honoured: waits 60 s, 2 attempts', async () => {
    server.script(fault.retryAfterSeconds(60), fault.json({ conversation: { id: 'conv_1' } }))
    // A 30 s attempt timeout keeps the attempt timer apart from the 60 s sleep being looked for.
    const call = sunshine({ timeoutMs: 30_000 }).GET('/v2/apps/{appId}/conversations/{conversationId}', CONVERSATION)
    expect(await advanceWhenPending(vi, 60_000)).toBe(60_000)
    expect((await call).response.status).toBe(200)
    expect(server.gaps()).toEqual([60_000])
  })

  it('Mews: retry.maxRetryAfterMs 180000 -> Retry-After: 120 is slept (120 s), then the 200', async () => {
    server.script(fault.retryAfterSeconds(120), fault.json({ MessageThreads: [{ Id: 't1' }], Cursor: null }))
    const call = mews({ retry: { maxRetryAfterMs: 180_000 } }).POST('/api/connector/v1/messageThreads/getAll', THREADS_GET_ALL)
    expect(await advanceWhenPending(vi, 120_000)).toBe(120_000)
    expect((await call).data?.MessageThreads).toHaveLength(1)
    expect(server.gaps()).toEqual([120_000])
  })
})

describe('backoff and limits', () => {
  it('Mews getAll (a POST the spec marks idempotent): 503 twice then 200 -> 3 attempts, 0.5 s then 1 s backoff', async () => {
    server.script(fault.status(503), fault.status(503), fault.json({ MessageThreads: [{ Id: 't1' }], Cursor: null }))
    const call = mews().orThrow.POST('/api/connector/v1/messageThreads/getAll', THREADS_GET_ALL)
    await advanceWhenPending(vi, backoff(0))
    await advanceWhenPending(vi, backoff(1))
    expect((await call).MessageThreads).toEqual([{ Id: 't1' }])
    expect(server.requests).toHaveLength(3)
    const [first, second] = server.gaps() as [number, number]
    expect(first).toBeGreaterThanOrEqual(375)
    expect(first).toBeLessThanOrEqual(500)
    expect(second).toBeGreaterThanOrEqual(750)
    expect(second).toBeLessThanOrEqual(1_000)
    // Every attempt carried the same body, tokens included.
    const bodies = server.requests.map((r) => r.json)
    expect(bodies[0]).toMatchObject({ ClientToken: 'CT', AccessToken: 'AT', Client: 'Parley test', MessageThreadIds: ['t1'] })
    expect(bodies[1]).toEqual(bodies[0])
    expect(bodies[2]).toEqual(bodies[0])
  })

  it('Brevo: 503 on every attempt -> 3 attempts (default 2 retries), ApiError with attempts 3', async () => {
    server.otherwise(fault.status(503))
    const call = catchIt(brevo().orThrow.GET('/conversations/messages/{id}', MESSAGE))
    await advanceWhenPending(vi, backoff(0))
    await advanceWhenPending(vi, backoff(1))
    const e = (await call) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 503, code: 'status_503', attempts: 3, retryable: true, operation: 'GET /conversations/messages/{id}' })
    expect(e.message).toBe('GET /conversations/messages/{id}: HTTP 503 (status_503): status 503')
    expect(server.requests).toHaveLength(3)
  })

  it('Sunshine: an HTML 502 page on every attempt -> 3 attempts, ApiError "Bad Gateway" with the page as body', async () => {
    server.otherwise(fault.html502())
    const call = catchIt(sunshine().orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', CONVERSATION))
    await advanceWhenPending(vi, backoff(0))
    await advanceWhenPending(vi, backoff(1))
    const e = (await call) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 502, code: undefined, attempts: 3, retryable: true })
    expect(e.message).toBe('GET /v2/apps/{appId}/conversations/{conversationId}: HTTP 502: Bad Gateway')
    expect(e.body).toContain('<h1>502 Bad Gateway</h1>')
    expect(server.requests).toHaveLength(3)
  })

  it.each([408, 429, 500, 502, 503, 504])('StackOne: status %i is retried (2 attempts)', async (status) => {
    server.script(fault.status(status), fault.json({ data: [] }))
    const call = stackone().GET(USERS)
    await advanceWhenPending(vi, backoff(0))
    expect((await call).response.status).toBe(200)
    expect(server.requests).toHaveLength(2)
  })

  it.each([400, 401, 403, 404, 409, 422, 501])('Mews: status %i is not retried (1 attempt, ApiError)', async (status) => {
    server.script(fault.status(status)).otherwise(fault.json({ MessageThreads: [], Cursor: null }))
    const e = (await catchIt(mews().orThrow.POST('/api/connector/v1/messageThreads/getAll', THREADS_GET_ALL))) as ApiError
    expect(e).toMatchObject({ name: 'ApiError', status, attempts: 1, retryable: false, message: expect.stringContaining(`status ${status}`) })
    expect(server.requests).toHaveLength(1)
  })

  it('StackOne: retry.maxRetries 0 -> one attempt, the 503 handed back', async () => {
    server.script(fault.status(503)).otherwise(fault.json({ data: [] }))
    const { response, error } = await stackone({ retry: { maxRetries: 0 } }).GET(USERS)
    expect(response.status).toBe(503)
    expect(error).toMatchObject({ message: 'status 503' })
    expect(server.requests).toHaveLength(1)
  })

  it('Brevo: retry.maxRetries 4 -> 5 attempts with backoff 0.5, 1, 2, 4 s (minus jitter)', async () => {
    server.otherwise(fault.status(500))
    const call = catchIt(brevo({ retry: { maxRetries: 4 } }).orThrow.GET('/conversations/messages/{id}', MESSAGE))
    for (const n of [0, 1, 2, 3]) await advanceWhenPending(vi, backoff(n))
    expect(await call).toMatchObject({ name: 'ApiError', status: 500, attempts: 5 })
    const gaps = server.gaps()
    expect(gaps).toHaveLength(4)
    gaps.forEach((gap, n) => expect(backoff(n)(gap)).toBe(true))
  })
})
