import { describe, expect, it } from 'vitest'
import { ConfigurationError, createBrevo, createMews, createStackOne, createSunshine } from '../src/index.js'
import { json, scriptedFetch } from './helpers.js'

const decode = (b64: string) => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))

describe('auth: StackOne', () => {
  it('sends the API key as basic username with an empty password, and x-account-id, on every call', async () => {
    const { fetch, requests } = scriptedFetch(json({ data: [] }))
    const so = createStackOne({ apiKey: 'sk_live_123', accountId: 'acc_9', fetch, baseUrl: 'https://so.test' })
    await so.GET('/unified/messaging/users')
    const auth = requests[0]!.headers.authorization!
    expect(auth.startsWith('Basic ')).toBe(true)
    expect(decode(auth.slice(6))).toBe('sk_live_123:')
    expect(requests[0]!.headers['x-account-id']).toBe('acc_9')
  })

  it('calls an async apiKey function per request, so a rotated key is picked up', async () => {
    const { fetch, requests } = scriptedFetch(json({ data: [] }))
    let n = 0
    const so = createStackOne({ apiKey: async () => `key-${++n}`, accountId: 'acc', fetch, baseUrl: 'https://so.test' })
    await so.GET('/unified/messaging/users')
    await so.GET('/unified/messaging/users')
    expect(requests.map((r) => decode(r.headers.authorization!.slice(6)))).toEqual(['key-1:', 'key-2:'])
  })

  it.each([
    [{ accountId: 'a' }, 'apiKey', 'missing'],
    [{ apiKey: '', accountId: 'a' }, 'apiKey', 'empty'],
    [{ apiKey: 'k' }, 'accountId', 'missing'],
  ])('refuses %j at construction, naming the option', (opts, field, what) => {
    let err: unknown
    try {
      createStackOne(opts as never)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ConfigurationError)
    expect((err as ConfigurationError).field).toBe(field)
    // The message starts with the option it names.
    expect((err as Error).message).toMatch(new RegExp(`^${field} is ${what}`))
  })
})

describe('auth: Brevo', () => {
  it('sends api-key and, when given, partner-key headers', async () => {
    const { fetch, requests } = scriptedFetch(json({ id: 'm1' }))
    const brevo = createBrevo({ apiKey: 'xkeysib-abc', partnerKey: 'xkeysib-partner', fetch, baseUrl: 'https://b.test' })
    await brevo.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    expect(requests[0]!.headers['api-key']).toBe('xkeysib-abc')
    expect(requests[0]!.headers['partner-key']).toBe('xkeysib-partner')
  })

  it('refuses a missing apiKey', () => {
    expect(() => createBrevo({} as never)).toThrow(/^apiKey is missing \(createBrevo needs a string or a function returning one\)$/)
  })

  it('says what a wrong-typed option got, never its value', () => {
    const e = (() => {
      try {
        createBrevo({ apiKey: 123 as never })
      } catch (err) {
        return err as Error
      }
    })()
    expect(e?.message).toBe('apiKey must be a string or a function returning one, got a number')
    expect(() => createStackOne({ apiKey: 'k', accountId: {} as never })).toThrow(/^accountId must be a string, got an object$/)
  })
})

describe('auth: Sunshine', () => {
  it('basic: keyId:secret', async () => {
    const { fetch, requests } = scriptedFetch(json({ conversation: {} }))
    const sc = createSunshine({ keyId: 'app_123', secret: 's3cr3t', fetch, baseUrl: 'https://sc.test' })
    await sc.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c' } } })
    expect(decode(requests[0]!.headers.authorization!.slice(6))).toBe('app_123:s3cr3t')
  })

  it('jwt: an HS256 token with kid and scope app, signed with the secret, sent as bearer', async () => {
    const { fetch, requests } = scriptedFetch(json({ conversation: {} }))
    const sc = createSunshine({ keyId: 'app_123', secret: 'jwt-secret', auth: 'jwt', fetch, baseUrl: 'https://sc.test' })
    await sc.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c' } } })
    await sc.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c' } } })
    const auth = requests[0]!.headers.authorization!
    expect(auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)
    expect(requests[1]!.headers.authorization).toBe(auth) // signed once, reused
    const [head, body, sig] = auth.slice(7).split('.') as [string, string, string]
    const b64 = (s: string) => s.replace(/-/g, '+').replace(/_/g, '/')
    expect(JSON.parse(decode(b64(head)))).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'app_123' })
    expect(JSON.parse(decode(b64(body)))).toEqual({ scope: 'app' })
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('jwt-secret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
    const sigBytes = Uint8Array.from(atob(b64(sig) + '='.repeat((4 - (sig.length % 4)) % 4)), (c) => c.charCodeAt(0))
    expect(await crypto.subtle.verify('HMAC', key, sigBytes, new TextEncoder().encode(`${head}.${body}`))).toBe(true)
  })

  it('refuses an unknown auth mode and a missing keyId', () => {
    expect(() => createSunshine({ keyId: 'k', secret: 's', auth: 'oauth' as never })).toThrow(/^auth must be "basic" or "jwt" \(createSunshine\), got the string "oauth"$/)
    expect(() => createSunshine({ secret: 's' } as never)).toThrow(/^keyId is missing \(createSunshine needs a string\)$/)
  })
})

