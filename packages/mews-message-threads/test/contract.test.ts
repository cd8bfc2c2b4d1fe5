// Contract tests: every operation through the generated client against Prism serving specs/mews-message-threads.yaml.
// Prism validates each request against the spec, so an accepted call proves the client sends what Mews expects, and
// a rejected one proves the spec (and, where marked @ts-expect-error, the types) encode the rule.
import { describe, expect, it } from 'vitest'
import {
  createMewsMessageThreadsClient,
  defaultBaseUrl,
  operations,
  productionBaseUrl,
  type ConnectorAuthentication,
  type Message,
  type MessageThread,
} from '../src/index.js'
import { mockUrl, recordCalls, violations, type Violation } from '../../../test/support/contract.js'

const API = 'mews-message-threads'
const tokens: ConnectorAuthentication = {
  ClientToken: 'E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D',
  AccessToken: 'C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D',
  Client: 'Parley Contract Tests 1.0.0',
}
const THREAD = '7f9325f6-ef44-4911-89a8-ae51010a5aa4'
const september = { StartUtc: '2025-09-01T00:00:00Z', EndUtc: '2025-10-01T00:00:00Z' }
const REQUEST_ID = '5b0d7c3e-1a2f-4e6b-9c8d-7f3a2e1b0c94'

function client() {
  const c = createMewsMessageThreadsClient({ baseUrl: mockUrl(API) })
  c.use(recordCalls(API))
  return c
}

/** The violations as comparable strings, for set comparison where Prism's order carries no meaning. */
async function violationSet(response: Response): Promise<Set<string>> {
  const found: Violation[] = await violations(response)
  return new Set(found.map((v) => `${v.location?.join('.')} ${v.code}: ${v.message}`))
}

