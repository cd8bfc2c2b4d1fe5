// Contract tests: every operation through the generated client against Prism serving specs/sunshine-conversations.yaml.
// Prism validates each request against the spec, so an accepted call proves the client sends what the API expects,
// and a rejected one proves the spec (and, where marked @ts-expect-error, the types) encode the rule.
//
// Not tested here on purpose: "exactly one of filter[userId] / filter[userExternalId]". Prism 5.14.2 lower-cases
// query keys but reads deepObject members case-sensitively, so it never sees those camelCase members and cannot
// reject "none" or "both"; the SDK facade validates that rule client-side.
import { describe, expect, it } from 'vitest'
import {
  createSunshineConversationsClient,
  defaultBaseUrl,
  euBaseUrl,
  operations,
  zendeskBaseUrl,
  type Content,
  type ConversationCreateBody,
  type ErrorBody,
  type Page,
} from '../src/index.js'
import { mockUrl, recordCalls, violations } from '../../../test/support/contract.js'

const API = 'sunshine-conversations'
const APP_ID = '5d8cff3cd55b040010928b5b'
const CONVERSATION_ID = '029c31f25a21b47effd7be90'
const USER_ID = '42589ad070d43be9b00ff7e5'
const BASIC = `Basic ${btoa('app_5d8cff3cd55b040010928b5c:Sx9vQm2kP4tR7wYz1aB3cD5eF7gH9jK0')}`
// The shape the API expects (HS256, kid = key id, scope claim); Prism checks only that a Bearer token is present.
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImFwcF81ZDhjZmYzY2Q1NWIwNDAwMTA5MjhiNWMifQ' +
  '.eyJzY29wZSI6ImFwcCJ9.Qm9ndXMtc2lnbmF0dXJlLWZvci10ZXN0cw'

const app = { appId: APP_ID }
const conversation = { appId: APP_ID, conversationId: CONVERSATION_ID }

function client(auth: string | null = BASIC) {
  const c = createSunshineConversationsClient({
    baseUrl: mockUrl(API),
    headers: auth ? { authorization: auth } : {},
  })
  c.use(recordCalls(API))
  return c
}

