// Whatever fails, a POST that sends or creates something reaches the server exactly once: every non-idempotent
// operation of the four APIs against every fault, with default retries (2) on the client. Real HTTP.
import { describe, expect, it } from 'vitest'
import { ApiError, ConnectionError, TimeoutError } from '../../src/index.js'
import { fault, realDelay, type Behaviour } from './server.js'
import { clientsFor, useFaultServer } from './setup.js'

const server = useFaultServer()
const { stackone, brevo, sunshine, mews } = clientsFor(server)

type Send = (call: { timeoutMs?: number }) => Promise<unknown>
/** [operation, the call, the path the server must see, a string its body must contain] */
const SENDS: [string, Send, string, string][] = [
  [
    'StackOne send message',
    (c) => stackone().orThrow.POST('/unified/messaging/messages', { body: { content: 'Your order shipped', recipient: 'conv_1' }, ...c }),
    '/unified/messaging/messages',
    'Your order shipped',
  ],
  [
    'StackOne create conversation',
    (c) => stackone().orThrow.POST('/unified/messaging/conversations', { body: { name: 'Order 10234', participants: ['u1'] }, ...c }),
    '/unified/messaging/conversations',
    'Order 10234',
  ],
  [
    'Brevo send message',
    (c) => brevo().orThrow.POST('/conversations/messages', { body: { visitorId: 'v1', text: 'Hello from Liz', agentId: 'a1' }, ...c }),
    '/conversations/messages',
    'Hello from Liz',
  ],
  [
    'Brevo send automated message',
    (c) => brevo().orThrow.POST('/conversations/pushedMessages', { body: { visitorId: 'v1', text: 'Your parcel is out' }, ...c }),
    '/conversations/pushedMessages',
    'Your parcel is out',
  ],
  [
    'Sunshine create conversation',
    (c) =>
      sunshine().orThrow.POST('/v2/apps/{appId}/conversations', {
        params: { path: { appId: 'app_1' } },
        body: { type: 'personal', participants: [{ userId: 'u1' }], displayName: 'Delivery follow-up' },
        ...c,
      }),
    '/v2/apps/app_1/conversations',
    'Delivery follow-up',
  ],
  [
    'Sunshine post message',
    (c) =>
      sunshine().orThrow.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
        params: { path: { appId: 'app_1', conversationId: 'conv_1' } },
        body: { author: { type: 'business' }, content: { type: 'text', text: 'We are on it' } },
        ...c,
      }),
    '/v2/apps/app_1/conversations/conv_1/messages',
    'We are on it',
  ],
  [
    'Mews add thread',
    (c) => mews().orThrow.POST('/api/connector/v1/messageThreads/add', { body: { OriginalSender: 'John Doe', Subject: 'Late check-in' }, ...c }),
    '/api/connector/v1/messageThreads/add',
    'Late check-in',
  ],
  [
    'Mews add messages',
    (c) =>
      mews().orThrow.POST('/api/connector/v1/messages/add', {
        body: { Messages: [{ MessageThreadId: 't1', Text: 'Towels on the way', Identifier: 'msg-0001' }] },
        ...c,
      }),
    '/api/connector/v1/messages/add',
    'Towels on the way',
  ],
]

/** [fault, behaviour, the error class the caller gets, its fields] */
const FAULTS: [string, Behaviour, new (...args: never[]) => Error, Record<string, unknown>][] = [
  ['503', fault.status(503), ApiError, { status: 503, attempts: 1, retryable: true }],
  ['500', fault.status(500), ApiError, { status: 500, attempts: 1, retryable: true }],
  ['429 + Retry-After: 1', fault.retryAfterSeconds(1), ApiError, { status: 429, retryAfterMs: 1_000, attempts: 1 }],
  ['HTML 502 page', fault.html502(), ApiError, { status: 502, attempts: 1, message: expect.stringMatching(/HTTP 502: Bad Gateway$/) }],
  ['reset before headers', fault.reset(), ConnectionError, { attempts: 1, message: expect.stringContaining('fetch failed') }],
  ['reset mid-body', fault.resetMidBody(), ConnectionError, { attempts: 1, message: expect.stringContaining('terminated') }],
  ['malformed JSON', fault.malformedJson(), ConnectionError, { attempts: 1, cause: expect.any(SyntaxError) }],
  ['headers then silence (timeoutMs 100)', fault.silence(), TimeoutError, { timeoutMs: 100, attempts: 1 }],
]

describe.each(SENDS)('%s', (_op, send, path, marker) => {
  it.each(FAULTS)('%s -> reached the server exactly once', async (label, behaviour, errorClass, fields) => {
    server.otherwise(behaviour)
    const error = await send(label.includes('silence') ? { timeoutMs: 100 } : {}).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(errorClass)
    expect(error).toMatchObject(fields)
    await realDelay(20) // a retry, had there been one, would have been sent by now (none waits for this long)
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]).toMatchObject({ method: 'POST', path })
    expect(server.requests[0]!.body).toContain(marker)
  })
})

describe('what does retry', () => {
  it('Brevo send message with retry.retryNonIdempotent: 503 then 201 -> sent twice, the caller gets the 201', async () => {
    server.script(fault.status(503, { 'retry-after-ms': '5' }), fault.json({ id: 'msg_1' }, 201))
    const data = await brevo({ retry: { retryNonIdempotent: true } }).orThrow.POST('/conversations/messages', {
      body: { visitorId: 'v1', text: 'Hello', agentId: 'a1' },
    })
    expect(data).toMatchObject({ id: 'msg_1' })
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1]!.body).toBe(server.requests[0]!.body)
  })

  it('Sunshine post message with retry.maxRetries 10: a 503 is still sent once (retries apply to idempotent operations only)', async () => {
    server.otherwise(fault.status(503, { 'retry-after-ms': '5' }))
    const e = await sunshine({ retry: { maxRetries: 10 } })
      .orThrow.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
        params: { path: { appId: 'app_1', conversationId: 'conv_1' } },
        body: { author: { type: 'business' }, content: { type: 'text', text: 'hi' } },
      })
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 503, attempts: 1 })
    expect(server.requests).toHaveLength(1)
  })

  it('Brevo agent online ping (a POST the spec marks idempotent): 503 then 200 -> retried, 2 requests', async () => {
    server.script(fault.status(503, { 'retry-after-ms': '5' }), fault.json({}))
    const { response } = await brevo().POST('/conversations/agentOnlinePing', { body: { agentId: 'a1' } })
    expect(response.status).toBe(200)
    expect(server.requests).toHaveLength(2)
  })

  it('Mews add thread, reset before headers with retryNonIdempotent -> retried once the caller allows it (2 requests)', async () => {
    server.script(fault.reset(), fault.json({ MessageThreads: [{ Id: 't1' }] }))
    const started = Date.now()
    const data = await mews({ retry: { retryNonIdempotent: true } }).orThrow.POST('/api/connector/v1/messageThreads/add', {
      body: { OriginalSender: 'John Doe', Subject: 'Late check-in' },
    })
    expect(data.MessageThreads).toEqual([{ Id: 't1' }])
    expect(server.requests).toHaveLength(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(375 - 5) // the 0.5 s backoff (minus jitter) was honoured
  })
})
