// Redirects are followed by hand and credentials never cross to another origin. Two fault servers on different
// ports are two origins; each records exactly what it received. Real HTTP.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createBrevo, createMews, createStackOne, createSunshine } from '../../src/index.js'
import { FaultServer, fault } from './server.js'

const api = new FaultServer()
const other = new FaultServer()
beforeAll(async () => {
  await Promise.all([api.start(), other.start()])
})
afterAll(() => Promise.all([api.close(), other.close()]))
beforeEach(() => {
  api.reset()
  other.reset()
})
afterEach(() => {
  expect(api.unscripted, 'requests nothing was scripted for').toBe(0)
  expect(other.unscripted, 'requests nothing was scripted for').toBe(0)
})

const stackone = () => createStackOne({ apiKey: 'sk_live_key', accountId: 'acc_1', baseUrl: api.origin })
const brevo = () => createBrevo({ apiKey: 'xkeysib-key', partnerKey: 'xkeysib-partner', baseUrl: api.origin })
const sunshineJwt = () => createSunshine({ keyId: 'app_1', secret: 'sc-secret', auth: 'jwt', baseUrl: api.origin })
const mews = () => createMews({ clientToken: 'CT-token', accessToken: 'AT-token', client: 'Parley test', baseUrl: api.origin })
const CREDENTIAL_HEADERS = ['authorization', 'api-key', 'partner-key', 'x-account-id']
const credentialHeaders = (h: Record<string, unknown>) => CREDENTIAL_HEADERS.filter((name) => name in h)

describe('cross-origin redirects drop credentials', () => {
  it('StackOne GET, 302 to another origin -> followed; the other origin gets no authorization, no x-account-id', async () => {
    api.script(fault.redirect(302, other.url('/mirror/users')))
    other.script(fault.json({ data: [{ id: 'u1' }] }))
    const { data, response } = await stackone().GET('/unified/messaging/users')
    expect(response.status).toBe(200)
    expect(data?.data).toEqual([{ id: 'u1' }])
    expect(api.requests[0]!.headers).toMatchObject({ authorization: expect.stringMatching(/^Basic /), 'x-account-id': 'acc_1' })
    expect(other.requests).toHaveLength(1)
    expect(other.requests[0]).toMatchObject({ method: 'GET', url: '/mirror/users' })
    expect(credentialHeaders(other.requests[0]!.headers)).toEqual([])
  })

  it('StackOne GET, 301 within the same origin -> followed with the credentials kept', async () => {
    api.script(fault.redirect(301, '/unified/messaging/users?moved=1'), fault.json({ data: [] }))
    await stackone().orThrow.GET('/unified/messaging/users')
    expect(api.requests.map((r) => r.url)).toEqual(['/unified/messaging/users', '/unified/messaging/users?moved=1'])
    expect(credentialHeaders(api.requests[1]!.headers)).toEqual(['authorization', 'x-account-id'])
    expect(api.requests[1]!.headers.authorization).toBe(api.requests[0]!.headers.authorization)
  })

  it('Brevo GET, 307 to another origin -> the other origin gets no api-key, no partner-key', async () => {
    api.script(fault.redirect(307, other.url('/cdn/m1')))
    other.script(fault.json({ id: 'm1' }))
    expect(await brevo().orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })).toEqual({ id: 'm1' })
    expect(api.requests[0]!.headers).toMatchObject({ 'api-key': 'xkeysib-key', 'partner-key': 'xkeysib-partner' })
    expect(credentialHeaders(other.requests[0]!.headers)).toEqual([])
  })

  it('Sunshine (JWT) GET, 308 to another origin -> the other origin gets no bearer token', async () => {
    api.script(fault.redirect(308, other.url('/v2/elsewhere')))
    other.script(fault.json({ conversation: { id: 'c1' } }))
    await sunshineJwt().orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c1' } } })
    expect(api.requests[0]!.headers.authorization).toMatch(/^Bearer /)
    expect(credentialHeaders(other.requests[0]!.headers)).toEqual([])
  })

  it('Brevo: to another origin and back again -> the credentials are not restored on the way back', async () => {
    api.script(fault.redirect(302, other.url('/bounce')), fault.json({ id: 'm1' }))
    other.script(fault.redirect(302, api.url('/conversations/messages/m1?back=1')))
    await brevo().orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    expect(api.requests).toHaveLength(2)
    expect(api.requests[1]!.url).toBe('/conversations/messages/m1?back=1')
    expect(credentialHeaders(api.requests[1]!.headers)).toEqual([])
  })
})

