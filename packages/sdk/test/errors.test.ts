// One error model: each vendor's error body maps into ApiError; bad input is refused before sending.
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ApiError, ConfigurationError, ParleyError, createBrevo, createMews, createStackOne, createSunshine } from '../src/index.js'
import { json, scriptedFetch } from './helpers.js'

const catchIt = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e)

describe('vendor error bodies map into ApiError', () => {
  it('StackOne {statusCode, message}', async () => {
    const { fetch } = scriptedFetch(json({ statusCode: 404, message: 'Conversation not found', timestamp: '2024-05-14T10:20:31.512Z' }, 404, { 'x-request-id': 'req_so_1' }))
    const so = createStackOne({ apiKey: 'k', accountId: 'a', fetch, baseUrl: 'https://so.test' })
    const e = (await catchIt(so.orThrow.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'c1' } } }))) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toBeInstanceOf(ParleyError)
    expect(e).toMatchObject({ name: 'ApiError', status: 404, requestId: 'req_so_1', retryable: false, attempts: 1, operation: 'GET /unified/messaging/conversations/{id}' })
    expect(e.message).toBe('GET /unified/messaging/conversations/{id}: HTTP 404: Conversation not found')
    expect(e.body).toMatchObject({ statusCode: 404 })
  })

  it('Brevo {code, message}', async () => {
    const { fetch } = scriptedFetch(json({ code: 'document_not_found', message: 'Message not found' }, 404))
    const brevo = createBrevo({ apiKey: 'k', fetch, baseUrl: 'https://b.test' })
    const e = (await catchIt(brevo.orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm' } } }))) as ApiError
    expect(e).toMatchObject({ status: 404, code: 'document_not_found', message: expect.stringContaining('(document_not_found): Message not found') })
  })

  it('Sunshine {errors: [{code, title}]}', async () => {
    const { fetch } = scriptedFetch(json({ errors: [{ code: 'conversation_not_found', title: 'Conversation not found' }] }, 404))
    const sc = createSunshine({ keyId: 'app_1', secret: 's', fetch, baseUrl: 'https://sc.test' })
    const e = (await catchIt(
      sc.orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c' } } }),
    )) as ApiError
    expect(e).toMatchObject({ status: 404, code: 'conversation_not_found', message: expect.stringContaining('Conversation not found') })
  })

  it('Mews {Message, RequestId, Details}: request id from the Request-Id header, Details (which echoes the request) dropped', async () => {
    const { fetch } = scriptedFetch(
      json({ Message: 'Invalid AccessToken.', RequestId: 'r-1', Details: 'POST ... {"ClientToken":"CT-SECRET"} at Mews.Api...' }, 401, { 'request-id': 'r-1' }),
    )
    const mews = createMews({ clientToken: 'CT-SECRET', accessToken: 'AT-SECRET', client: 'c', fetch, baseUrl: 'https://m.test' })
    const e = (await catchIt(
      mews.orThrow.POST('/api/connector/v1/messageThreads/add', { body: { MessageThreads: [] } as never }),
    )) as ApiError
    expect(e).toMatchObject({ status: 401, requestId: 'r-1', message: expect.stringContaining('Invalid AccessToken.') })
    expect(e.body).toEqual({ Message: 'Invalid AccessToken.', RequestId: 'r-1' })
    expect(JSON.stringify(e)).not.toContain('CT-SECRET')
  })

  it('an HTML 502 page is kept as the body but not used as the message', async () => {
    const { fetch } = scriptedFetch(new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }))
    const so = createStackOne({ apiKey: 'k', accountId: 'a', fetch, baseUrl: 'https://so.test', retry: { maxRetries: 0 } })
    const e = (await catchIt(so.orThrow.GET('/unified/messaging/users'))) as ApiError
    expect(e).toMatchObject({ status: 502, retryable: true })
    expect(e.message).toBe('GET /unified/messaging/users: HTTP 502: Bad Gateway')
    expect(e.body).toContain('<h1>502')
  })

  it('the plain methods keep openapi-fetch {data, error, response}; orThrow returns the data', async () => {
    const { fetch } = scriptedFetch(json({ statusCode: 400, message: 'bad', timestamp: 't' }, 400), json({ data: { id: 'u1' } }))
    const so = createStackOne({ apiKey: 'k', accountId: 'a', fetch, baseUrl: 'https://so.test' })
    const plain = await so.GET('/unified/messaging/users/{id}', { params: { path: { id: 'u1' } } })
    expect(plain.error).toMatchObject({ message: 'bad' })
    expect(plain.data).toBeUndefined()
    const data = await so.orThrow.GET('/unified/messaging/users/{id}', { params: { path: { id: 'u1' } } })
    expect(data.data?.id).toBe('u1')
  })

  it('errors serialise without the Response or any request header', async () => {
    const { fetch } = scriptedFetch(json({ statusCode: 401, message: 'Unauthorized', timestamp: 't' }, 401))
    const so = createStackOne({ apiKey: 'sk_live_SECRET_123', accountId: 'a', fetch, baseUrl: 'https://so.test' })
    const e = (await catchIt(so.orThrow.GET('/unified/messaging/users'))) as ApiError
    expect(e.response?.status).toBe(401)
    for (const text of [e.message, String(e), JSON.stringify(e), inspect(e, { depth: 10 }), e.stack ?? '']) {
      expect(text).not.toContain('sk_live_SECRET_123')
      expect(text).not.toContain(btoa('sk_live_SECRET_123:'))
    }
    expect(Object.keys(JSON.parse(JSON.stringify(e)))).toEqual(
      expect.arrayContaining(['name', 'message', 'status', 'retryable', 'operation', 'attempts']),
    )
  })
})