describe('Mews message threads: valid calls are accepted and typed', () => {
  const mews = client()

  it('messageThreads_getAll: tokens, EnterpriseIds, CreatedUtc + UpdatedUtc and a Limitation with Cursor', async () => {
    const { data, error, response } = await mews.POST('/api/connector/v1/messageThreads/getAll', {
      body: {
        ...tokens,
        EnterpriseIds: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'],
        CreatedUtc: september,
        UpdatedUtc: { StartUtc: '2025-09-01T00:00:00Z', EndUtc: '2025-11-30T00:00:00Z' },
        Limitation: { Count: 10, Cursor: 'e7f26210-10e7-462e-9da8-ae8300be8ab7' },
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(response.headers.get('Request-Id')).toBe(REQUEST_ID)
    const threads: MessageThread[] = data?.MessageThreads ?? []
    expect(threads.map((t) => [t.OriginalSender, t.Subject, t.IsResolved])).toEqual([
      ['John Doe', 'Late check-in request', false],
      ['Jane Smith', 'Extra towels', true],
    ])
    // the cursor is the id of the last (oldest) thread returned
    expect(data?.Cursor).toBe(threads.at(-1)?.Id)
    expect(data?.Cursor).toBe('2b4c5a1e-9d7f-4c3b-8a6e-b31f00a4c2d1')
  })

  it('messageThreads_getAll: MessageThreadIds alone is a sufficient filter', async () => {
    const { data, response } = await mews.POST('/api/connector/v1/messageThreads/getAll', {
      body: { ...tokens, MessageThreadIds: [THREAD], Limitation: { Count: 1000 } },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(data?.MessageThreads[0]?.Id).toBe(THREAD)
  })

  it('messageThreads_add: answers a one-item MessageThreads array', async () => {
    const { data, error, response } = await mews.POST('/api/connector/v1/messageThreads/add', {
      body: { ...tokens, OriginalSender: 'John Doe', Subject: 'Late check-in request' },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(response.headers.get('Request-Id')).toBe(REQUEST_ID)
    expect(data?.MessageThreads).toHaveLength(1)
    expect(data?.MessageThreads[0]).toEqual({
      Id: '8d02142f-31cf-4115-90bf-ae5200c7a1ba',
      OriginalSender: 'John Doe',
      Subject: 'Late check-in request',
      CreatedUtc: '2025-09-08T12:06:50Z',
      UpdatedUtc: '2025-09-08T12:06:50Z',
      IsResolved: false,
    } satisfies MessageThread)
  })

  it('messages_getAll: MessageThreadIds, a 1-month CreatedUtc and Limitation', async () => {
    const { data, error, response } = await mews.POST('/api/connector/v1/messages/getAll', {
      body: {
        ...tokens,
        EnterpriseIds: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'],
        MessageThreadIds: [THREAD],
        CreatedUtc: september,
        Limitation: { Count: 100, Cursor: null },
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(response.headers.get('Request-Id')).toBe(REQUEST_ID)
    const messages: Message[] = data?.Messages ?? []
    expect(messages.map((m) => m.Sender)).toEqual([
      { Discriminator: 'Enterprise', Value: null },
      { Discriminator: 'Application', Value: null },
    ])
    expect(messages.every((m) => m.MessageThreadId === THREAD)).toBe(true)
    expect(messages[1]?.Text).toBe('Hello, I will arrive around 23:00. Is late check-in possible?')
    expect(data?.Cursor).toBe('a6c1e0f4-3b8d-4f27-8e19-b321009c4a52')
    expect(data?.Cursor).toBe(messages.at(-1)?.Id)
  })

  it('messages_getAll: a sender without Value, or as a plain string, is a valid answer', async () => {
    const { data, response } = await mews.POST('/api/connector/v1/messages/getAll', {
      body: { ...tokens, MessageThreadIds: [THREAD], Limitation: { Count: 100 } },
      // the named example; Prism (--errors) would answer 500 if it broke the Message schema
      params: { header: { Prefer: 'example=otherSenderShapes' } },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    const senders = (data?.Messages ?? []).map((m) => (typeof m.Sender === 'string' ? m.Sender : m.Sender.Discriminator))
    expect(senders).toEqual(['Application', 'Application'])
    expect(data?.Messages[0]?.Sender).toEqual({ Discriminator: 'Application' })
  })

  it('messageThreads_getAll: a thread without IsResolved (the vendor\'s own example) is a valid answer', async () => {
    const { data, response } = await mews.POST('/api/connector/v1/messageThreads/getAll', {
      body: { ...tokens, MessageThreadIds: [THREAD], Limitation: { Count: 10 } },
      params: { header: { Prefer: 'example=withoutIsResolved' } },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(data?.MessageThreads[0]?.Id).toBe(THREAD)
    expect(data?.MessageThreads[0]?.IsResolved).toBeUndefined()
  })

  it('messages_getAll with Prefer: return=minimal may answer an empty page as 204 without a body', async () => {
    const { data, error, response } = await mews.POST('/api/connector/v1/messages/getAll', {
      body: { ...tokens, MessageThreadIds: [THREAD], Limitation: { Count: 100 } },
      // Mews reads `return=minimal` from this header, Prism its own `code=...`: ask the mock for the declared 204
      params: { header: { Prefer: 'code=204' } },
    })
    expect(response.status).toBe(204)
    expect(error).toBeUndefined()
    expect(data).toBeUndefined()
    expect(response.headers.get('Request-Id')).toBe(REQUEST_ID)
  })

  it('messages_add: each added message comes back with its Identifier', async () => {
    const { data, error, response } = await mews.POST('/api/connector/v1/messages/add', {
      body: {
        ...tokens,
        Messages: [{ MessageThreadId: THREAD, Text: 'Great, thank you! See you tonight.', Identifier: 'msg-2025-09-08-0001' }],
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(response.headers.get('Request-Id')).toBe(REQUEST_ID)
    const added = data?.Messages[0]
    expect(added?.Identifier).toBe('msg-2025-09-08-0001')
    expect(added?.Message.Sender).toEqual({ Discriminator: 'Application', Value: null })
    expect(added?.Message.MessageThreadId).toBe(THREAD)
    expect(added?.Message.Text).toBe('Great, thank you! See you tonight.')
  })

  it('LanguageCode and CultureCode sent together are accepted', async () => {
    const { response } = await mews.POST('/api/connector/v1/messageThreads/add', {
      body: { ...tokens, LanguageCode: 'en-US', CultureCode: 'en-US', OriginalSender: 'Jane Smith', Subject: 'Extra towels' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
  })
})

describe('Mews message threads: calls that break the spec are rejected', () => {
  it('no tokens in the body -> 400, AccessToken, Client and ClientToken required', async () => {
    const { error, response } = await client().POST('/api/connector/v1/messageThreads/getAll', {
      // @ts-expect-error the three tokens are required in every body, so the types refuse this call too
      body: { CreatedUtc: september, Limitation: { Count: 10 } },
    })
    expect(response.status).toBe(400)
    expect(error).toMatchObject({ Message: expect.any(String), RequestId: REQUEST_ID })
    expect(await violationSet(response)).toEqual(
      new Set([
        "request.body required: Request body must have required property 'AccessToken'",
        "request.body required: Request body must have required property 'Client'",
        "request.body required: Request body must have required property 'ClientToken'",
      ]),
    )
  })

  // [test name, the call, the violation's code, its message]
  it.each([
    [
      'Limitation.Count 0 -> 400 "minimum"',
      () =>
        client().POST('/api/connector/v1/messageThreads/getAll', {
          body: { ...tokens, CreatedUtc: september, Limitation: { Count: 0 } },
        }),
      'minimum',
      'Request body property Limitation.Count must be >= 1',
    ],
    [
      'Limitation.Count 1001 -> 400 "maximum"',
      () =>
        client().POST('/api/connector/v1/messages/getAll', {
          body: { ...tokens, MessageThreadIds: [THREAD], Limitation: { Count: 1001 } },
        }),
      'maximum',
      'Request body property Limitation.Count must be <= 1000',
    ],
  ])('%s', async (_name, call, code, message) => {
    const { response } = await call()
    expect(response.status).toBe(400)
    expect(await violations(response)).toEqual([
      {
        location: ['request', 'body', 'Limitation', 'Count'],
        severity: 'Error',
        code,
        message,
      },
    ])
  })

  it('messageThreads/getAll without any filter -> 400 "anyOf" (MessageThreadIds, CreatedUtc or UpdatedUtc)', async () => {
    const { response } = await client().POST('/api/connector/v1/messageThreads/getAll', {
      // @ts-expect-error at least one of MessageThreadIds / CreatedUtc / UpdatedUtc is required, in the types too
      body: { ...tokens, EnterpriseIds: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'], Limitation: { Count: 10 } },
    })
    expect(response.status).toBe(400)
    expect(await violationSet(response)).toEqual(
      new Set([
        "request.body required: Request body must have required property 'MessageThreadIds'",
        "request.body required: Request body must have required property 'CreatedUtc'",
        "request.body required: Request body must have required property 'UpdatedUtc'",
        'request.body anyOf: Request body must match a schema in anyOf',
      ]),
    )
  })

  it('messages/add with 1001 messages -> 400 "maxItems"', async () => {
    const Messages = Array.from({ length: 1001 }, (_, i) => ({ MessageThreadId: THREAD, Text: `Message ${i + 1}` }))
    const { response } = await client().POST('/api/connector/v1/messages/add', { body: { ...tokens, Messages } })
    expect(response.status).toBe(400)
    expect(await violations(response)).toEqual([
      {
        location: ['request', 'body', 'Messages'],
        severity: 'Error',
        code: 'maxItems',
        message: 'Request body property Messages must NOT have more than 1000 items',
      },
    ])
  })

  // [test name, the call without Limitation]
  it.each([
    [
      'messageThreads/getAll without Limitation -> 400 "required"',
      () =>
        client().POST('/api/connector/v1/messageThreads/getAll', {
          // @ts-expect-error Limitation is required
          body: { ...tokens, CreatedUtc: september },
        }),
    ],
    [
      'messages/getAll without Limitation -> 400 "required"',
      () =>
        client().POST('/api/connector/v1/messages/getAll', {
          // @ts-expect-error Limitation is required
          body: { ...tokens, MessageThreadIds: [THREAD] },
        }),
    ],
  ])('%s', async (_name, call) => {
    const { response } = await call()
    expect(response.status).toBe(400)
    expect(await violations(response)).toEqual([
      {
        location: ['request', 'body'],
        severity: 'Error',
        code: 'required',
        message: "Request body must have required property 'Limitation'",
      },
    ])
  })

  // [test name, the call, where the violation is, its code]
  it.each([
    [
      'a message with an empty Text -> 400 "minLength"',
      () =>
        client().POST('/api/connector/v1/messages/add', {
          body: { ...tokens, Messages: [{ MessageThreadId: THREAD, Text: '' }] },
        }),
      ['request', 'body', 'Messages', '0', 'Text'],
      'minLength',
    ],
    [
      'a thread with an empty Subject -> 400 "minLength"',
      () =>
        client().POST('/api/connector/v1/messageThreads/add', {
          body: { ...tokens, OriginalSender: 'John Doe', Subject: '' },
        }),
      ['request', 'body', 'Subject'],
      'minLength',
    ],
    [
      'an empty AccessToken -> 400 "minLength"',
      () =>
        client().POST('/api/connector/v1/messageThreads/add', {
          body: { ...tokens, AccessToken: '', OriginalSender: 'John Doe', Subject: 'Late check-in request' },
        }),
      ['request', 'body', 'AccessToken'],
      'minLength',
    ],
    [
      'messages/getAll with an empty MessageThreadIds -> 400 "minItems"',
      () =>
        client().POST('/api/connector/v1/messages/getAll', {
          body: { ...tokens, MessageThreadIds: [], Limitation: { Count: 10 } },
        }),
      ['request', 'body', 'MessageThreadIds'],
      'minItems',
    ],
  ])('%s', async (_name, call, location, code) => {
    const { response } = await call()
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(expect.objectContaining({ location, code }))
  })

  it('LanguageCode without CultureCode -> 400 "not" (they must be sent together)', async () => {
    const { response } = await client().POST('/api/connector/v1/messageThreads/add', {
      body: { ...tokens, LanguageCode: 'en-US', OriginalSender: 'John Doe', Subject: 'Late check-in request' },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toEqual([
      { location: ['request', 'body'], severity: 'Error', code: 'not', message: 'Request body must NOT be valid' },
    ])
  })
})

describe('Mews message threads: errors, environments and metadata', () => {
  it('429 carries Retry-After and the Mews error body', async () => {
    const { error, response } = await client().POST('/api/connector/v1/messages/add', {
      body: { ...tokens, Messages: [{ MessageThreadId: THREAD, Text: 'Are you there?' }] },
      headers: { Prefer: 'code=429' },
    })
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(response.headers.get('Request-Id')).toBe(REQUEST_ID)
    expect(error).toEqual({ Message: 'Too many requests.', RequestId: REQUEST_ID })
  })

  it('the client defaults to the demo environment; production is exported separately', () => {
    expect(defaultBaseUrl).toBe('https://api.mews-demo.com')
    expect(productionBaseUrl).toBe('https://api.mews.com')
  })

  it('the generated metadata: getAll operations paginate (mews dialect) and are the only retryable ones', () => {
    expect(operations.messageThreads_getAll.pagination).toEqual({
      dialect: 'mews',
      items: 'MessageThreads',
      maxIntervalMonths: 3,
      intervals: ['CreatedUtc', 'UpdatedUtc'],
    })
    expect(operations.messages_getAll.pagination).toEqual({
      dialect: 'mews',
      items: 'Messages',
      maxIntervalMonths: 1,
      intervals: ['CreatedUtc'],
    })
    for (const [id, op] of Object.entries(operations)) {
      expect(op.method).toBe('post')
      expect(op.idempotent, id).toBe(id.endsWith('_getAll'))
    }
  })
})
