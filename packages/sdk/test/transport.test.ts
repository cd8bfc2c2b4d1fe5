// How a call reaches fetch: always through openapi-fetch, as a real Request carrying the credentials, manual
// redirects and a signal of its own per attempt (a timer and an AbortController each, joined with the caller's signal).
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TimeoutError } from '../src/errors.js'
import { createStackOne } from '../src/stackone.js'
import { json } from './helpers.js'

const USER = '/unified/messaging/users/{id}'

function stubGlobalFetch(reply: (request: Request) => Promise<Response> = async () => json({ data: {} })) {
  const calls: Request[] = []
  vi.stubGlobal('fetch', (input: unknown) => {
    calls.push(input as Request)
    return reply(input as Request)
  })
  return calls
}
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('one transport: the global fetch gets a Request from openapi-fetch', () => {
  it('a GET: URL with encoded path parameters, credentials, manual redirects, a live signal', async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const { data } = await so.GET(USER, { params: { path: { id: 'a b/c' } } })
    expect(data).toEqual({ data: {} })
    expect(calls).toHaveLength(1)
    const request = calls[0]!
    expect(request).toBeInstanceOf(Request)
    expect([request.method, request.url, request.redirect]).toEqual(['GET', 'https://api.stackone.com/unified/messaging/users/a%20b%2Fc', 'manual'])
    expect(request.headers.get('authorization')).toBe(`Basic ${btoa('key:')}`)
    expect(request.headers.get('x-account-id')).toBe('acct')
    expect(request.signal.aborted).toBe(false)
  })

  it('sends a JSON body with its content type', async () => {
    const calls = stubGlobalFetch(async () => json({ data: { id: 'msg_1' } }, 201))
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    await so.POST('/unified/messaging/messages', { body: { content: 'hi', recipient: 'usr_1' } })
    expect(calls[0]!.method).toBe('POST')
    expect(await calls[0]!.json()).toEqual({ content: 'hi', recipient: 'usr_1' })
    expect(calls[0]!.headers.get('content-type')).toBe('application/json')
  })
})

describe('a timeout per attempt', () => {
  const hang = (request: Request) => new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)))

  it('aborts the signal fetch was given, and the call fails with a TimeoutError', async () => {
    const calls = stubGlobalFetch(hang)
    const so = createStackOne({ apiKey: 'key', accountId: 'acct', timeoutMs: 20, retry: { maxRetries: 0 } })
    const error = await so.GET(USER, { params: { path: { id: 'a' } } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(calls[0]!.signal.aborted).toBe(true)
  })

  it('each attempt gets a fresh signal: a retry after a timeout is not sent with the aborted one', async () => {
    let attempt = 0
    const calls = stubGlobalFetch((request) => (++attempt === 1 ? hang(request) : Promise.resolve(json({ data: { id: 'a' } }))))
    const so = createStackOne({ apiKey: 'key', accountId: 'acct', timeoutMs: 20, retry: { maxRetries: 1 } })
    const { data } = await so.GET(USER, { params: { path: { id: 'a' } } })
    expect(data).toEqual({ data: { id: 'a' } })
    expect(calls.map((r) => r.signal.aborted)).toEqual([true, false])
  })

  it('is stopped once the answer is read: a finished call is never aborted later', async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct', timeoutMs: 30 })
    await so.GET(USER, { params: { path: { id: 'a' } } })
    await delay(80)
    expect(calls[0]!.signal.aborted).toBe(false)
  })

  it("with timeoutMs: Infinity the Request follows the caller's own signal, and nothing else aborts it", async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct', timeoutMs: Infinity })
    const controller = new AbortController()
    await so.GET(USER, { params: { path: { id: 'a' } }, signal: controller.signal })
    await so.GET(USER, { params: { path: { id: 'a' } } })
    expect(calls.map((r) => r.signal.aborted)).toEqual([false, false])
    controller.abort()
    expect(calls.map((r) => r.signal.aborted)).toEqual([true, false])
  })

  it("the caller's signal aborts the attempt in flight, and the caller gets its own reason back", async () => {
    const calls = stubGlobalFetch(hang)
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const controller = new AbortController()
    const call = so.GET(USER, { params: { path: { id: 'a' } }, signal: controller.signal })
    await delay(5)
    const reason = new Error('user gave up')
    controller.abort(reason)
    expect(await call.catch((e: unknown) => e)).toBe(reason)
    expect(calls[0]!.signal.aborted).toBe(true)
  })

  it("one caller signal shared by many calls keeps no listener from a finished call (no MaxListenersExceededWarning)", async () => {
    stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const controller = new AbortController()
    let listeners = 0
    const add = controller.signal.addEventListener.bind(controller.signal)
    const remove = controller.signal.removeEventListener.bind(controller.signal)
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add
    controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (listeners--, remove(...args))) as typeof remove
    const warnings: Error[] = []
    const onWarning = (w: Error) => warnings.push(w)
    process.on('warning', onWarning)
    try {
      for (let i = 0; i < 20; i++) await so.GET(USER, { params: { path: { id: String(i) } }, signal: controller.signal })
      await delay(10)
    } finally {
      process.off('warning', onWarning)
    }
    expect(listeners).toBe(0)
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning')
  })
})

describe('redirects (followed by the SDK, never by fetch)', () => {
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
      const hop = calls[1]!
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
    const hop = calls[1]!
    expect([hop.method, hop.url, hop.body]).toEqual(['GET', 'https://api.stackone.com/done', null])

    replies = [redirect(307, 'https://api.stackone.com/elsewhere')]
    calls = stubGlobalFetch(async () => replies.shift()!)
    expect((await so.POST('/unified/messaging/messages', send)).response.status).toBe(307)
    expect(calls).toHaveLength(1)
  })
})

describe('middleware and a caller\'s own fetch', () => {
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
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(Request)
    expect((seen[0] as Request).headers.get('x-account-id')).toBe('acct')
    expect(calls[1]!.url).toBe('https://api.stackone.com/unified/messaging/users/b')
  })

  it('per-call middleware gets a Request for that call only', async () => {
    const calls = stubGlobalFetch()
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const seen: unknown[] = []
    const middleware = [{ onRequest: ({ request }: { request: Request }) => void seen.push(request) }]
    await so.GET(USER, { params: { path: { id: 'a' } }, middleware })
    await so.GET(USER, { params: { path: { id: 'b' } } })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(Request)
    expect(calls).toHaveLength(2)
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

describe('streams', () => {
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
