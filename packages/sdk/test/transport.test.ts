// How a call reaches fetch. With the global fetch and no middleware, fetch gets the URL and an init (one Request
// per call, as a hand-written fetch makes); middleware and a caller's own fetch always get a real Request.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
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
  it('hands fetch the URL and an init with credentials, the per-attempt signal and manual redirects (a GET)', async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const { data } = await so.GET(USER, { params: { path: { id: 'a b/c' } } })
    expect(data).toEqual({ data: {} })
    expect(calls).toHaveLength(1)
    const { input, init } = calls[0]!
    expect(input).toBe('https://api.stackone.com/unified/messaging/users/a%20b%2Fc')
    // What fetch makes of it: a GET (the init leaves fetch's default method unsaid).
    expect(new Request(input as string, init).method).toBe('GET')
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

describe('redirects on the direct path (followed by the SDK, never by fetch)', () => {
  // The first request reaches fetch as a URL and an init; a hop the SDK follows reaches it as a Request.
  const asRequest = ({ input, init }: Call) => (input instanceof Request ? input : new Request(input as string, init))
  const redirect = (status: number, location: string) => new Response(null, { status, headers: { location } })

  it('a GET redirected within its origin is followed with the credentials; to another origin, without them', async () => {
    for (const [location, credentials] of [
      ['https://api.stackone.com/unified/messaging/users/b', true],
      ['https://cdn.example/users/b', false],
    ] as const) {
      const replies = [redirect(302, location), json({ data: { id: 'b' } })]
      const calls = stubGlobalFetch(async () => replies.shift()!)
      const { data } = await createStackOne({ apiKey: 'key', accountId: 'acct' }).GET(USER, { params: { path: { id: 'a' } } })
      expect(data).toEqual({ data: { id: 'b' } })
      const hop = asRequest(calls[1]!)
      expect([hop.method, hop.url, hop.redirect]).toEqual(['GET', location, 'manual'])
      expect(hop.headers.get('authorization')).toBe(credentials ? `Basic ${btoa('key:')}` : null)
      expect(hop.headers.get('x-account-id')).toBe(credentials ? 'acct' : null)
      vi.unstubAllGlobals()
    }
  })

  it('a POST answered 303 continues as a GET without its body; answered 307, it is not replayed', async () => {
    const send = { body: { content: 'hi', recipient: 'usr_1' } }
    let replies = [redirect(303, 'https://api.stackone.com/done'), json({ ok: true })]
    let calls = stubGlobalFetch(async () => replies.shift()!)
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    expect((await so.POST('/unified/messaging/messages', send)).response.status).toBe(200)
    const hop = asRequest(calls[1]!)
    expect([hop.method, hop.url, hop.body]).toEqual(['GET', 'https://api.stackone.com/done', null])

    replies = [redirect(307, 'https://api.stackone.com/elsewhere')]
    calls = stubGlobalFetch(async () => replies.shift()!)
    expect((await so.POST('/unified/messaging/messages', send)).response.status).toBe(307)
    expect(calls).toHaveLength(1)
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

// On Node, a timeout's controller serves another call once its request is over and its body read (core/timeout.ts).
// What a caller must never see from that: an aborted signal handed to fetch, a leak warning, or a later call's
// timeout cutting into an earlier answer.
describe('reused timeout controllers', () => {
  it('a signal that was aborted is never handed to fetch again', async () => {
    let n = 0
    const abortedOnArrival: boolean[] = []
    const calls = stubGlobalFetch((_input, init) => {
      abortedOnArrival.push(init!.signal!.aborted)
      return ++n === 2
        ? new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))
        : Promise.resolve(json({ data: {} }))
    })
    const so = createStackOne({ apiKey: 'key', accountId: 'acct', retry: { maxRetries: 0 } })
    // Only the call that hangs gets a short timeout: on a loaded machine 20 ms can pass inside a call that answers.
    const get = (timeoutMs?: number) => so.GET(USER, { params: { path: { id: 'a' } }, timeoutMs })
    await get()
    expect(await get(20).catch((e: unknown) => e)).toBeInstanceOf(TimeoutError)
    await get()
    await get()
    const signals = calls.map((c) => c.init!.signal!)
    expect(abortedOnArrival).toEqual([false, false, false, false])
    expect(signals[1]!.aborted).toBe(true)
    expect(signals.slice(2)).not.toContain(signals[1])
  })

  it('an answer whose body was still arriving when its timeout fired does not hand its aborted signal on', async () => {
    let n = 0
    const abortedOnArrival: boolean[] = []
    const calls = stubGlobalFetch(async (_input, init) => {
      abortedOnArrival.push(init!.signal!.aborted)
      if (++n > 1) return json({ data: {} })
      // Headers now, the body 60 ms later: this fetch ignores the signal, so the call still succeeds after its 20 ms
      // timeout has fired on the controller.
      const body = new ReadableStream({
        start(controller) {
          setTimeout(() => {
            controller.enqueue(new TextEncoder().encode('{"data":{}}'))
            controller.close()
          }, 60)
        },
      })
      return new Response(body, { headers: { 'content-type': 'application/json' } })
    })
    const so = createStackOne({ apiKey: 'key', accountId: 'acct', retry: { maxRetries: 0 } })
    expect((await so.GET(USER, { params: { path: { id: 'a' } }, timeoutMs: 20 })).data).toEqual({ data: {} })
    expect(calls[0]!.init!.signal!.aborted).toBe(true)
    await so.GET(USER, { params: { path: { id: 'a' } } })
    expect(abortedOnArrival).toEqual([false, false])
  })

  it('a fetch that never removes its abort listeners gets no signal with more than 10, so Node warns of no leak', async () => {
    const listeners = new Map<AbortSignal, number>()
    stubGlobalFetch(async (_input, init) => {
      const signal = init!.signal!
      signal.addEventListener('abort', () => {})
      listeners.set(signal, (listeners.get(signal) ?? 0) + 1)
      return json({ data: {} })
    })
    const warnings: Error[] = []
    const onWarning = (w: Error) => void warnings.push(w)
    process.on('warning', onWarning)
    try {
      const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
      for (let i = 0; i < 40; i++) await so.GET(USER, { params: { path: { id: 'a' } } })
      // Node emits the warning on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 10))
    } finally {
      process.off('warning', onWarning)
    }
    expect([...listeners.values()].reduce((a, b) => a + b)).toBe(40)
    expect(Math.max(...listeners.values())).toBeLessThanOrEqual(10)
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning')
  })

  it("a later call's timeout leaves a stream still being read, and earlier answers, untouched (real fetch, local server)", async () => {
    let finishStream: () => void = () => {}
    const hung = new Set<ServerResponse>()
    const server = createServer((req, res) => {
      const id = req.url!.split('/').pop()
      if (id === 'hang') return void hung.add(res)
      if (id === 'stream') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        res.write('first,')
        finishStream = () => res.end('second')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { id } }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const so = createStackOne({ apiKey: 'key', accountId: 'acct', baseUrl, retry: { maxRetries: 0 } })
      const get = (id: string, init: { parseAs?: 'stream'; timeoutMs?: number } = {}) => so.GET(USER, { params: { path: { id } }, ...init })
      const earlier = [await get('one'), await get('two')]
      const { data: stream } = await get('stream', { parseAs: 'stream' })
      const reader = (stream as ReadableStream<Uint8Array>).getReader()
      const decoder = new TextDecoder()
      let text = decoder.decode((await reader.read()).value, { stream: true })
      // Fresh controllers are not needed here: the stream's must not be among those reused, the others may be.
      expect(await get('hang', { timeoutMs: 50 }).catch((e: unknown) => e)).toBeInstanceOf(TimeoutError)
      finishStream()
      for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true })
      expect(text).toBe('first,second')
      expect(earlier.map((r) => r.data)).toEqual([{ data: { id: 'one' } }, { data: { id: 'two' } }])
      expect((await get('three')).data).toEqual({ data: { id: 'three' } })
    } finally {
      for (const res of hung) res.destroy()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
