// @parley/testing against the suite's Prism mocks, with the SDK as a user would call it: violations named in the
// error, any documented answer on demand, listings that end, each documented status run.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiError, createBrevo, createMews, createStackOne, createSunshine } from '@parley/sdk'
import { connectMock, prefer } from '../src/index.js'
import { mockUrl } from '../../../test/support/contract.js'
import { ROOT } from '../../../test/support/paths.js'

const connect = (name: string) => connectMock(join(ROOT, 'specs', `${name}.yaml`), mockUrl(name))
const noRetry = { maxRetries: 0 }
// A documented 429 would pause the key's whole budget in this process for its Retry-After: no rate limit against a mock.
const noLimit = false
const MEWS_TOKENS = { clientToken: 'E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D', accessToken: 'C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D', client: 'Parley 0.1' }
const SUNSHINE_APP = '5d8cff3cd55b040010928b5b'
const sunshineList = { params: { path: { appId: SUNSHINE_APP }, query: { filter: { userId: '42589ad070d43be9b00ff7e5' } } } }

describe('a rejected request fails with the violation Prism reported', () => {
  it('Brevo: a number as text names the property, not the example error', async () => {
    const mock = connect('brevo-conversations')
    const brevo = createBrevo({ apiKey: 'xkeysib-test', baseUrl: mock.url, fetch: mock.fetch })
    const body = { visitorId: 'kZMvWhf8npAu3H6qd57w2Hv6nh6rnxvg', text: 42 as unknown as string, agentId: 'd9nKoegKSjmCtyK78' }
    const error = await brevo.orThrow.POST('/conversations/messages', { body }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, code: undefined, message: expect.stringContaining('Request body property text must be string') })
    expect(mock.calls.at(-1)).toMatchObject({ operation: 'POST /conversations/messages', status: 400, violations: [{ code: 'type' }] })

    // Without the testing fetch the same call reports the spec's example, which is about something else.
    const plain = await createBrevo({ apiKey: 'xkeysib-test', baseUrl: mock.url }).orThrow.POST('/conversations/messages', { body }).catch((e: unknown) => e)
    expect((plain as ApiError).message).not.toContain('text must be string')
  })

  it('StackOne: a date that is not a date-time names the query parameter', async () => {
    const mock = connect('stackone-messaging')
    const so = createStackOne({ apiKey: 'k', accountId: 'a', baseUrl: mock.url, fetch: mock.fetch })
    const error = await so.orThrow
      .GET('/unified/messaging/conversations', { params: { query: { filter: { updated_after: 'yesterday' } } } })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ApiError', status: 422, message: expect.stringContaining('filter.updated_after must match format "date-time"') })
  })

  it('Sunshine: each violation becomes one of its errors[]; a valid call passes untouched', async () => {
    const mock = connect('sunshine-conversations')
    const sc = createSunshine({ keyId: 'app_1', secret: 's', baseUrl: mock.url, fetch: mock.fetch })
    const ok = await sc.GET('/v2/apps/{appId}/conversations', sunshineList)
    expect(ok.response.status).toBe(200)
    const bad = { params: { ...sunshineList.params, query: { ...sunshineList.params.query, page: { size: 500 } } } }
    const error = await sc.orThrow.GET('/v2/apps/{appId}/conversations', bad).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('page.size must be <= 100') })
    expect((error as ApiError).body).toEqual({ errors: [{ title: 'Request query parameter page.size must be <= 100' }] })
  })
})

