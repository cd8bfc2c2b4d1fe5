// How a call reaches fetch. With the global fetch and no middleware, fetch gets the URL and an init (one Request
// per call, as a hand-written fetch makes); middleware and a caller's own fetch always get a real Request.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TimeoutError } from '../src/errors.js'
import { createStackOne } from '../src/stackone.js'
import { json } from './helpers.js'

const USER = '/unified/messaging/users/{id}'
type Call = { input: unknown; init: RequestInit | undefined }

function stubGlobalFetch(reply: (input: unknown, init?: RequestInit) => Promise<Response> = async () => json({ data: {} })) {
  const calls: Call[] = []
  vi.stubGlobal('fetch', (input: unknown, init?: RequestInit) => {
    calls.push({ input, init })
    return reply(input, init)
  })
  return calls
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the direct path (global fetch, no middleware)', () => {
  it('hands fetch the URL and an init with method, credentials, the per-attempt signal and manual redirects', async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const { data } = await so.GET(USER, { params: { path: { id: 'a b/c' } } })
    expect(data).toEqual({ data: {} })
    expect(calls).toHaveLength(1)
    const { input, init } = calls[0]!
    expect(input).toBe('https://api.stackone.com/unified/messaging/users/a%20b%2Fc')
    expect(init?.method).toBe('GET')
    expect(init?.redirect).toBe('manual')
    const headers = new Headers(init?.headers)
    expect(headers.get('authorization')).toBe(`Basic ${btoa('key:')}`)
    expect(headers.get('x-account-id')).toBe('acct')
    expect(init?.signal).toBeInstanceOf(AbortSignal)
    expect(init?.signal?.aborted).toBe(false)
  })

  it('sends a JSON body with its content type', async () => {
    const calls = stubGlobalFetch(async () => json({ data: { id: 'msg_1' } }, 201))
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    await so.POST('/unified/messaging/messages', { body: { content: 'hi', recipient: 'usr_1' } })
    const { init } = calls[0]!
    expect(init?.method).toBe('POST')
    expect(JSON.parse(init?.body as string)).toEqual({ content: 'hi', recipient: 'usr_1' })
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json')
  })

  it('the per-attempt timeout aborts the signal fetch was given', async () => {
    const calls = stubGlobalFetch(
      (_input, init) => new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))),
    )
    const so = createStackOne({ apiKey: 'key', accountId: 'acct', timeoutMs: 20, retry: { maxRetries: 0 } })
    const error = await so.GET(USER, { params: { path: { id: 'a' } } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(calls[0]!.init?.signal?.aborted).toBe(true)
  })

  it("with timeoutMs: Infinity fetch gets the caller's own signal, or none", async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct', timeoutMs: Infinity })
    const controller = new AbortController()
    await so.GET(USER, { params: { path: { id: 'a' } }, signal: controller.signal })
    await so.GET(USER, { params: { path: { id: 'a' } } })
    expect(calls[0]!.init?.signal).toBe(controller.signal)
    expect(calls[1]!.init?.signal).toBeUndefined()
  })
})

