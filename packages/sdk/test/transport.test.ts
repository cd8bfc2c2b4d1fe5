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
