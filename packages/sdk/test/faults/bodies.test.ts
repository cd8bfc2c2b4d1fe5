// Answers that break on the wire or in the body: resets before headers and mid-body, malformed JSON, an empty 200,
// a 200 whose body is not what the spec says. Real HTTP; the clock is faked (setTimeout, Date) only to skip the
// backoff between attempts, and moves only while the SDK sleeps.
import { describe, expect, it, vi } from 'vitest'
import { ConnectionError, PaginationError } from '../../src/index.js'
import { advanceWhenPending, fault } from './server.js'
import { CONVERSATION, MESSAGE, backoff, catchIt, clientsFor, useFaultServer } from './setup.js'

const server = useFaultServer({ fakeTimers: true })
const { stackone, brevo, sunshine, mews } = clientsFor(server)

const USER = { params: { path: { id: 'u1' } } }

/** Drives a call through its two backoff sleeps (default retries) and returns what it settled with. */
async function throughRetries(call: Promise<unknown>): Promise<unknown> {
  const settled = catchIt(call)
  await advanceWhenPending(vi, backoff(0))
  await advanceWhenPending(vi, backoff(1))
  return settled
}

describe('connection reset', () => {
  it('StackOne: reset before headers, then 200 -> retried after backoff, the user gets the 200 (2 attempts)', async () => {
    server.script(fault.reset(), fault.json({ data: { id: 'u1', name: 'Ada' } }))
    const call = stackone().orThrow.GET('/unified/messaging/users/{id}', USER)
    await advanceWhenPending(vi, backoff(0))
    expect((await call).data?.name).toBe('Ada')
    expect(server.requests).toHaveLength(2)
    expect(backoff(0)(server.gaps()[0]!)).toBe(true)
  })

  it('Brevo: reset before headers on every attempt -> ConnectionError (ECONNRESET), attempts 3', async () => {
    server.otherwise(fault.reset())
    const e = (await throughRetries(brevo().GET('/conversations/messages/{id}', MESSAGE))) as ConnectionError
    expect(e).toBeInstanceOf(ConnectionError)
    expect(e).toMatchObject({ attempts: 3, retryable: true, operation: 'GET /conversations/messages/{id}' })
    expect(e.message).toBe('GET /conversations/messages/{id} failed: fetch failed (ECONNRESET), attempts: 3')
    expect(e.cause).toBeInstanceOf(TypeError)
    expect(server.requests).toHaveLength(3)
  })

  it('Sunshine: reset mid-body on every attempt -> ConnectionError "terminated", attempts 3', async () => {
    server.otherwise(fault.resetMidBody({ conversation: { id: 'conv_1', metadata: { pad: 'x'.repeat(2_000) } } }))
    const e = (await throughRetries(
      sunshine().orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', CONVERSATION),
    )) as ConnectionError
    expect(e).toBeInstanceOf(ConnectionError)
    expect(e).toMatchObject({ attempts: 3, retryable: true })
    expect(e.message).toMatch(/^GET \/v2\/apps\/\{appId\}\/conversations\/\{conversationId\} failed: terminated( \(\w+\))?, attempts: 3$/)
    expect(server.requests).toHaveLength(3)
  })

  it('Mews getAll: reset mid-body, then 200 -> retried, the user gets the threads (2 attempts)', async () => {
    server.script(fault.resetMidBody({ MessageThreads: [{ Id: 't0' }], Cursor: null }), fault.json({ MessageThreads: [{ Id: 't1' }], Cursor: null }))
    const call = mews().orThrow.POST('/api/connector/v1/messageThreads/getAll', { body: { MessageThreadIds: ['t1'], Limitation: { Count: 10 } } })
    await advanceWhenPending(vi, backoff(0))
    expect((await call).MessageThreads).toEqual([{ Id: 't1' }])
    expect(server.requests).toHaveLength(2)
  })
})