describe('Sunshine Conversations: valid calls are accepted and typed', () => {
  const sc = client()

  it('CreateConversation: a personal conversation with one participant answers 201 { conversation }', async () => {
    const body: ConversationCreateBody = {
      type: 'personal',
      participants: [{ userId: USER_ID, subscribeSDKClient: false }],
      displayName: 'Order 10234 support',
      description: 'Follow-up on a delayed delivery',
      iconUrl: 'https://www.gravatar.com/image.jpg',
      metadata: { lang: 'en-ca', orderNumber: 10234, vip: true },
    }
    const { data, error, response } = await sc.POST('/v2/apps/{appId}/conversations', { params: { path: app }, body })
    expect(error).toBeUndefined()
    expect(response.status).toBe(201)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(data?.conversation?.id).toBe('c93bb9c14dde8ffb94564eae')
    expect(data?.conversation?.type).toBe('personal')
    expect(data?.conversation?.isDefault).toBe(false)
    expect(data?.conversation?.metadata).toEqual({ lang: 'en-ca', orderNumber: 10234, vip: true })
    expect(data?.conversation?.businessLastRead).toBeNull()
  })

  it('CreateConversation: an sdkGroup conversation (participants by userId or userExternalId) is accepted', async () => {
    const { error, response } = await sc.POST('/v2/apps/{appId}/conversations', {
      params: { path: app },
      body: {
        type: 'sdkGroup',
        displayName: 'Delivery team',
        participants: [
          { userId: USER_ID, subscribeSDKClient: true },
          { userExternalId: 'courier-8812', subscribeSDKClient: false },
        ],
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(201)
    expect(response.headers.get('sl-violations')).toBeNull()
  })

  it('ListConversations: sends filter[userId]=...&page[size]=10 (deepObject) and gets one typed page', async () => {
    const { data, error, response } = await sc.GET('/v2/apps/{appId}/conversations', {
      params: { path: app, query: { filter: { userId: USER_ID }, page: { size: 10 } } },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    // exactly the wire form the vendor documents, brackets unencoded, nothing else
    const url = new URL(response.url)
    expect(url.pathname).toBe(`/v2/apps/${APP_ID}/conversations`)
    expect(url.search).toBe(`?filter[userId]=${USER_ID}&page[size]=10`)
    expect([...url.searchParams]).toEqual([
      ['filter[userId]', USER_ID],
      ['page[size]', '10'],
    ])
    const [first, second] = data?.conversations ?? []
    expect(data?.conversations).toHaveLength(2)
    expect(first?.id).toBe('c93bb9c14dde8ffb94564eae')
    expect(first?.isDefault).toBe(true)
    expect(first?.displayName).toBeNull()
    expect(first?.activeSwitchboardIntegration?.integrationType).toBe('zd:agentWorkspace')
    expect(second?.type).toBe('sdkGroup')
    expect(second?.metadata).toEqual({ region: 'emea', priority: 2 })
    expect(data?.meta).toEqual({ hasMore: true, afterCursor: '5e4af71a81966cfff3ef6550' })
    expect(data?.links?.next).toContain('page[after]=5e4af71a81966cfff3ef6550')
  })

  it('ListConversations: the next page is page[after]=meta.afterCursor with the same filter (here by userExternalId)', async () => {
    const { data, error, response } = await sc.GET('/v2/apps/{appId}/conversations', {
      params: {
        path: app,
        query: { filter: { userExternalId: 'customer-10234' }, page: { after: '5e4af71a81966cfff3ef6550', size: 10 } },
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(new URL(response.url).search).toBe(
      '?filter[userExternalId]=customer-10234&page[after]=5e4af71a81966cfff3ef6550&page[size]=10',
    )
    expect(data?.meta?.hasMore).toBeTypeOf('boolean')
  })

  it('GetConversation: 200 { conversation } with its switchboard integrations', async () => {
    const { data, error, response } = await sc.GET('/v2/apps/{appId}/conversations/{conversationId}', {
      params: { path: conversation },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(data?.conversation?.id).toBe(CONVERSATION_ID)
    expect(data?.conversation?.displayName).toBe('Order 10234 support')
    expect(data?.conversation?.activeSwitchboardIntegration?.name).toBe('zd-agentWorkspace')
    expect(data?.conversation?.pendingSwitchboardIntegration?.integrationType).toBe('zd:answerBot')
    expect(data?.conversation?.createdAt).toBe('2020-06-22T09:12:05.311Z')
  })

  it('UpdateConversation: PATCH with only the changed fields answers 200 with the updated conversation', async () => {
    const { data, error, response } = await sc.PATCH('/v2/apps/{appId}/conversations/{conversationId}', {
      params: { path: conversation },
      body: { displayName: 'Order 10234 support (escalated)', metadata: { lang: 'en-ca', escalated: true } },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(data?.conversation?.displayName).toBe('Order 10234 support (escalated)')
    expect(data?.conversation?.metadata).toEqual({ lang: 'en-ca', escalated: true })
  })

  it('DeleteConversation: 200 with an empty object (not 204)', async () => {
    const { data, error, response } = await sc.DELETE('/v2/apps/{appId}/conversations/{conversationId}', {
      params: { path: conversation },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(data).toEqual({})
  })

  it('DownloadMessageRef: POST with apple.interactiveDataRef answers 200 with a free-form object', async () => {
    const { data, error, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/download', {
      params: { path: conversation },
      body: {
        userId: '6e416caac6a5e9544e3fb6d7',
        apple: {
          interactiveDataRef: {
            url: 'https://p61-content.icloud.com/M58C0A1A2EB62B6E899B4F28996E8DA229E1914295299C39944B2F2CA7482AE50.C01USN00',
            bid: 'com.apple.messages.MSMessageExtensionBalloonPlugin:0000000000:com.apple.icloud.apps.messages.business.extension',
            key: '00c0d1827fdc858fe7b42421de1fb289c2ee0a9463d787ce4f118506f970bd6e38',
            signature: '81a619c81da5a01c6139219a5d20e17430c631e1eb',
            owner: 'M58C0A2A1EB62B4E859B4F28996E8DA229E1914295299C39944B2F2CA7482AE50.C01USN00',
          },
        },
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(data?.bid).toMatch(/^com\.apple\.messages\./)
    expect(data?.data).toMatchObject({ version: '1.0' })
  })

  it('ListMessages: pages backwards; page[before]=meta.beforeCursor reaches older messages', async () => {
    const { data, error, response } = await sc.GET('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation, query: { page: { before: '5f32b88acf6bf25073b2be56' } } },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(new URL(response.url).search).toBe('?page[before]=5f32b88acf6bf25073b2be56')
    const [first, second] = data?.messages ?? []
    expect(first?.author).toEqual({
      type: 'user',
      userId: USER_ID,
      displayName: 'Jane Doe',
      avatarUrl: 'https://www.gravatar.com/avatar/jane.png',
    })
    // Content is a discriminated union: narrowing on `type` gives the member's own fields
    const text = first?.content?.type === 'text' ? first.content.text : undefined
    expect(text).toBe('Hi, my parcel has not arrived yet.')
    const image = second?.content
    expect(image?.type === 'image' ? image.mediaUrl : undefined).toBe(
      'https://media.smooch.io/apps/5d8cff3cd55b040010928b5b/label.jpg',
    )
    expect(second?.source?.type).toBe('api:conversations')
    // an agent's reply (author subtype `agent`, HTML text, the article it cites) and a system activity
    const [, , agent, activity] = data?.messages ?? []
    expect(agent?.author?.subtypes).toEqual(['agent'])
    expect(agent?.content?.type === 'text' ? agent.content.htmlText : undefined).toContain('<b>before 6 pm</b>')
    expect(agent?.references?.[0]).toMatchObject({ title: 'Delivery times' })
    expect(activity?.author?.subtypes).toEqual(['activity'])
    expect(activity?.activity?.type).toBe('ticket:closed')
    expect(data?.meta).toEqual({ hasMore: true, beforeCursor: '5f32b88acf6bf25073b2be56' })
    expect(data?.links?.prev).toContain('page[before]=5f32b88acf6bf25073b2be56')
    expect(data?.links?.next).toBeUndefined()
  })

  it('PostMessage: a business text message with a link action answers 201 { messages }', async () => {
    const content: Content = {
      type: 'text',
      text: 'Your parcel is out for delivery and should arrive today.',
      actions: [{ type: 'link', text: 'Track parcel', uri: 'https://tracking.example-shop.com/parcels/10234' }],
    }
    const { data, error, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: { author: { type: 'business', displayName: 'Steve' }, content, metadata: { lang: 'en-ca' } },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(201)
    expect(response.headers.get('sl-violations')).toBeNull()
    const message = data?.messages?.[0]
    expect(message?.id).toBe('5f748c1a2b5315fc007e7977')
    expect(message?.author?.type).toBe('business')
    expect(message?.content?.type).toBe('text')
    expect(message?.content?.type === 'text' ? message.content.actions?.[0]?.type : undefined).toBe('link')
  })

  it('PostMessage: a text message with only actions (no text) is accepted', async () => {
    const { error, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: {
        author: { type: 'user', userId: USER_ID },
        content: { type: 'text', actions: [{ type: 'reply', text: 'Yes please', payload: 'CONFIRM_YES' }] },
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(201)
    expect(response.headers.get('sl-violations')).toBeNull()
  })

  it('PostMessage: a WhatsApp template goes with `schema: whatsapp` (the vendor field; not `messageSchema`)', async () => {
    const { error, response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: {
        author: { type: 'business' },
        destination: { integrationType: 'whatsapp' },
        schema: 'whatsapp',
        content: {
          type: 'template',
          template: {
            namespace: 'c8ae5f90_307a_ca4c_b8f6_d1e2a2573574',
            name: 'delivery_update',
            language: { policy: 'deterministic', code: 'en' },
            components: [{ type: 'body', parameters: [{ type: 'text', text: '10234' }] }],
          },
        },
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(201)
    expect(response.headers.get('sl-violations')).toBeNull()
  })

  it.each([
    ['only htmlText', { type: 'text', htmlText: 'Your parcel is <b>out for delivery</b>.' }],
    ['only markdownText', { type: 'text', markdownText: 'Your parcel is **out for delivery**.' }],
    ['text that blocks the chat input', { type: 'text', text: 'Please pick a slot below.', blockChatInput: true }],
    ['an image with htmlText', { type: 'image', mediaUrl: 'https://media.smooch.io/apps/5d8cff3cd55b040010928b5b/label.jpg', htmlText: 'Your <b>label</b>' }],
  ] satisfies [string, Content][])('PostMessage: a message with %s is accepted', async (_name, content) => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: { author: { type: 'business', subtypes: ['AI'] }, content },
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('sl-violations')).toBeNull()
  })

  it('PostMessage: a brand-separated user given by userExternalId and brandId is accepted', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: {
        author: { type: 'user', userExternalId: 'customer-10234', brandId: '6e4af71a81966cfff3ef6551' },
        content: { type: 'text', text: 'Where is my parcel?' },
      },
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('sl-violations')).toBeNull()
  })

  it('PostMessage: a form with 200 options, a 256-character answer limit and a number field is accepted', async () => {
    const options = Array.from({ length: 200 }, (_, i) => ({ name: `slot-${i + 1}`, label: `Slot ${i + 1}` }))
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: {
        author: { type: 'business', displayName: 'Order bot' },
        content: {
          type: 'form',
          text: 'Tell us where to deliver your parcel',
          blockChatInput: true,
          fields: [
            { type: 'select', name: 'slot', label: 'Delivery slot', options },
            { type: 'text', name: 'notes', label: 'Notes for the courier', maxSize: 256 },
            { type: 'text', name: 'floor', label: 'Floor', format: 'integer' },
          ],
        },
      },
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('sl-violations')).toBeNull()
  })

  it('a Bearer JWT is accepted as well as basic auth', async () => {
    const { data, error, response } = await client(`Bearer ${JWT}`).GET(
      '/v2/apps/{appId}/conversations/{conversationId}',
      { params: { path: conversation } },
    )
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(data?.conversation?.id).toBe(CONVERSATION_ID)
  })
})

describe('Sunshine Conversations: calls that break the spec are rejected', () => {
  const sc = client()
  // `Page` cannot say "not both", the 1-100 range or the 24-character length: only the spec (and Prism) can.
  const list = (page: Page) =>
    sc.GET('/v2/apps/{appId}/conversations', {
      params: { path: app, query: { filter: { userId: USER_ID }, page } },
    })

  it('both page[after] and page[before] -> 400 "not" on page, with the typed error body', async () => {
    const { error, response } = await list({ after: '5e1606762556d93e9c176f69', before: '5e1606762556d93e9c176f69' })
    expect(response.status).toBe(400)
    const body: ErrorBody | undefined = error
    expect(body).toEqual({ errors: [{ code: 'bad_request', title: 'Invalid page query parameters' }] })
    expect(await violations(response)).toContainEqual({
      location: ['request', 'query', 'page'],
      severity: 'Error',
      code: 'not',
      message: 'Request query parameter page must NOT be valid',
    })
  })

  it('page[size]=500 -> 400 "maximum" (1-100)', async () => {
    const { response } = await list({ size: 500 })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({
        location: ['request', 'query', 'page', 'size'],
        code: 'maximum',
        message: 'Request query parameter page.size must be <= 100',
      }),
    )
  })

  it('a page[after] that is not a 24-character record id -> 400 "minLength"', async () => {
    const { response } = await list({ after: '5e1606762556' })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({
        location: ['request', 'query', 'page', 'after'],
        code: 'minLength',
        message: 'Request query parameter page.after must NOT have fewer than 24 characters',
      }),
    )
  })

  it('a personal conversation with two participants -> 400 "maxItems" on body.participants', async () => {
    const { error, response } = await sc.POST('/v2/apps/{appId}/conversations', {
      params: { path: app },
      body: { type: 'personal', participants: [{ userId: USER_ID }, { userExternalId: 'customer-10234' }] },
    })
    expect(response.status).toBe(400)
    expect(error?.errors[0]?.code).toBe('bad_request')
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({
        location: ['request', 'body', 'participants'],
        code: 'maxItems',
        message: 'Request body property participants must NOT have more than 1 items',
      }),
    )
  })

  it('no Authorization header -> 401 "Invalid security scheme used"', async () => {
    const { error, response } = await client(null).GET('/v2/apps/{appId}/conversations/{conversationId}', {
      params: { path: conversation },
    })
    expect(response.status).toBe(401)
    expect(error).toEqual({ errors: [{ code: 'unauthorized', title: 'Authorization is required' }] })
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ code: 401, message: 'Invalid security scheme used' }),
    )
  })

  it('DownloadMessageRef without apple.interactiveDataRef -> 400 "required"', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/download', {
      params: { path: conversation },
      // @ts-expect-error interactiveDataRef is required, so the types refuse this body too
      body: { userId: '6e416caac6a5e9544e3fb6d7', apple: {} },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({
        location: ['request', 'body', 'apple'],
        code: 'required',
        message: "Request body property apple must have required property 'interactiveDataRef'",
      }),
    )
  })

  it('a text message with neither text nor actions -> 400 "not" on body.content', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: { author: { type: 'business' }, content: { type: 'text' } },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'content'], code: 'not' }),
    )
  })

  it('a text message with both htmlText and markdownText -> 400 "not" on body.content', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: { author: { type: 'business' }, content: { type: 'text', htmlText: '<b>Hi</b>', markdownText: '**Hi**' } },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'content'], code: 'not' }),
    )
  })

  it('htmlText over 4096 characters -> 400 "maxLength"', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: { author: { type: 'business' }, content: { type: 'text', htmlText: `<p>${'a'.repeat(4096)}</p>` } },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'content', 'htmlText'], code: 'maxLength' }),
    )
  })

  it('an author with two subtypes -> 400 "maxItems" (one subtype at most)', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: { author: { type: 'business', subtypes: ['AI', 'bot'] }, content: { type: 'text', text: 'Hello' } },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'author', 'subtypes'], code: 'maxItems' }),
    )
  })

  it('a select field with 201 options -> 400 "maxItems" (200 at most)', async () => {
    const options = Array.from({ length: 201 }, (_, i) => ({ name: `slot-${i + 1}`, label: `Slot ${i + 1}` }))
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      body: {
        author: { type: 'business' },
        content: { type: 'form', fields: [{ type: 'select', name: 'slot', label: 'Delivery slot', options }] },
      },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'content', 'fields', '0', 'options'], code: 'maxItems' }),
    )
  })

  it('PostMessage without an author -> 400 "required"', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: conversation },
      // @ts-expect-error author is required
      body: { content: { type: 'text', text: 'Hello' } },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ code: 'required', message: "Request body must have required property 'author'" }),
    )
  })

  it('an unknown conversation type -> 400 (and a type error)', async () => {
    const { response } = await sc.POST('/v2/apps/{appId}/conversations', {
      params: { path: app },
      // @ts-expect-error type is "personal" or "sdkGroup"
      body: { type: 'group', participants: [{ userId: USER_ID }] },
    })
    expect(response.status).toBe(400)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body'], code: 'oneOf' }),
    )
  })
})

