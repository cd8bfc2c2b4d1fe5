// Contract tests: every operation through the generated client against Prism serving specs/brevo-conversations.yaml.
// Prism validates each request against the spec, so an accepted call proves the client sends what the API expects,
// and a rejected one proves the spec (and, where marked @ts-expect-error, the types) encode the rule.
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  createBrevoConversationsClient,
  defaultBaseUrl,
  operations,
  type ErrorBody,
  type ErrorCode,
  type Message,
  type RateLimitErrorBody,
  type SendMessageRequest,
} from '../src/index.js'
import { mockUrl, recordCalls, violations } from '../../../test/support/contract.js'

const API = 'brevo-conversations'
const VISITOR = 'kZMvWhf8npAu3H6qd57w2Hv6nh6rnxvg'
const AGENT = 'd9nKoegKSjmCtyK78'
const MESSAGE = 'eYBEm3gq3zc5ayE2g'
const PUSHED = 'Wbq3uN5F4mQ8sJx2T'
const GROUP = 'PjRBMhWGen6aRHjif'

function client(headers: Record<string, string> = { 'api-key': 'xkeysib-test-api-key' }) {
  const c = createBrevoConversationsClient({ baseUrl: mockUrl(API), headers })
  c.use(recordCalls(API))
  return c
}

/** Prism accepted the request: no violations reported. */
function expectAccepted(response: Response) {
  expect(response.headers.get('sl-violations')).toBeNull()
}