describe('malformed and empty bodies', () => {
  it('StackOne: malformed JSON in a 200 on every attempt -> ConnectionError whose cause is the SyntaxError, attempts 3', async () => {
    server.otherwise(fault.malformedJson())
    const e = (await throughRetries(stackone().GET('/unified/messaging/users'))) as ConnectionError
    expect(e).toBeInstanceOf(ConnectionError)
    expect(e).toMatchObject({ attempts: 3, retryable: true })
    expect(e.cause).toBeInstanceOf(SyntaxError)
    expect(e.message).toMatch(/^GET \/unified\/messaging\/users failed: .*JSON.*, attempts: 3$/)
    expect(server.requests).toHaveLength(3)
  })

  it('Sunshine: malformed JSON, then a good answer -> retried, the user gets the conversation (2 attempts)', async () => {
    server.script(fault.malformedJson(), fault.json({ conversation: { id: 'conv_1' } }))
    const call = sunshine().orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', CONVERSATION)
    await advanceWhenPending(vi, backoff(0))
    expect((await call).conversation?.id).toBe('conv_1')
    expect(server.requests).toHaveLength(2)
  })

  it('Brevo: an empty 200 where JSON is expected -> data undefined, no error, not retried (1 attempt each)', async () => {
    server.otherwise(fault.empty200())
    const plain = await brevo().GET('/conversations/messages/{id}', MESSAGE)
    expect(plain.response.status).toBe(200)
    expect(plain.data).toBeUndefined()
    expect(plain.error).toBeUndefined()
    expect(await brevo().orThrow.GET('/conversations/messages/{id}', MESSAGE)).toBeUndefined()
    expect(server.requests).toHaveLength(2)
  })

  it('Mews paginate: an empty 200 -> a page without items ends the listing (1 request, 0 items)', async () => {
    server.otherwise(fault.empty200())
    const items: unknown[] = []
    for await (const t of mews().paginate('/api/connector/v1/messageThreads/getAll', { body: { MessageThreadIds: ['t1'], Limitation: { Count: 10 } } })) {
      items.push(t)
    }
    expect(items).toEqual([])
    expect(server.requests).toHaveLength(1)
  })
})

describe('a 200 whose body does not match the spec', () => {
  it('StackOne paginate: `data` is not an array -> PaginationError on page 1 (1 request)', async () => {
    server.otherwise(fault.json({ data: 'not a list', next: 'c2' }))
    const e = await catchIt((async () => {
      for await (const _ of stackone().paginate('/unified/messaging/conversations')) void _
    })())
    expect(e).toBeInstanceOf(PaginationError)
    expect(e).toMatchObject({ page: 1, operation: 'GET /unified/messaging/conversations' })
    expect((e as Error).message).toBe('GET /unified/messaging/conversations, page 1: "data" is no array')
    expect(server.requests).toHaveLength(1)
  })

  it('Sunshine paginate: `conversations` is an object -> PaginationError on page 2, after page 1 was yielded', async () => {
    server.script(
      fault.json({ conversations: [{ id: 'c1' }], meta: { hasMore: true, afterCursor: 'a1' } }),
      fault.json({ conversations: { id: 'c2' }, meta: { hasMore: false } }),
    )
    const seen: string[] = []
    const e = await catchIt((async () => {
      for await (const c of sunshine().paginate('/v2/apps/{appId}/conversations', { params: { path: { appId: 'app_1' }, query: { filter: { userId: 'u1' } } } })) {
        seen.push(c.id!)
      }
    })())
    expect(seen).toEqual(['c1'])
    expect(e).toMatchObject({ name: 'PaginationError', page: 2 })
    expect(server.requests).toHaveLength(2)
  })

  it('Sunshine paginate: a `null` body -> a page without items ends the listing (no TypeError)', async () => {
    server.otherwise(fault.json(null))
    const seen: unknown[] = []
    for await (const c of sunshine().paginate('/v2/apps/{appId}/conversations', { params: { path: { appId: 'app_1' }, query: { filter: { userId: 'u1' } } } })) {
      seen.push(c)
    }
    expect(seen).toEqual([])
    expect(server.requests).toHaveLength(1)
  })

  it('Brevo: a single-object answer of the wrong shape is handed over as sent (bodies are not validated)', async () => {
    server.otherwise(fault.json({ unexpected: true }))
    expect(await brevo().orThrow.GET('/conversations/messages/{id}', MESSAGE)).toEqual({ unexpected: true })
    expect(server.requests).toHaveLength(1)
  })
})
