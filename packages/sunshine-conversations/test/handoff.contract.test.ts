// Contract tests of the agent hand-off surface (switchboard actions, activity, participants, message deletion,
// users, integrations, webhooks, switchboards) through the generated client against Prism serving
// specs/sunshine-conversations.yaml. Each operation has a call Prism accepts and, where a user could plausibly send
// something the spec forbids, one it rejects (the conversation and message operations are in contract.test.ts).
import { describe, expect, it } from 'vitest'
import {
  createSunshineConversationsClient,
  operations,
  type ActivityPostBody,
  type ConversationParticipant,
  type PassControlBody,
  type SwitchboardIntegrationConfig,
  type User,
  type Webhook,
} from '../src/index.js'
import { mockUrl, recordCalls, violations } from '../../../test/support/contract.js'

const API = 'sunshine-conversations'
const APP_ID = '5d8cff3cd55b040010928b5b'
const CONVERSATION_ID = '029c31f25a21b47effd7be90'
const USER_ID = '42589ad070d43be9b00ff7e5'
const INTEGRATION_ID = '5e4af71a81966cfff3ef6550'
const WEBHOOK_ID = '5f4eaef8bd1d5e000c4f8c1b'
const BASIC = `Basic ${btoa('app_5d8cff3cd55b040010928b5c:Sx9vQm2kP4tR7wYz1aB3cD5eF7gH9jK0')}`

const app = { appId: APP_ID }
const conversation = { appId: APP_ID, conversationId: CONVERSATION_ID }
const webhook = { appId: APP_ID, integrationId: INTEGRATION_ID, webhookId: WEBHOOK_ID }

function client(auth: string | null = BASIC) {
  const c = createSunshineConversationsClient({ baseUrl: mockUrl(API), headers: auth ? { authorization: auth } : {} })
  c.use(recordCalls(API))
  return c
}

/** Prism accepted the call: a 2xx and no violation. */
function expectAccepted(response: Response, status = 200) {
  expect(response.status).toBe(status)
  expect(response.headers.get('sl-violations')).toBeNull()
}

describe('Sunshine switchboard actions: hand a conversation from the bot to an agent', () => {
  const sc = client()

  it('PassControl: to the agent workspace, with metadata for its webhook -> 200 {}', async () => {
    const body: PassControlBody = {
      switchboardIntegration: 'zd-agentWorkspace',
      metadata: { first_message_id: '5f748c1a2b5315fc007e7977', reason: 'Customer asked for a human', orderNumber: 10234 },
    }
    const { data, error, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/passControl', {
      params: { path: conversation },
      body,
    })
    expect(error).toBeUndefined()
    expectAccepted(response)
    expect(data).toEqual({})
  })

  it('PassControl: `next` names the next integration of the switchboard', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/passControl', {
      params: { path: conversation },
      body: { switchboardIntegration: 'next' },
    })
    expectAccepted(response)
  })

  it('PassControl without switchboardIntegration -> 400 "required" (and a type error)', async () => {
    const { error, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/passControl', {
      params: { path: conversation },
      // @ts-expect-error switchboardIntegration is required
      body: { metadata: { reason: 'escalation' } },
    })
    expect(response.status).toBe(400)
    expect(error?.errors[0]?.code).toBe('bad_request')
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ code: 'required', message: "Request body must have required property 'switchboardIntegration'" }),
    )
  })

  it('PassControl with nested metadata -> 400: metadata is flat (strings, numbers, booleans)', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/passControl', {
      params: { path: conversation },
      // @ts-expect-error metadata values are strings, numbers or booleans
      body: { switchboardIntegration: 'zd-agentWorkspace', metadata: { order: { id: 10234 } } },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'metadata', 'order'], code: 'type' }),
    )
  })

  it('OfferControl: the agent workspace becomes pending -> 200 {}', async () => {
    const { data, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/offerControl', {
      params: { path: conversation },
      body: { switchboardIntegration: 'zd-agentWorkspace', metadata: { reason: 'Order problem the bot cannot solve' } },
    })
    expectAccepted(response)
    expect(data).toEqual({})
  })

  it('OfferControl with an empty switchboardIntegration -> 400 "minLength"', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/offerControl', {
      params: { path: conversation },
      body: { switchboardIntegration: '' },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'switchboardIntegration'], code: 'minLength' }),
    )
  })

  it('AcceptControl: the pending integration takes over -> 200 {}', async () => {
    const { data, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/acceptControl', {
      params: { path: conversation },
      body: { metadata: { agentId: 360012345678 } },
    })
    expectAccepted(response)
    expect(data).toEqual({})
  })

  it('AcceptControl by an integration that is not the pending one: the typed 403', async () => {
    const { error, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/acceptControl', {
      params: { path: conversation },
      body: {},
      headers: { Prefer: 'code=403' },
    })
    expect(response.status).toBe(403)
    expect(error).toEqual({ errors: [{ code: 'forbidden', title: 'Forbidden' }] })
  })

  it('ReleaseControl: the body is optional -> 200 {}', async () => {
    const { data, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/releaseControl', {
      params: { path: conversation },
    })
    expectAccepted(response)
    expect(data).toEqual({})
  })

  it('ReleaseControl with metadata that is not an object -> 400 "type"', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/releaseControl', {
      params: { path: conversation },
      // @ts-expect-error metadata is a flat object
      body: { metadata: 'solved' },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'metadata'], code: 'type' }),
    )
  })
})