describe('redirects of requests with a body', () => {
  it('Mews getAll (tokens in the body), 303 to another origin -> continues as a GET with no body: no token leaves', async () => {
    api.script(fault.redirect(303, other.url('/see-other')))
    other.script(fault.json({ MessageThreads: [], Cursor: null }))
    await mews().POST('/api/connector/v1/messageThreads/getAll', { body: { MessageThreadIds: ['t1'], Limitation: { Count: 10 } } })
    expect(api.requests[0]!.json).toMatchObject({ ClientToken: 'CT-token', AccessToken: 'AT-token' })
    expect(other.requests[0]).toMatchObject({ method: 'GET', body: '' })
    expect(credentialHeaders(other.requests[0]!.headers)).toEqual([])
  })

  it.each([307, 308])('Mews add thread, %i to another origin -> not followed (the body cannot be replayed); the caller gets it, sent once', async (status) => {
    api.script(fault.redirect(status, other.url('/replay')))
    const { response } = await mews().POST('/api/connector/v1/messageThreads/add', { body: { OriginalSender: 'x', Subject: 'y' } })
    expect(response.status).toBe(status)
    expect(api.requests).toHaveLength(1)
    expect(other.requests).toHaveLength(0)
  })

  it('StackOne send message, 302 to another origin -> the POST is sent once; the follow-up is a bare GET', async () => {
    api.script(fault.redirect(302, other.url('/done')))
    other.script(fault.json({ data: { id: 'msg_1' } }))
    await stackone().POST('/unified/messaging/messages', { body: { content: 'hi', recipient: 'c1' } })
    expect(api.requests).toHaveLength(1)
    expect(api.requests[0]!.method).toBe('POST')
    expect(other.requests[0]).toMatchObject({ method: 'GET', body: '' })
    expect(credentialHeaders(other.requests[0]!.headers)).toEqual([])
  })
})