describe('Sunshine Conversations: base URLs and generated metadata', () => {
  it('exposes the legacy US/EU endpoints and builds the Zendesk one from a subdomain', () => {
    expect(defaultBaseUrl).toBe('https://api.smooch.io')
    expect(euBaseUrl).toBe('https://api.eu-1.smooch.io')
    expect(zendeskBaseUrl('acme')).toBe('https://acme.zendesk.com/sc')
    expect(zendeskBaseUrl('acme-support-2')).toBe('https://acme-support-2.zendesk.com/sc')
  })

  it.each(['', 'acme.zendesk.com', 'https://acme', '-acme', 'acme-', 'ac me', 'a'.repeat(64), 'acme/sc'])(
    'zendeskBaseUrl(%j) throws an error naming `subdomain`',
    (bad) => {
      expect(() => zendeskBaseUrl(bad)).toThrow(/subdomain/)
    },
  )

  it('31 operations; the four cursor lists paginate (messages backwards); only creating or notifying POSTs are not retried', () => {
    expect(Object.keys(operations)).toHaveLength(31)
    const paginated = Object.entries(operations)
      .filter(([, op]) => 'pagination' in op)
      .map(([id, op]) => [id, 'pagination' in op ? op.pagination : undefined])
    expect(Object.fromEntries(paginated)).toEqual({
      ListConversations: { dialect: 'sunshine', items: 'conversations' },
      ListMessages: { dialect: 'sunshine', items: 'messages', direction: 'backward' },
      ListParticipants: { dialect: 'sunshine', items: 'participants' },
      ListIntegrations: { dialect: 'sunshine', items: 'integrations' },
    })
    const nonIdempotent = Object.entries(operations)
      .filter(([, op]) => !op.idempotent)
      .map(([id]) => id)
    expect(nonIdempotent.sort()).toEqual([
      'AcceptControl',
      'CreateConversation',
      'CreateUser',
      'CreateWebhook',
      'JoinConversation',
      'OfferControl',
      'PostMessage',
      'ReleaseControl',
    ])
    expect(operations.UpdateConversation.method).toBe('patch')
    expect(operations.UpdateUser.method).toBe('patch')
    expect(operations.UpdateWebhook.method).toBe('patch')
  })
})