describe('auth: Mews', () => {
  it('puts ClientToken, AccessToken and Client into every JSON body', async () => {
    const { fetch, requests } = scriptedFetch(json({ MessageThreads: [] }))
    const mews = createMews({ clientToken: 'CT', accessToken: 'AT', client: 'Parley 1.0', fetch, baseUrl: 'https://m.test' })
    await mews.POST('/api/connector/v1/messageThreads/add', {
      body: { MessageThreads: [{ OriginalSender: 'guest@example.com', Subject: 'Late check-in' }] } as never,
    })
    const body = JSON.parse(requests[0]!.body!)
    expect(body).toMatchObject({ ClientToken: 'CT', AccessToken: 'AT', Client: 'Parley 1.0' })
    expect(body.MessageThreads).toHaveLength(1)
  })

  it('refuses missing tokens, naming each', () => {
    expect(() => createMews({ accessToken: 'a', client: 'c' } as never)).toThrow(/^clientToken is missing/)
    expect(() => createMews({ clientToken: 'a', client: 'c' } as never)).toThrow(/^accessToken is missing/)
    expect(() => createMews({ clientToken: 'a', accessToken: 'b' } as never)).toThrow(/^client is missing/)
  })
})

describe('redirects never carry credentials to another origin', () => {
  it('a cross-origin redirect is followed without api-key / authorization; a same-origin one keeps them', async () => {
    const { fetch, requests } = scriptedFetch(
      new Response(null, { status: 302, headers: { location: 'https://b.test/conversations/messages/m1?x=1' } }),
      new Response(null, { status: 307, headers: { location: 'https://cdn.example/file.bin' } }),
      json({ id: 'm1' }),
    )
    const brevo = createBrevo({ apiKey: 'xkeysib-SECRET', partnerKey: 'partner-SECRET', fetch, baseUrl: 'https://b.test' })
    const res = await brevo.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    expect(res.response.status).toBe(200)
    expect(requests.map((r) => r.url)).toEqual([
      'https://b.test/conversations/messages/m1',
      'https://b.test/conversations/messages/m1?x=1',
      'https://cdn.example/file.bin',
    ])
    expect(requests[1]!.headers['api-key']).toBe('xkeysib-SECRET')
    expect(requests[2]!.headers['api-key']).toBeUndefined()
    expect(requests[2]!.headers['partner-key']).toBeUndefined()
    expect(requests[2]!.headers.authorization).toBeUndefined()
  })

  it('a 303 after a POST continues as a GET without the body', async () => {
    const s = scriptedFetch(new Response(null, { status: 303, headers: { location: 'https://b.test/done' } }), json({ ok: true }))
    const brevo = createBrevo({ apiKey: 'k', fetch: s.fetch, baseUrl: 'https://b.test' })
    await brevo.POST('/conversations/messages', { body: { visitorId: 'v', text: 't', agentId: 'a' } })
    expect(s.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', 'https://b.test/conversations/messages', expect.stringContaining('visitorId')],
      ['GET', 'https://b.test/done', undefined],
    ])
  })

  it('a redirect of a POST with a body is not replayed (307)', async () => {
    const s = scriptedFetch(new Response(null, { status: 307, headers: { location: 'https://b.test/elsewhere' } }))
    const brevo = createBrevo({ apiKey: 'k', fetch: s.fetch, baseUrl: 'https://b.test' })
    const res = await brevo.POST('/conversations/messages', { body: { visitorId: 'v', text: 't', agentId: 'a' } })
    expect(res.response.status).toBe(307)
    expect(s.requests).toHaveLength(1)
  })
})

describe('per-call credentials keep the caller headers, whatever their form', () => {
  it.each([
    ['Headers object', new Headers({ 'x-trace': 'T1' })],
    ['array of pairs', [['x-trace', 'T1']]],
    ['plain object', { 'x-trace': 'T1' }],
  ])('%s + Sunshine JWT', async (_form, headers) => {
    const { fetch, requests } = scriptedFetch(json({ conversation: {} }))
    const sc = createSunshine({ keyId: 'app_1', secret: 's', auth: 'jwt', fetch, baseUrl: 'https://sc.test' })
    await sc.GET('/v2/apps/{appId}/conversations/{conversationId}', {
      params: { path: { appId: 'a', conversationId: 'c' } },
      headers: headers as never,
    })
    expect(requests[0]!.headers['x-trace']).toBe('T1')
    expect(requests[0]!.headers.authorization).toMatch(/^Bearer /)
  })
})