describe('Sunshine activity and participants', () => {
  const sc = client()

  it.each(['typing:start', 'typing:stop', 'conversation:read'] as const)('PostActivity: a business %s -> 200 {}', async (type) => {
    const body: ActivityPostBody = { author: { type: 'business', displayName: 'Alex (support)' }, type }
    const { data, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/activity', {
      params: { path: conversation },
      body,
    })
    expectAccepted(response)
    expect(data).toEqual({})
  })

  it('PostActivity: a user may mark the conversation read', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/activity', {
      params: { path: conversation },
      body: { author: { type: 'user', userId: USER_ID }, type: 'conversation:read' },
    })
    expectAccepted(response)
  })

  it('PostActivity: a user cannot send typing:start -> 400 "const" on body.type', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/activity', {
      params: { path: conversation },
      body: { author: { type: 'user', userId: USER_ID }, type: 'typing:start' },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'type'], code: 'const' }),
    )
  })

  it('PostActivity: an unknown activity type -> 400 "enum" (and a type error)', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/activity', {
      params: { path: conversation },
      // @ts-expect-error the activity types are conversation:read, typing:start and typing:stop
      body: { author: { type: 'business' }, type: 'typing' },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'type'], code: 'enum' }),
    )
  })

  it('ListParticipants: one page with cursors (sunshine pagination)', async () => {
    const { data, response } = await sc.GET('/v2/apps/{appId}/conversations/{conversationId}/participants', {
      params: { path: conversation, query: { page: { size: 2 } } },
    })
    expectAccepted(response)
    expect(new URL(response.url).search).toBe('?page[size]=2')
    const participants: ConversationParticipant[] = data?.participants ?? []
    expect(participants.map((p) => [p.userExternalId, p.unreadCount])).toEqual([
      ['customer-10234', 0],
      ['courier-8812', 2],
    ])
    // most recent client first: the first is the primary client
    expect(participants[1]?.clientAssociations[0]?.type).toBe('whatsapp')
    expect(data?.meta).toEqual({ hasMore: true, afterCursor: '5f6b8a0e2f3c4d0012ab34cf' })
    expect(operations.ListParticipants.pagination).toEqual({ dialect: 'sunshine', items: 'participants' })
  })

  it('ListParticipants with page[size]=0 -> 400 "minimum"', async () => {
    const { error, response } = await sc.GET('/v2/apps/{appId}/conversations/{conversationId}/participants', {
      params: { path: conversation, query: { page: { size: 0 } } },
    })
    expect(response.status).toBe(400)
    expect(error?.errors[0]?.title).toBe('Invalid page query parameters')
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'query', 'page', 'size'], code: 'minimum' }),
    )
  })

  it('JoinConversation: a user joins an sdkGroup conversation -> 201 { participant }', async () => {
    const { data, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/join', {
      params: { path: conversation },
      body: { userExternalId: 'courier-8812', subscribeSDKClient: true },
    })
    expectAccepted(response, 201)
    expect(data?.participant?.userExternalId).toBe('courier-8812')
    expect(data?.participant?.unreadCount).toBe(0)
  })

  it('JoinConversation without subscribeSDKClient -> 400 (sdkGroup participants must state it)', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/join', {
      params: { path: conversation },
      // @ts-expect-error subscribeSDKClient is required for sdkGroup participants
      body: { userId: USER_ID },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ code: 'required', message: "Request body must have required property 'subscribeSDKClient'" }),
    )
  })

  it('LeaveConversation: by userExternalId -> 200 {}', async () => {
    const { data, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/leave', {
      params: { path: conversation },
      body: { userExternalId: 'courier-8812' },
    })
    expectAccepted(response)
    expect(data).toEqual({})
  })

  it('LeaveConversation naming both userId and participantId -> 400 "oneOf" (exactly one)', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/leave', {
      params: { path: conversation },
      // the types cannot refuse this one (a union accepts the extra key of another member); the spec does
      body: { userId: USER_ID, participantId: '5f6b8a0e2f3c4d0012ab34cf' },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body'], code: 'oneOf' }),
    )
  })
})