describe('bad input is refused before anything is sent', () => {
  const setup = () => {
    const s = scriptedFetch(json({}))
    return { ...s, so: createStackOne({ apiKey: 'k', accountId: 'a', fetch: s.fetch, baseUrl: 'https://so.test' }) }
  }

  it.each([
    [undefined, 'missing'],
    ['', 'empty'],
    ['..', '".." '],
    ['.', '"."'],
    ['%2E%2e', '".."'],
  ])('path parameter id = %j', async (id, _why) => {
    const { so, requests } = setup()
    const e = await catchIt(so.GET('/unified/messaging/users/{id}', { params: { path: { id: id as string } } }))
    expect(e).toBeInstanceOf(ConfigurationError)
    expect(e).toMatchObject({ field: 'params.path.id' })
    expect(requests).toHaveLength(0)
  })

  it('path parameters are percent-encoded, so / ? # stay inside their segment', async () => {
    const { so, requests } = setup()
    await so.GET('/unified/messaging/users/{id}', { params: { path: { id: 'a/../b?x=1#y' } } })
    expect(new URL(requests[0]!.url).pathname).toBe('/unified/messaging/users/a%2F..%2Fb%3Fx%3D1%23y')
  })

  it('a header value with CR/LF is refused, naming the header and not echoing the value', async () => {
    const { so, requests } = setup()
    const e = (await catchIt(so.GET('/unified/messaging/users', { headers: { 'x-trace': 'a\r\nInjected: yes' } }))) as ConfigurationError
    expect(e).toBeInstanceOf(ConfigurationError)
    expect(e.field).toBe('headers.x-trace')
    expect(e.message).not.toContain('Injected')
    expect(requests).toHaveLength(0)
  })

  it('Sunshine ListConversations needs exactly one of filter.userId / filter.userExternalId', async () => {
    const s = scriptedFetch(json({ conversations: [], meta: { hasMore: false } }))
    const sc = createSunshine({ keyId: 'k', secret: 's', fetch: s.fetch, baseUrl: 'https://sc.test' })
    const both = await catchIt(
      sc.GET('/v2/apps/{appId}/conversations', { params: { path: { appId: 'a' }, query: { filter: { userId: 'u', userExternalId: 'x' } as never } } }),
    )
    expect(both).toMatchObject({ name: 'ConfigurationError', field: 'params.query.filter' })
    expect(s.requests).toHaveLength(0)
  })

  it('Mews Count outside 1..1000 is refused on a plain getAll too', async () => {
    const s = scriptedFetch(json({ MessageThreads: [], Cursor: null }))
    const mews = createMews({ clientToken: 'c', accessToken: 'a', client: 'x', fetch: s.fetch, baseUrl: 'https://m.test' })
    for (const Count of [0, 1001, 2.5]) {
      const e = await catchIt(mews.POST('/api/connector/v1/messageThreads/getAll', { body: { MessageThreadIds: ['t'], Limitation: { Count } } as never }))
      expect(e).toMatchObject({ name: 'ConfigurationError', field: 'body.Limitation.Count' })
    }
    expect(s.requests).toHaveLength(0)
  })
})

describe('more input refused before sending', () => {
  it('a header value fetch cannot carry (non-Latin-1) is a ConfigurationError, not a retried network error', async () => {
    const s = scriptedFetch(json({}))
    const so = createStackOne({ apiKey: 'k', accountId: 'a', fetch: s.fetch, baseUrl: 'https://so.test' })
    const e = await catchIt(so.GET('/unified/messaging/users', { headers: { 'x-note': 'café ☕' } }))
    expect(e).toMatchObject({ name: 'ConfigurationError', field: 'headers.x-note' })
    expect(s.requests).toHaveLength(0)
    expect(() => createStackOne({ apiKey: 'k', accountId: 'acc_€' })).toThrow(ConfigurationError)
  })

  it('an already-aborted signal rejects with its reason before any credential call or request', async () => {
    const s = scriptedFetch(json({}))
    let calls = 0
    const so = createStackOne({ apiKey: async () => (calls++, 'k'), accountId: 'a', fetch: s.fetch, baseUrl: 'https://so.test' })
    const e = await catchIt(so.GET('/unified/messaging/users', { signal: AbortSignal.abort(new Error('gave up')) }))
    expect((e as Error).message).toBe('gave up')
    expect(calls).toBe(0)
    expect(s.requests).toHaveLength(0)
  })
})