describe('Brevo Conversations: valid calls are accepted and typed', () => {
  const brevo = client()

  it('conversationsMessagesPost: agent identified by agentId -> 200 with the new message', async () => {
    const { data, error, response } = await brevo.POST('/conversations/messages', {
      body: { visitorId: VISITOR, text: 'Hello! How can I help you?', agentId: AGENT, receivedFrom: 'SuperAwesomeHelpdesk' },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expectAccepted(response)
    expectTypeOf(data).toEqualTypeOf<Message | undefined>()
    expect(data).toMatchObject({
      id: MESSAGE,
      type: 'agent',
      text: 'Hello! How can I help you?',
      visitorId: VISITOR,
      agentId: AGENT,
      agentName: 'Liz',
      isPushed: false,
      receivedFrom: 'SuperAwesomeHelpdesk',
    })
    // createdAt is milliseconds since the epoch (2024-06-12), not seconds
    expect(new Date(data!.createdAt!).toISOString()).toBe('2024-06-12T12:25:06.740Z')
    // every response carries Brevo's rate-limit headers
    expect(response.headers.get('x-sib-ratelimit-limit')).toBe('100')
    expect(response.headers.get('x-sib-ratelimit-remaining')).toBe('97')
    expect(response.headers.get('x-sib-ratelimit-reset')).toBe('2843')
  })

  it('conversationsMessagesPost: agent identified by agentEmail + agentName + receivedFrom -> 200', async () => {
    const body: SendMessageRequest = {
      visitorId: VISITOR,
      text: 'Hello! How can I help you?',
      agentEmail: 'liz@getwear.com',
      agentName: 'Liz',
      receivedFrom: 'SuperAwesomeHelpdesk',
    }
    const { data, response } = await brevo.POST('/conversations/messages', { body })
    expect(response.status).toBe(200)
    expectAccepted(response)
    expect(data?.type).toBe('agent')
  })

  it('conversationsMessagesIdGet: a file message with its image info', async () => {
    const { data, error, response } = await brevo.GET('/conversations/messages/{id}', {
      params: { path: { id: MESSAGE } },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expectAccepted(response)
    expect(data?.id).toBe(MESSAGE)
    expect(data?.text).toBe('shipping-label-4471.png')
    expect(data?.agentUserpic).toMatch(/^https:\/\//)
    expect(data?.file).toMatchObject({ filename: 'shipping-label-4471.png', size: 48213, isImage: true })
    expect(data?.file?.imageInfo).toMatchObject({ width: 1200, height: 800 })
    expect(data?.isBot).toBe(false)
  })

  it('conversationsMessagesIdPut: edits the text of an agent message', async () => {
    const { data, error, response } = await brevo.PUT('/conversations/messages/{id}', {
      params: { path: { id: MESSAGE } },
      body: { text: 'Good morning! How can I help you?' },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expectAccepted(response)
    expect(data?.text).toBe('Good morning! How can I help you?')
    expect(data?.html).toBe('Good morning! How can I help you?')
    expect(data?.type).toBe('agent')
  })

  it('conversationsMessagesIdDelete: 204 with an empty body -> data and error undefined', async () => {
    const { data, error, response } = await brevo.DELETE('/conversations/messages/{id}', {
      params: { path: { id: MESSAGE } },
    })
    expect(response.status).toBe(204)
    expectAccepted(response)
    expect(data).toBeUndefined()
    expect(error).toBeUndefined()
  })

  it('conversationsPushedMessagesPost: an automated message -> 200 with isPushed true', async () => {
    const { data, error, response } = await brevo.POST('/conversations/pushedMessages', {
      body: {
        visitorId: VISITOR,
        text: 'Your order GW-20481 has shipped and should arrive on Thursday.',
        agentId: AGENT,
        groupId: GROUP,
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expectAccepted(response)
    expect(data).toMatchObject({ id: PUSHED, isPushed: true, visitorId: VISITOR, agentId: AGENT })
  })

  it('conversationsPushedMessagesPost: visitorId + text alone are enough (agentId and groupId are optional)', async () => {
    const { data, response } = await brevo.POST('/conversations/pushedMessages', {
      body: { visitorId: VISITOR, text: 'Your order GW-20481 has shipped and should arrive on Thursday.' },
    })
    expect(response.status).toBe(200)
    expectAccepted(response)
    expect(data?.isPushed).toBe(true)
  })

  it('conversationsPushedMessagesIdGet', async () => {
    const { data, error, response } = await brevo.GET('/conversations/pushedMessages/{id}', {
      params: { path: { id: PUSHED } },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expectAccepted(response)
    expect(data).toMatchObject({
      id: PUSHED,
      isPushed: true,
      isMissedByVisitor: false,
      text: 'Your order GW-20481 has shipped and should arrive on Thursday.',
    })
  })

  it('conversationsPushedMessagesIdPut', async () => {
    const { data, error, response } = await brevo.PUT('/conversations/pushedMessages/{id}', {
      params: { path: { id: PUSHED } },
      body: { text: 'Your order GW-20481 has shipped and should arrive on Friday.' },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expectAccepted(response)
    expect(data).toMatchObject({ id: PUSHED, isPushed: true, text: 'Your order GW-20481 has shipped and should arrive on Friday.' })
  })

  it('conversationsPushedMessagesIdDelete: 204 with an empty body -> data and error undefined', async () => {
    const { data, error, response } = await brevo.DELETE('/conversations/pushedMessages/{id}', {
      params: { path: { id: PUSHED } },
    })
    expect(response.status).toBe(204)
    expectAccepted(response)
    expect(data).toBeUndefined()
    expect(error).toBeUndefined()
  })

  it('conversationsAgentOnlinePingPost by agentId: 201 with an empty body -> data and error undefined', async () => {
    const { data, error, response } = await brevo.POST('/conversations/agentOnlinePing', {
      body: { agentId: AGENT },
    })
    expect(response.status).toBe(201)
    expectAccepted(response)
    expect(data).toBeUndefined()
    expect(error).toBeUndefined()
  })

  it('conversationsAgentOnlinePingPost by agentEmail + agentName + receivedFrom -> 201', async () => {
    const { data, error, response } = await brevo.POST('/conversations/agentOnlinePing', {
      body: { agentEmail: 'liz@getwear.com', agentName: 'Liz', receivedFrom: 'SuperAwesomeHelpdesk' },
    })
    expect(response.status).toBe(201)
    expectAccepted(response)
    expect(data).toBeUndefined()
    expect(error).toBeUndefined()
  })

  it('conversationsVisitorGroupPut: assigns the visitor to a group', async () => {
    const { data, error, response } = await brevo.PUT('/conversations/visitorGroup', { body: { groupId: GROUP } })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expectAccepted(response)
    expect(data).toEqual({ groupId: GROUP, visitorId: VISITOR })
  })

  it('conversationsVisitorGroupPut: groupId null removes the visitor from their group', async () => {
    const { response } = await brevo.PUT('/conversations/visitorGroup', { body: { groupId: null } })
    expect(response.status).toBe(200)
    expectAccepted(response)
  })

  it('partner-key is accepted together with api-key', async () => {
    const partner = client({ 'api-key': 'xkeysib-test-api-key', 'partner-key': 'xkeysib-test-partner-key' })
    const { data, response } = await partner.GET('/conversations/messages/{id}', { params: { path: { id: MESSAGE } } })
    expect(response.status).toBe(200)
    expectAccepted(response)
    expect(data?.id).toBe(MESSAGE)
  })
})

describe('Brevo Conversations: calls that break the spec are rejected', () => {
  it('a message without visitorId -> 400 "required"', async () => {
    const { data, error, response } = await client().POST('/conversations/messages', {
      // @ts-expect-error visitorId is required, so the types refuse this body too
      body: { text: 'Hello! How can I help you?', agentId: AGENT },
    })
    expect(response.status).toBe(400)
    expect(data).toBeUndefined()
    // the declared error bodies: Brevo's {code, message} (400, 401) or the loose 429 body
    expectTypeOf(error).toEqualTypeOf<ErrorBody | RateLimitErrorBody | undefined>()
    expect(error).toMatchObject({ code: 'missing_parameter', message: expect.any(String) })
    expect(await violations(response)).toEqual([
      {
        location: ['request', 'body'],
        severity: 'Error',
        code: 'required',
        message: "Request body must have required property 'visitorId'",
      },
    ])
  })

  it('a send with agentEmail only (no agentName/receivedFrom, no agentId) -> 400 "anyOf"', async () => {
    const { response } = await client().POST('/conversations/messages', {
      // @ts-expect-error agentEmail needs agentName and receivedFrom (or use agentId): the types encode the anyOf
      body: { visitorId: VISITOR, text: 'Hello! How can I help you?', agentEmail: 'liz@getwear.com' },
    })
    expect(response.status).toBe(400)
    const found = await violations(response)
    expect(found).toContainEqual(
      expect.objectContaining({ location: ['request', 'body'], code: 'anyOf', message: 'Request body must match a schema in anyOf' }),
    )
    // ... and Prism names what each branch is missing
    expect(found.map((v) => v.message)).toEqual(
      expect.arrayContaining([
        "Request body must have required property 'agentId'",
        "Request body must have required property 'agentName'",
        "Request body must have required property 'receivedFrom'",
      ]),
    )
  })

  it('a ping with an invalid agentEmail -> 400 "format" on agentEmail', async () => {
    const { error, response } = await client().POST('/conversations/agentOnlinePing', {
      body: { agentEmail: 'liz-at-getwear', agentName: 'Liz', receivedFrom: 'SuperAwesomeHelpdesk' },
    })
    expect(response.status).toBe(400)
    expect(error?.code).toBe('invalid_parameter')
    expect(await violations(response)).toEqual([
      {
        location: ['request', 'body', 'agentEmail'],
        severity: 'Error',
        code: 'format',
        message: 'Request body property agentEmail must match format "email"',
      },
    ])
  })

  it('a ping that identifies no agent -> 400 "anyOf"', async () => {
    const { response } = await client().POST('/conversations/agentOnlinePing', {
      // @ts-expect-error the agent must be identified by agentId or by agentEmail + agentName + receivedFrom
      body: { receivedFrom: 'SuperAwesomeHelpdesk' },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(expect.objectContaining({ code: 'anyOf' }))
  })

  it('an update without text -> 400 "required"', async () => {
    const { response } = await client().PUT('/conversations/messages/{id}', {
      params: { path: { id: MESSAGE } },
      // @ts-expect-error text is required
      body: {},
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ code: 'required', message: "Request body must have required property 'text'" }),
    )
  })

  it('a visitor group with a numeric groupId -> 400 "type"', async () => {
    const { response } = await client().PUT('/conversations/visitorGroup', {
      // @ts-expect-error groupId is a string (or null)
      body: { groupId: 42 },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'groupId'], code: 'type' }),
    )
  })

  it('missing api-key -> 401 "Invalid security scheme used"', async () => {
    const { data, error, response } = await client({}).GET('/conversations/messages/{id}', {
      params: { path: { id: MESSAGE } },
    })
    expect(response.status).toBe(401)
    expect(data).toBeUndefined()
    expect(error).toEqual({ code: 'unauthorized', message: 'Key not found' })
    expect(await violations(response)).toEqual([
      { location: ['request'], severity: 'Error', code: 401, message: 'Invalid security scheme used' },
    ])
  })

  it('partner-key alone never replaces api-key -> 401', async () => {
    const { response } = await client({ 'partner-key': 'xkeysib-test-partner-key' }).POST('/conversations/agentOnlinePing', {
      body: { agentId: AGENT },
    })
    expect(response.status).toBe(401)
    expect(await violations(response)).toContainEqual(expect.objectContaining({ code: 401, message: 'Invalid security scheme used' }))
  })
})

describe('Brevo Conversations: error responses as the spec declares them', () => {
  it('404 on a message that does not exist: typed {code, message}', async () => {
    const { error, response } = await client().GET('/conversations/messages/{id}', {
      params: { path: { id: 'doesNotExist00000' } },
      headers: { Prefer: 'code=404' },
    })
    expect(response.status).toBe(404)
    const notFound: ErrorCode = 'document_not_found'
    expect(error).toEqual({ code: notFound, message: 'Message not found' })
  })

  it('401 with a free-text code ("Authentication failed", as newer responses send) matches ErrorModel', async () => {
    const { error, response } = await client().GET('/conversations/messages/{id}', {
      params: { path: { id: MESSAGE } },
      headers: { Prefer: 'code=401, example=authenticationFailed' },
    })
    // a code outside the 2024 enum would make Prism (--errors) answer 500 for its own example
    expect(response.status).toBe(401)
    const code: ErrorCode | undefined = error?.code
    expect(code).toBe('Authentication failed')
    expect(error).toEqual({ code: 'Authentication failed', message: 'Key not found' })
  })

  it('Prism trap: Prefer code=404 on an operation without a 404 gets Prism\'s own problem+json, not a Brevo error', async () => {
    const { error, response } = await client().POST('/conversations/messages', {
      body: { visitorId: VISITOR, text: 'Hello! How can I help you?', agentId: AGENT },
      headers: { Prefer: 'code=404' },
    })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(error).toMatchObject({ detail: 'Requested status code 404 is not defined in the document.' })
  })

  it('429 has the x-sib-ratelimit-* headers (remaining 0) and no Retry-After', async () => {
    const { error, response } = await client().PUT('/conversations/visitorGroup', {
      body: { groupId: GROUP },
      headers: { Prefer: 'code=429' },
    })
    expect(response.status).toBe(429)
    expect(response.headers.get('x-sib-ratelimit-remaining')).toBe('0')
    expect(Number(response.headers.get('x-sib-ratelimit-reset'))).toBeGreaterThan(0)
    expect(response.headers.get('retry-after')).toBeNull()
    expect(error).toMatchObject({ code: 'too_many_requests' })
  })

  it('the generated metadata: 10 operations, no pagination, only the two sends are not retryable', () => {
    expect(Object.keys(operations)).toHaveLength(10)
    for (const op of Object.values(operations)) expect(op).not.toHaveProperty('pagination')
    const notIdempotent = Object.entries(operations).filter(([, op]) => !op.idempotent).map(([id]) => id)
    expect(notIdempotent.sort()).toEqual(['conversationsMessagesPost', 'conversationsPushedMessagesPost'])
    expect(defaultBaseUrl).toBe('https://api.brevo.com/v3')
  })
})