describe('prefer() makes a documented answer happen', () => {
  // No retries, so a 429 with the example's Retry-After comes back at once instead of sleeping.
  const cases = [
    ['stackone-messaging', (fetch: typeof globalThis.fetch, url: string) =>
      createStackOne({ apiKey: 'k', accountId: 'a', baseUrl: url, fetch, retry: noRetry, rateLimit: noLimit }).orThrow.GET('/unified/messaging/conversations', { headers: prefer({ code: 429 }) })],
    ['brevo-conversations', (fetch: typeof globalThis.fetch, url: string) =>
      createBrevo({ apiKey: 'k', baseUrl: url, fetch, retry: noRetry, rateLimit: noLimit }).orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } }, headers: prefer({ code: 429 }) })],
    ['sunshine-conversations', (fetch: typeof globalThis.fetch, url: string) =>
      createSunshine({ keyId: 'app_1', secret: 's', baseUrl: url, fetch, retry: noRetry, rateLimit: noLimit }).orThrow.GET('/v2/apps/{appId}/conversations', { ...sunshineList, headers: prefer({ code: 429 }) })],
    ['mews-message-threads', (fetch: typeof globalThis.fetch, url: string) =>
      createMews({ ...MEWS_TOKENS, baseUrl: url, fetch, retry: noRetry, rateLimit: noLimit }).orThrow.POST('/api/connector/v1/messageThreads/getAll', {
        body: { CreatedUtc: { StartUtc: '2025-09-01T00:00:00Z', EndUtc: '2025-10-01T00:00:00Z' }, Limitation: { Count: 2 } },
        headers: prefer({ code: 429 }),
      })],
  ] as const

  it.for(cases)('%s: a 429 with maxRetries 0 fails at once as a retryable ApiError', async ([name, call]) => {
    const mock = connect(name)
    const started = performance.now()
    const error = await call(mock.fetch, mock.url).catch((e: unknown) => e)
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(error).toMatchObject({ name: 'ApiError', status: 429, retryable: true, attempts: 1 })
  })

  it('a named example and generated data', async () => {
    const mock = connect('brevo-conversations')
    const brevo = createBrevo({ apiKey: 'k', baseUrl: mock.url, fetch: mock.fetch })
    const path = { params: { path: { id: 'm1' } } }
    const named = await brevo.GET('/conversations/messages/{id}', { ...path, headers: prefer({ code: 401, example: 'authenticationFailed' }) })
    expect(named.error).toEqual({ code: 'Authentication failed', message: 'Key not found' })
    const sc = connect('sunshine-conversations')
    const dynamic = await createSunshine({ keyId: 'app_1', secret: 's', baseUrl: sc.url, fetch: sc.fetch }).GET('/v2/apps/{appId}/conversations', { ...sunshineList, headers: prefer({ dynamic: true }) })
    expect(dynamic.response.status).toBe(200)
    expect(dynamic.data?.meta).toBeTypeOf('object')
  })

  it('bad preferences are refused naming the field', () => {
    expect(() => prefer({ code: 42 })).toThrow('prefer: code must be an HTTP status (100-599), got 42')
    expect(() => prefer({ example: 'a b' })).toThrow('prefer: example must be')
    expect(() => prefer({})).toThrow('prefer: give code, example or dynamic')
    expect(prefer({ code: 429, example: 'x' })).toEqual({ Prefer: 'code=429, example=x' })
  })
})

describe('finitePages(n): a loop that pages to the end ends after n pages', () => {
  it('StackOne (next)', async () => {
    const mock = connect('stackone-messaging')
    const so = createStackOne({ apiKey: 'k', accountId: 'a', baseUrl: mock.url, fetch: mock.finitePages(3) })
    const names = []
    for await (const c of so.paginate('/unified/messaging/conversations', { params: { query: { page_size: '2' } } })) names.push(c.name)
    expect(names).toHaveLength(6)
    expect(mock.calls.map((c) => c.status)).toEqual([200, 200, 200])
  })

  it('Sunshine (meta.afterCursor, hasMore)', async () => {
    const mock = connect('sunshine-conversations')
    const sc = createSunshine({ keyId: 'app_1', secret: 's', baseUrl: mock.url, fetch: mock.finitePages(2) })
    let pages = 0
    for await (const _ of sc.pages('/v2/apps/{appId}/conversations', sunshineList)) pages++
    expect(pages).toBe(2)
  })

  it('Mews (Limitation.Cursor in the body)', async () => {
    const mock = connect('mews-message-threads')
    const mews = createMews({ ...MEWS_TOKENS, baseUrl: mock.url, fetch: mock.finitePages(4) })
    let pages = 0
    const body = { CreatedUtc: { StartUtc: '2025-09-01T00:00:00Z', EndUtc: '2025-10-01T00:00:00Z' }, Limitation: { Count: 2 } }
    for await (const _ of mews.pages('/api/connector/v1/messageThreads/getAll', { body })) pages++
    expect(pages).toBe(4)
    expect(mock.calls.every((c) => c.violations.length === 0)).toBe(true)
  })

  it('refuses a page count that is not a positive integer', () => {
    expect(() => connect('mews-message-threads').finitePages(0)).toThrow('finitePages: pages must be an integer >= 1, got 0')
  })
})

describe('eachStatus / unexercised: every documented answer of the operations your code calls', () => {
  // "Your code": reads a message's text, or says why it could not.
  async function messageText(fetch: typeof globalThis.fetch, url: string): Promise<string> {
    const brevo = createBrevo({ apiKey: 'k', baseUrl: url, fetch, retry: noRetry, rateLimit: noLimit })
    const { data, error, response } = await brevo.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    if (error) return `unavailable (${response.status})`
    return data?.text ?? ''
  }

  it('lists the statuses never exercised, then runs the function once per documented status', async () => {
    const mock = connect('brevo-conversations')
    await messageText(mock.fetch, mock.url)
    expect(mock.unexercised()).toEqual(['GET /conversations/messages/{id} 400', 'GET /conversations/messages/{id} 401', 'GET /conversations/messages/{id} 404', 'GET /conversations/messages/{id} 429'])

    const runs = await mock.eachStatus((fetch) => messageText(fetch, mock.url))
    expect(runs.map((r) => [r.status, r.answered, r.value])).toEqual([
      [200, 200, expect.any(String)],
      [400, 400, 'unavailable (400)'],
      [401, 401, 'unavailable (401)'],
      [404, 404, 'unavailable (404)'],
      [429, 429, 'unavailable (429)'],
    ])
    expect(mock.unexercised()).toEqual([])
  })
})