describe('Sunshine message deletion', () => {
  const sc = client()

  it('DeleteMessage -> 200 {}', async () => {
    const { data, response } = await sc.DELETE('/v2/apps/{appId}/conversations/{conversationId}/messages/{messageId}', {
      params: { path: { ...conversation, messageId: '5f748c1a2b5315fc007e7977' } },
    })
    expectAccepted(response)
    expect(data).toEqual({})
  })

  it('DeleteAllMessages -> 200 {}; the conversation stays', async () => {
    const { data, response } = await sc.DELETE('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
    })
    expectAccepted(response)
    expect(data).toEqual({})
  })

  it('DeleteAllMessages without credentials -> 401', async () => {
    const { response } = await client(null).DELETE('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
    })
    expect(response.status).toBe(401)
    expect(await violations(response)).toContainEqual(expect.objectContaining({ code: 401 }))
  })
})

describe('Sunshine users', () => {
  const sc = client()
  const user = { appId: APP_ID, userIdOrExternalId: 'customer-10234' }

  it('CreateUser: externalId, profile and metadata -> 201 { user }', async () => {
    const { data, response } = await sc.POST('/v2/apps/{appId}/users', {
      params: { path: app },
      body: {
        externalId: 'customer-10234',
        signedUpAt: '2020-05-21T18:14:02.129Z',
        toBeRetained: true,
        profile: { givenName: 'Jane', surname: 'Doe', email: 'jane.doe@example.com', locale: 'en-CA' },
        metadata: { plan: 'premium', lifetimeOrders: 12 },
      },
    })
    expectAccepted(response, 201)
    const created: User | undefined = data?.user
    expect(created?.id).toBe(USER_ID)
    expect(created?.authenticated).toBe(true)
    expect(created?.identities).toEqual([{ type: 'email', value: 'jane.doe@example.com', verification: 'unverified' }])
  })

  it('CreateUser with an email that is not one -> 400 "format"', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/users', {
      params: { path: app },
      body: { externalId: 'customer-10234', profile: { email: 'jane.doe(at)example.com' } },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'profile', 'email'], code: 'format' }),
    )
  })

  it('CreateUser with a brandId longer than 24 characters -> 400 "maxLength"', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/users', {
      params: { path: app },
      body: { externalId: 'customer-10234', brandId: '6e4af71a81966cfff3ef6551-eu' },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'brandId'], code: 'maxLength' }),
    )
  })

  it('ListUsers: filter[identities.email] (deepObject) -> 200 { users }, no meta', async () => {
    const { data, response } = await sc.GET('/v2/apps/{appId}/users', {
      params: { path: app, query: { filter: { 'identities.email': 'jane.doe@example.com' } } },
    })
    expectAccepted(response)
    expect([...new URL(response.url).searchParams]).toEqual([['filter[identities.email]', 'jane.doe@example.com']])
    expect(data?.users?.[0]?.externalId).toBe('customer-10234')
    expect(data).not.toHaveProperty('meta')
    expect(operations.ListUsers).not.toHaveProperty('pagination')
  })

  it('ListUsers without the filter -> 400 "required"', async () => {
    const { response } = await sc.GET('/v2/apps/{appId}/users', {
      // @ts-expect-error filter is required
      params: { path: app },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(expect.objectContaining({ code: 'required' }))
  })

  it('GetUser: by externalId, with the brand of a brand-separated user', async () => {
    const { data, response } = await sc.GET('/v2/apps/{appId}/users/{userIdOrExternalId}', {
      params: { path: user, query: { brandId: '6e4af71a81966cfff3ef6551' } },
    })
    expectAccepted(response)
    expect(data?.user?.profile?.givenName).toBe('Jane')
    expect(data?.user?.zendeskId).toBe('9234817312')
  })

  it('GetUser of an unknown user: the typed 404 user_not_found', async () => {
    const { error, response } = await sc.GET('/v2/apps/{appId}/users/{userIdOrExternalId}', {
      params: { path: { appId: APP_ID, userIdOrExternalId: 'nobody' } },
      headers: { Prefer: 'code=404' },
    })
    expect(response.status).toBe(404)
    expect(error?.errors[0]?.code).toBe('user_not_found')
  })

  it('UpdateUser: PATCH only the changed fields -> 200 { user }', async () => {
    const { data, response } = await sc.PATCH('/v2/apps/{appId}/users/{userIdOrExternalId}', {
      params: { path: user },
      body: { profile: { surname: 'Doe-Martin', email: 'jane.martin@example.com' }, metadata: { plan: 'business' } },
    })
    expectAccepted(response)
    expect(data?.user?.profile?.surname).toBe('Doe-Martin')
  })

  it('UpdateUser with a 129-character given name -> 400 "maxLength"', async () => {
    const { response } = await sc.PATCH('/v2/apps/{appId}/users/{userIdOrExternalId}', {
      params: { path: user },
      body: { profile: { givenName: 'J'.repeat(129) } },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'profile', 'givenName'], code: 'maxLength' }),
    )
  })

  it('DeleteUser -> 200 {}', async () => {
    const { data, response } = await sc.DELETE('/v2/apps/{appId}/users/{userIdOrExternalId}', { params: { path: user } })
    expectAccepted(response)
    expect(data).toEqual({})
  })
})