// Without middleware a call reaches fetch as (url, init); with middleware it is a real Request (see
// test/transport.test.ts). Redirects must be handled the same way on both paths.
describe.each([
  ['direct path', () => stackone()],
  [
    'real-Request path (middleware added)',
    () => {
      const so = stackone()
      so.use({ onRequest: ({ request }) => void expect(request).toBeInstanceOf(Request) })
      return so
    },
  ],
])('StackOne on the %s', (_path, client) => {
  it('302 to another origin -> followed without authorization or x-account-id', async () => {
    api.script(fault.redirect(302, other.url('/mirror/users')))
    other.script(fault.json({ data: [] }))
    const { response } = await client().GET('/unified/messaging/users')
    expect(response.status).toBe(200)
    expect(api.requests[0]!.headers).toMatchObject({ 'x-account-id': 'acc_1' })
    expect(credentialHeaders(other.requests[0]!.headers)).toEqual([])
  })

  it("the caller's redirect: 'follow' -> still followed by the SDK, without authorization or x-account-id", async () => {
    api.script(fault.redirect(302, other.url('/mirror/users')))
    other.script(fault.json({ data: [{ id: 'u1' }] }))
    const { data, response } = await client().GET('/unified/messaging/users', { redirect: 'follow' })
    expect(response.status).toBe(200)
    expect(data?.data).toEqual([{ id: 'u1' }])
    expect(other.requests).toHaveLength(1)
    expect(credentialHeaders(other.requests[0]!.headers)).toEqual([])
  })

  it("the caller's redirect: 'manual' -> the 302 itself, nothing sent to the other origin", async () => {
    api.script(fault.redirect(302, other.url('/mirror/users')))
    const { response } = await client().GET('/unified/messaging/users', { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(other.requests).toHaveLength(0)
  })

  it('307 of a POST with a body -> not replayed anywhere: the caller gets the 307, the POST was sent once', async () => {
    api.script(fault.redirect(307, other.url('/elsewhere')))
    const { error, response } = await client().POST('/unified/messaging/messages', { body: { content: 'hi', recipient: 'c1' } })
    expect(response.status).toBe(307)
    expect(error).toBeUndefined()
    expect(api.requests).toHaveLength(1)
    expect(other.requests).toHaveLength(0)
  })
})

describe('redirect loops', () => {
  it('Sunshine: a redirect loop -> 5 hops followed (6 requests), then the caller gets the 302 as an ApiError', async () => {
    api.otherwise(fault.redirect(302, '/v2/apps/a/conversations/c1'))
    const e = await sunshineJwt()
      .orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c1' } } })
      .catch((x: unknown) => x)
    expect(e).toMatchObject({ name: 'ApiError', status: 302, attempts: 1, retryable: false })
    expect(api.requests).toHaveLength(6)
  })
})

// fetch itself must never follow: it keeps api-key, partner-key and x-account-id on a cross-origin hop. The caller's
// `redirect` says whether a redirect is followed; the SDK's follower does it ('follow' and 'manual' on both call
// paths: above).
describe("the caller's redirect option", () => {
  it('redirect: undefined (the key present) -> followed by the SDK, without credentials', async () => {
    api.script(fault.redirect(302, other.url('/mirror/users')))
    other.script(fault.json({ data: [] }))
    await stackone().orThrow.GET('/unified/messaging/users', { redirect: undefined })
    expect(other.requests).toHaveLength(1)
    expect(credentialHeaders(other.requests[0]!.headers)).toEqual([])
  })

  it("redirect: 'manual' -> the caller gets the 302 itself; nothing reaches the other origin", async () => {
    api.script(fault.redirect(302, other.url('/mirror/users')))
    const { response } = await brevo().GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } }, redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(other.url('/mirror/users'))
    expect(other.requests).toHaveLength(0)
  })

  it("redirect: 'error' -> a ConnectionError; nothing reaches the other origin", async () => {
    api.script(fault.redirect(302, other.url('/mirror/users')))
    const so = createStackOne({ apiKey: 'sk_live_key', accountId: 'acc_1', baseUrl: api.origin, retry: { maxRetries: 0 } })
    const e = await so.GET('/unified/messaging/users', { redirect: 'error' }).catch((x: unknown) => x)
    expect(e).toMatchObject({ name: 'ConnectionError', attempts: 1 })
    expect(other.requests).toHaveLength(0)
  })

  it("a call's own fetch -> used for every hop, and the hop to the other origin carries no credentials", async () => {
    api.script(fault.redirect(307, other.url('/cdn/m1')))
    other.script(fault.json({ id: 'm1' }))
    const seen: string[] = []
    const callFetch = (request: Request) => {
      seen.push(new URL(request.url).origin)
      return fetch(request)
    }
    await brevo().orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } }, fetch: callFetch })
    expect(seen).toEqual([api.origin, other.origin])
    expect(credentialHeaders(other.requests[0]!.headers)).toEqual([])
  })

  it('an unknown redirect mode -> ConfigurationError naming redirect, nothing sent', async () => {
    const e = await stackone()
      .GET('/unified/messaging/users', { redirect: 'sideways' as RequestRedirect })
      .catch((x: unknown) => x)
    expect(e).toMatchObject({ name: 'ConfigurationError', field: 'redirect' })
    expect(api.requests).toHaveLength(0)
  })
})