// The direct path re-does openapi-fetch's request building and response handling without its Request: every answer
// must come out of it exactly as it comes out of openapi-fetch (reached here through a `fetch` option).
describe('the direct path answers as openapi-fetch does', () => {
  const answers: Record<string, () => Response> = {
    '200 JSON': () => json({ data: { id: 'u1' } }),
    '200 JSON, no content-length': () => new Response(new Blob(['{"data":{"id":"u1"}}']).stream(), { headers: { 'content-type': 'application/json' } }),
    '200 empty, no content-length': () => new Response(new Blob([]).stream()),
    '200 content-length 0': () => new Response('', { headers: { 'content-length': '0' } }),
    '204': () => new Response(null, { status: 204 }),
    '404 JSON error': () => json({ statusCode: 404, message: 'Not found' }, 404),
    '502 HTML error': () => new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    '401 empty': () => new Response('', { status: 401, headers: { 'content-length': '0' } }),
  }
  const strip = ({ data, error, response }: { data?: unknown; error?: unknown; response: Response }) => ({ data, error, status: response.status })

  it.each(Object.keys(answers))('%s', async (name) => {
    const answer = answers[name]!
    stubGlobalFetch(async () => answer())
    const options = { apiKey: 'key', accountId: 'acct', retry: { maxRetries: 0 } }
    const direct = await createStackOne(options).GET(USER, { params: { path: { id: 'a' } } })
    const viaOpenapiFetch = await createStackOne({ ...options, fetch: async () => answer() }).GET(USER, { params: { path: { id: 'a' } } })
    expect(strip(direct)).toEqual(strip(viaOpenapiFetch))
    expect('data' in direct).toBe('data' in viaOpenapiFetch)
    expect('error' in direct).toBe('error' in viaOpenapiFetch)
  })

  it('parseAs text and stream, as openapi-fetch', async () => {
    stubGlobalFetch(async () => json({ data: { id: 'u1' } }))
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    expect((await so.GET(USER, { params: { path: { id: 'a' } }, parseAs: 'text' })).data).toBe('{"data":{"id":"u1"}}')
    const stream = (await so.GET(USER, { params: { path: { id: 'a' } }, parseAs: 'stream' })).data as ReadableStream
    expect(await new Response(stream).json()).toEqual({ data: { id: 'u1' } })
  })

  it('builds the same URL, headers and body: query arrays and objects, per-call headers in any case, null unsets', async () => {
    const seen: { url: string; headers: Record<string, string>; body: string | null }[] = []
    const record = async (input: unknown, init?: RequestInit) => {
      const request = new Request(input as string, init)
      seen.push({ url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() })
      return json({ data: { id: 'm1' } }, 201)
    }
    stubGlobalFetch(record)
    const call = {
      params: { query: { filter: { updated_after: '2024-01-01' }, ids: ['a', 'b'], page_size: '5' } as never, header: { 'X-Trace': 't1' } as never },
      headers: { 'x-account-id': 'other', authorization: null } as never,
      body: { content: 'hi', recipient: 'usr_1' },
    }
    const options = { apiKey: 'key', accountId: 'acct' }
    await createStackOne(options).POST('/unified/messaging/messages', call)
    await createStackOne({ ...options, fetch: (request: Request) => record(request) }).POST('/unified/messaging/messages', call)
    expect(seen[0]).toEqual(seen[1])
    expect(seen[0]!.url).toBe('https://api.stackone.com/unified/messaging/messages?filter[updated_after]=2024-01-01&ids=a&ids=b&page_size=5')
    expect(seen[0]!.headers).toMatchObject({ 'x-account-id': 'other', 'x-trace': 't1', 'content-type': 'application/json' })
    expect(seen[0]!.headers.authorization).toBeUndefined()
  })

  it('a per-call querySerializer, baseUrl or Request goes through openapi-fetch (fetch gets a Request)', async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    await so.GET(USER, { params: { path: { id: 'a' }, query: { x: '1' } as never }, querySerializer: () => 'custom=1' })
    await so.GET(USER, { params: { path: { id: 'a' } }, baseUrl: 'https://eu.stackone.test/' })
    expect(calls.map((c) => c.input instanceof Request)).toEqual([true, true])
    expect(calls.map((c) => (c.input as Request).url)).toEqual([
      'https://api.stackone.com/unified/messaging/users/a?custom=1',
      'https://eu.stackone.test/unified/messaging/users/a',
    ])
  })
})

describe('real Requests where they are promised', () => {
  it('once middleware is added, it sees a Request with the credentials, and so does fetch', async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    await so.GET(USER, { params: { path: { id: 'a' } } })
    const seen: unknown[] = []
    so.use({
      onRequest({ request }) {
        seen.push(request)
      },
    })
    await so.GET(USER, { params: { path: { id: 'b' } } })
    expect(typeof calls[0]!.input).toBe('string')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(Request)
    expect((seen[0] as Request).headers.get('x-account-id')).toBe('acct')
    expect(calls[1]!.input).toBeInstanceOf(Request)
    expect((calls[1]!.input as Request).url).toBe('https://api.stackone.com/unified/messaging/users/b')
  })

  it('per-call middleware gets a Request for that call only', async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const seen: unknown[] = []
    const middleware = [{ onRequest: ({ request }: { request: Request }) => void seen.push(request) }]
    await so.GET(USER, { params: { path: { id: 'a' } }, middleware })
    await so.GET(USER, { params: { path: { id: 'b' } } })
    expect(seen[0]).toBeInstanceOf(Request)
    expect(calls[0]!.input).toBeInstanceOf(Request)
    expect(typeof calls[1]!.input).toBe('string')
  })

  it('a fetch passed per call gets a real Request', async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const received: unknown[] = []
    const perCall = async (request: Request) => {
      received.push(request)
      return json({ data: {} })
    }
    await so.GET(USER, { params: { path: { id: 'a' } }, fetch: perCall })
    expect(received[0]).toBeInstanceOf(Request)
    expect((received[0] as Request).headers.get('x-account-id')).toBe('acct')
    expect(calls).toHaveLength(0)
  })

  it('middleware added while a call waits to retry gets a real Request for the retry', async () => {
    let attempt = 0
    stubGlobalFetch(async () => (++attempt === 1 ? json({ message: 'busy' }, 503, { 'retry-after-ms': '30' }) : json({ data: {} })))
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const seen: unknown[] = []
    const call = so.GET(USER, { params: { path: { id: 'a' } } })
    await new Promise((resolve) => setTimeout(resolve, 5))
    so.use({ onRequest: ({ request }) => void seen.push(request) })
    const { data } = await call
    expect(data).toEqual({ data: {} })
    expect(attempt).toBe(2)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(Request)
  })

  it('a fetch passed as an option gets a Request carrying the per-attempt signal', async () => {
    const received: Request[] = []
    const so = createStackOne({
      apiKey: 'key',
      accountId: 'acct',
      fetch: async (request) => {
        received.push(request)
        return json({ data: {} })
      },
    })
    await so.GET(USER, { params: { path: { id: 'a' } } })
    expect(received[0]).toBeInstanceOf(Request)
    expect(received[0]!.headers.get('authorization')).toBe(`Basic ${btoa('key:')}`)
    expect(received[0]!.signal.aborted).toBe(false)
  })
})
