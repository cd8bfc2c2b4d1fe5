// Timeouts over real sockets: headers then silence, no headers at all, slow bodies inside and outside the budget,
// the caller's own abort. The 60 s default is checked with a fake clock (moved only once the server holds the
// request); the rest use small per-call timeoutMs and real time, measured with generous bounds.
import { describe, expect, it, vi } from 'vitest'
import { TimeoutError } from '../../src/index.js'
import { advanceWhenPending, elapsedSince, fault, realDelay, realNow, until } from './server.js'
import { CONVERSATION, MESSAGE, backoff, catchIt, clientsFor, useFaultServer } from './setup.js'

const server = useFaultServer({ restoreTimers: true }) // tests that fake the clock do so themselves
const { stackone, brevo, sunshine, mews } = clientsFor(server)

const allGone = () => server.requests.every((r) => r.clientGone)

describe('timeouts', () => {
  it('StackOne: headers then silence, default timeout -> each attempt cut at 60 s, 3 attempts, TimeoutError', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    server.otherwise(fault.silence())
    const call = catchIt(stackone().GET('/unified/messaging/users'))
    for (let attempt = 1; attempt <= 3; attempt++) {
      await server.waitForRequests(attempt)
      await realDelay(20) // the headers reach the client; then only the timer can end the attempt
      await advanceWhenPending(vi, 60_000)
      if (attempt < 3) await advanceWhenPending(vi, backoff(attempt - 1))
    }
    const e = (await call) as TimeoutError
    expect(e).toBeInstanceOf(TimeoutError)
    expect(e).toMatchObject({ timeoutMs: 60_000, attempts: 3, retryable: true, operation: 'GET /unified/messaging/users' })
    expect(e.message).toBe('GET /unified/messaging/users timed out after 60000 ms, attempts: 3')
    expect(server.requests).toHaveLength(3)
    const [first, second] = server.gaps() as [number, number]
    expect(backoff(0)(first - 60_000)).toBe(true)
    expect(backoff(1)(second - 60_000)).toBe(true)
    await until(allGone, 2_000, 'the client hung up on every attempt')
  })

  it('Brevo: no headers at all, timeoutMs 150, maxRetries 1 -> 2 attempts, TimeoutError after ~0.7 s real', async () => {
    server.otherwise(fault.hang())
    const started = realNow()
    const e = (await catchIt(
      brevo({ retry: { maxRetries: 1 } }).GET('/conversations/messages/{id}', { ...MESSAGE, timeoutMs: 150 }),
    )) as TimeoutError
    const took = elapsedSince(started)
    expect(e).toBeInstanceOf(TimeoutError)
    expect(e).toMatchObject({ timeoutMs: 150, attempts: 2 })
    expect(server.requests).toHaveLength(2)
    expect(took).toBeGreaterThanOrEqual(150 + 375 + 150 - 5)
    expect(took).toBeLessThan(5_000)
    await until(allGone, 2_000, 'the client hung up on every attempt')
  })

  it('Mews getAll: a slow body (5 chunks, 40 ms apart) inside timeoutMs 2000 -> the data, 1 attempt', async () => {
    const threads = Array.from({ length: 40 }, (_, i) => ({ Id: `t${i}`, Subject: `Thread ${i}` }))
    server.script(fault.slowBody({ MessageThreads: threads, Cursor: null }, 5, 40))
    const started = realNow()
    const data = await mews({ timeoutMs: 2_000 }).orThrow.POST('/api/connector/v1/messageThreads/getAll', {
      body: { MessageThreadIds: ['t1'], Limitation: { Count: 100 } },
    })
    expect(data.MessageThreads).toEqual(threads)
    expect(elapsedSince(started)).toBeGreaterThanOrEqual(5 * 40 - 10)
    expect(server.requests).toHaveLength(1)
  })

  it('Sunshine: a slow body outlasting timeoutMs 200 (headers came in time) -> TimeoutError: the budget covers the body', async () => {
    server.otherwise(fault.slowBody({ conversation: { id: 'conv_1', metadata: { pad: 'x'.repeat(4_000) } } }, 40, 50))
    const started = realNow()
    const e = (await catchIt(
      sunshine({ retry: { maxRetries: 0 } }).orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', { ...CONVERSATION, timeoutMs: 200 }),
    )) as TimeoutError
    const took = elapsedSince(started)
    expect(e).toBeInstanceOf(TimeoutError)
    expect(e).toMatchObject({ timeoutMs: 200, attempts: 1 })
    expect(took).toBeGreaterThanOrEqual(195)
    expect(took).toBeLessThan(1_500) // the whole body would take 2 s
    expect(server.requests).toHaveLength(1)
    await until(allGone, 2_000, 'the client hung up')
  })

  it("StackOne: the caller's AbortSignal during silence -> rejects with the caller's reason, 1 attempt, not retried", async () => {
    server.otherwise(fault.silence())
    const controller = new AbortController()
    const call = catchIt(stackone().GET('/unified/messaging/users', { signal: controller.signal }))
    await server.waitForRequests(1)
    const reason = new Error('user navigated away')
    controller.abort(reason)
    expect(await call).toBe(reason)
    await realDelay(50)
    expect(server.requests).toHaveLength(1)
    await until(allGone, 2_000, 'the client hung up')
  })

  it('Mews: timeoutMs Infinity -> a 300 ms silence is waited out and the answer arrives (no timer at all)', async () => {
    server.script({ kind: 'slow', status: 200, body: JSON.stringify({ MessageThreads: [], Cursor: null }), chunks: 1, intervalMs: 300, headers: { 'content-type': 'application/json' } })
    const data = await mews({ timeoutMs: Infinity }).orThrow.POST('/api/connector/v1/messageThreads/getAll', {
      body: { MessageThreadIds: ['t1'], Limitation: { Count: 10 } },
    })
    expect(data.MessageThreads).toEqual([])
    expect(server.requests).toHaveLength(1)
  })
})