describe('Sunshine integrations, webhooks and switchboards', () => {
  const sc = client()

  it('ListIntegrations: filter[types]=custom,web and a page size -> one page', async () => {
    const { data, response } = await sc.GET('/v2/apps/{appId}/integrations', {
      params: { path: app, query: { filter: { types: 'custom,web' }, page: { size: 25 } } },
    })
    expectAccepted(response)
    expect(decodeURIComponent(new URL(response.url).search)).toBe('?filter[types]=custom,web&page[size]=25')
    expect(data?.integrations?.map((i) => [i.type, i.status])).toEqual([
      ['custom', 'active'],
      ['web', 'active'],
    ])
    // per-type fields come through as extra properties
    expect(data?.integrations?.[1]?.brandColor).toBe('65758e')
    expect(operations.ListIntegrations.pagination).toEqual({ dialect: 'sunshine', items: 'integrations' })
  })

  it('ListIntegrations with both page[after] and page[before] -> 400 "not"', async () => {
    const { response } = await sc.GET('/v2/apps/{appId}/integrations', {
      params: { path: app, query: { page: { after: '5e4af71a81966cfff3ef6550', before: '5e4af71a81966cfff3ef6550' } } },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'query', 'page'], code: 'not' }),
    )
  })

  it('CreateWebhook: target and triggers -> 201 { webhook } with its secret', async () => {
    const { data, response } = await sc.POST('/v2/apps/{appId}/integrations/{integrationId}/webhooks', {
      params: { path: { appId: APP_ID, integrationId: INTEGRATION_ID } },
      body: {
        target: 'https://agents.example-shop.com/sunshine/events',
        triggers: ['conversation:message', 'switchboard:passControl', 'switchboard:releaseControl'],
        includeFullUser: true,
      },
    })
    expectAccepted(response, 201)
    const created: Webhook | undefined = data?.webhook
    expect(created?.version).toBe('v2')
    expect(created?.secret).toMatch(/^[0-9a-f]{40}$/)
  })

  it('CreateWebhook with no triggers -> 400 "minItems"', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/integrations/{integrationId}/webhooks', {
      params: { path: { appId: APP_ID, integrationId: INTEGRATION_ID } },
      body: { target: 'https://agents.example-shop.com/sunshine/events', triggers: [] },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'triggers'], code: 'minItems' }),
    )
  })

  it('CreateWebhook with a target that is not a URL -> 400 "format"', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/integrations/{integrationId}/webhooks', {
      params: { path: { appId: APP_ID, integrationId: INTEGRATION_ID } },
      body: { target: 'agents.example-shop.com/sunshine/events', triggers: ['conversation:message'] },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'target'], code: 'format' }),
    )
  })

  it('ListWebhooks -> 200 { webhooks }, not paginated', async () => {
    const { data, response } = await sc.GET('/v2/apps/{appId}/integrations/{integrationId}/webhooks', {
      params: { path: { appId: APP_ID, integrationId: INTEGRATION_ID } },
    })
    expectAccepted(response)
    expect(data?.webhooks?.[0]?.triggers).toEqual(['conversation:message', 'switchboard:passControl'])
    expect(operations.ListWebhooks).not.toHaveProperty('pagination')
  })

  it('GetWebhook -> 200 { webhook }', async () => {
    const { data, response } = await sc.GET('/v2/apps/{appId}/integrations/{integrationId}/webhooks/{webhookId}', {
      params: { path: webhook },
    })
    expectAccepted(response)
    expect(data?.webhook?.id).toBe(WEBHOOK_ID)
    expect(data?.webhook?.target).toBe('https://bot.example-shop.com/sunshine/events')
  })

  it('GetWebhook without credentials -> 401', async () => {
    const { response } = await client(null).GET('/v2/apps/{appId}/integrations/{integrationId}/webhooks/{webhookId}', {
      params: { path: webhook },
    })
    expect(response.status).toBe(401)
  })

  it('UpdateWebhook: PATCH the triggers -> 200 { webhook }', async () => {
    const { data, response } = await sc.PATCH('/v2/apps/{appId}/integrations/{integrationId}/webhooks/{webhookId}', {
      params: { path: webhook },
      body: { triggers: ['conversation:message', 'conversation:read', 'switchboard:passControl'], includeFullSource: true },
    })
    expectAccepted(response)
    expect(data?.webhook?.includeFullSource).toBe(true)
  })

  it('UpdateWebhook with triggers as one string -> 400 "type" (and a type error)', async () => {
    const { response } = await sc.PATCH('/v2/apps/{appId}/integrations/{integrationId}/webhooks/{webhookId}', {
      params: { path: webhook },
      // @ts-expect-error triggers is an array of strings
      body: { triggers: 'conversation:message' },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'triggers'], code: 'type' }),
    )
  })

  it('DeleteWebhook -> 200 {}', async () => {
    const { data, response } = await sc.DELETE('/v2/apps/{appId}/integrations/{integrationId}/webhooks/{webhookId}', {
      params: { path: webhook },
    })
    expectAccepted(response)
    expect(data).toEqual({})
  })

  it('ListSwitchboards -> 200 { switchboards }', async () => {
    const { data, response } = await sc.GET('/v2/apps/{appId}/switchboards', { params: { path: app } })
    expectAccepted(response)
    expect(data?.switchboards).toEqual([
      { id: '5ef21b86e933b7355c11c600', enabled: true, defaultSwitchboardIntegrationId: '5ef21b86e933b7355c11c606' },
    ])
  })

  it('ListSwitchboards without credentials -> 401', async () => {
    const { response } = await client(null).GET('/v2/apps/{appId}/switchboards', { params: { path: app } })
    expect(response.status).toBe(401)
  })

  it('ListSwitchboardIntegrations: who controls, and who comes next', async () => {
    const { data, response } = await sc.GET('/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations', {
      params: { path: { appId: APP_ID, switchboardId: '5ef21b86e933b7355c11c600' } },
    })
    expectAccepted(response)
    const [bot, agents]: (SwitchboardIntegrationConfig | undefined)[] = data?.switchboardIntegrations ?? []
    expect(bot?.name).toBe('answer-bot')
    expect(bot?.nextSwitchboardIntegrationId).toBe(agents?.id)
    expect(agents?.integrationType).toBe('zd:agentWorkspace')
    expect(agents?.messageHistoryCount).toBe(10)
  })

  it('ListSwitchboardIntegrations of an unknown switchboard: the typed 404', async () => {
    const { error, response } = await sc.GET('/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations', {
      params: { path: { appId: APP_ID, switchboardId: '000000000000000000000000' } },
      headers: { Prefer: 'code=404' },
    })
    expect(response.status).toBe(404)
    expect(error?.errors[0]?.code).toBe('switchboard_not_found')
  })
})
