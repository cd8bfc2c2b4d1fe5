// Secrets never surface in errors or logs. Every error path runs with recognisable fake secrets (each contains
// "S3CR3T"; the derived forms that travel, basic-auth base64 and the Sunshine JWT, are searched for too), and each
// error is rendered every way a caller might log it. Everything the process prints meanwhile is captured and
// searched as well. Real HTTP; the server confirms the secrets really were sent.
import { inspect } from 'node:util'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBrevo, createMews, createStackOne, createSunshine } from '../../src/index.js'
import { signAppJwt } from '../../src/auth/jwt.js'
import { exhaust } from '../helpers.js'
import { FaultServer, fault, type Behaviour } from './server.js'
import { isolatedStore } from '../limits-store.js'

const SECRET = {
  stackoneKey: 'sk_live_S3CR3T_STACKONE_7f3a9c1e',
  brevoKey: 'xkeysib-S3CR3T-BREVO-4e8d2b77',
  brevoPartner: 'xkeysib-S3CR3T-PARTNER-91c0aa',
  sunshineSecret: 'S3CR3T-SUNSHINE-5b7e1d0f',
  mewsClientToken: 'S3CR3T-MEWS-CLIENT-0c4f19',
  mewsAccessToken: 'S3CR3T-MEWS-ACCESS-a9e2c3',
}
const KEY_ID = 'app_5f1c0a'

const server = new FaultServer()
const elsewhere = new FaultServer() // another origin, for redirects
const needles: [string, string][] = []
const printed: string[] = []

beforeAll(async () => {
  await server.start()
  await elsewhere.start()
  const jwt = await signAppJwt(KEY_ID, SECRET.sunshineSecret)
  needles.push(
    ['a secret (or part of one)', 'S3CR3T'],
    ...Object.entries(SECRET).map(([name, value]) => [name, value] as [string, string]),
    ['StackOne basic auth', btoa(`${SECRET.stackoneKey}:`)],
    ['Sunshine basic auth', btoa(`${KEY_ID}:${SECRET.sunshineSecret}`)],
    ['Sunshine JWT', jwt],
    ['Sunshine JWT signature', jwt.split('.')[2]!],
  )
  // Everything printed from here on: console, stdout, stderr, process warnings.
  const record = (...args: unknown[]) => void printed.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '))
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, m).mockImplementation(record)
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream)
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
      record(String(chunk))
      return write(chunk as string, ...rest)
    }) as typeof stream.write)
  }
  process.on('warning', record)
})
afterAll(async () => {
  vi.restoreAllMocks()
  await Promise.all([server.close(), elsewhere.close()])
})
// The rate limiter stays on, in budgets of each test's own (a 429's pause must not outlive its test).
let budgets = isolatedStore()
beforeEach(() => {
  server.reset()
  elsewhere.reset()
  budgets = isolatedStore()
})
afterEach(() => {
  expect(server.unscripted, 'requests nothing was scripted for').toBe(0)
  expect(elsewhere.unscripted, 'requests nothing was scripted for').toBe(0)
})

const common = { baseUrl: '', retry: { maxRetries: 0 } }
const opts = (extra: object) => ({ ...common, baseUrl: server.origin, rateLimit: { store: budgets }, ...extra })
const clients = {
  stackone: (extra = {}) => createStackOne({ apiKey: SECRET.stackoneKey, accountId: 'acc_1', ...opts(extra) }),
  brevo: (extra = {}) => createBrevo({ apiKey: SECRET.brevoKey, partnerKey: SECRET.brevoPartner, ...opts(extra) }),
  sunshineBasic: (extra = {}) => createSunshine({ keyId: KEY_ID, secret: SECRET.sunshineSecret, ...opts(extra) }),
  sunshineJwt: (extra = {}) => createSunshine({ keyId: KEY_ID, secret: SECRET.sunshineSecret, auth: 'jwt', ...opts(extra) }),
  mews: (extra = {}) => createMews({ clientToken: SECRET.mewsClientToken, accessToken: SECRET.mewsAccessToken, client: 'Parley test', ...opts(extra) }),
}
type Api = keyof typeof clients

/** One ordinary call per API (a send for those that have one, so request bodies are in play too). */
const calls: Record<Api, (extra?: object) => Promise<unknown>> = {
  stackone: (extra = {}) => clients.stackone().orThrow.POST('/unified/messaging/messages', { body: { content: 'hi', recipient: 'c1' }, ...extra }),
  brevo: (extra = {}) => clients.brevo().orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } }, ...extra }),
  sunshineBasic: (extra = {}) =>
    clients.sunshineBasic().orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c' } }, ...extra }),
  sunshineJwt: (extra = {}) =>
    clients.sunshineJwt().orThrow.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
      params: { path: { appId: 'a', conversationId: 'c' } },
      body: { author: { type: 'business' }, content: { type: 'text', text: 'hi' } },
      ...extra,
    }),
  mews: (extra = {}) => clients.mews().orThrow.POST('/api/connector/v1/messageThreads/add', { body: { OriginalSender: 'x', Subject: 'y' }, ...extra }),
}

/** Every way a caller might render an error, searched for every needle. */
function leaks(error: unknown): string[] {
  const e = error as Error
  const renderings: Record<string, string> = {
    'error.message': e.message,
    'String(error)': String(e),
    'JSON.stringify(error)': JSON.stringify(e),
    'util.inspect(error, {depth: 10})': inspect(e, { depth: 10 }),
    'util.inspect(error, {depth: 10, showHidden: true})': inspect(e, { depth: 10, showHidden: true }),
    'error.stack': e.stack ?? '',
  }
  return Object.entries(renderings).flatMap(([where, text]) => needles.filter(([, n]) => text.includes(n)).map(([name]) => `${name} in ${where}`))
}

async function failure(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e, 'the call was expected to fail').toBeInstanceOf(Error)
  return e as Error
}

const mewsEcho: Behaviour = (req) => fault.json({ Message: 'Invalid AccessToken.', RequestId: 'r1', Details: `POST ${req.url} ${req.body}` }, 401, { 'request-id': 'r1' })
const FAULTS: [string, Behaviour, string][] = [
  ['401', fault.status(401), 'ApiError'],
  ['401 whose Mews-style Details echo the request', mewsEcho, 'ApiError'],
  ['429 + Retry-After: 120', fault.retryAfterSeconds(120), 'ApiError'],
  ['HTML 502 page', fault.html502(), 'ApiError'],
  ['reset before headers', fault.reset(), 'ConnectionError'],
  ['reset mid-body', fault.resetMidBody(), 'ConnectionError'],
  ['malformed JSON', fault.malformedJson(), 'ConnectionError'],
  ['headers then silence (timeout)', fault.silence(), 'TimeoutError'],
]

describe.each(Object.keys(calls) as Api[])('%s', (api) => {
  it.each(FAULTS)('%s -> no secret in the error, however it is rendered', async (label, behaviour, name) => {
    server.otherwise(behaviour)
    const e = await failure(calls[api](label.includes('silence') ? { timeoutMs: 100 } : {}))
    expect(e.name).toBe(name)
    expect(leaks(e)).toEqual([])
    expect(server.requests.length).toBeGreaterThan(0)
  })

  it('bad input (an empty path parameter or a CR/LF header) -> no secret in the ConfigurationError', async () => {
    const e = await failure(calls[api]({ headers: { 'x-trace': `${SECRET.stackoneKey}\r\nX: 1` } }))
    expect(e.name).toBe('ConfigurationError')
    expect(leaks(e)).toEqual([])
    expect(server.requests).toHaveLength(0)
  })

  it('a cross-origin redirect answered 401 -> no secret in the error', async () => {
    server.otherwise(fault.redirect(303, elsewhere.url('/login')))
    elsewhere.otherwise(fault.status(401))
    const e = await failure(calls[api]())
    expect(e).toMatchObject({ name: 'ApiError', status: 401 })
    expect(leaks(e)).toEqual([])
    expect(elsewhere.requests).toHaveLength(1)
  })
})

describe('errors that carry no request', () => {
  it('retries exhausted (503 x 3, retry-after-ms 1) on StackOne -> ApiError with attempts 3, no secret', async () => {
    server.otherwise(fault.status(503, { 'retry-after-ms': '1' }))
    const e = await failure(clients.stackone({ retry: {} }).orThrow.GET('/unified/messaging/users'))
    expect(e).toMatchObject({ name: 'ApiError', attempts: 3 })
    expect(leaks(e)).toEqual([])
  })

  it('repeated cursors (StackOne, Sunshine JWT, Mews) -> PaginationError, no secret', async () => {
    server.otherwise(fault.json({ data: [{ id: 'c' }], next: 'same', conversations: [{ id: 'c' }], meta: { hasMore: true, afterCursor: 'same' }, MessageThreads: [{ Id: 't' }], Cursor: 'same' }))
    const errors = [
      await failure(exhaust(clients.stackone().paginate('/unified/messaging/conversations'))),
      await failure(exhaust(clients.sunshineJwt().paginate('/v2/apps/{appId}/conversations', { params: { path: { appId: 'a' }, query: { filter: { userId: 'u' } } } }))),
      await failure(exhaust(clients.mews().paginate('/api/connector/v1/messageThreads/getAll', { body: { MessageThreadIds: ['t'], Limitation: { Count: 1 } } }))),
    ]
    for (const e of errors) {
      expect(e.name).toBe('PaginationError')
      expect(leaks(e)).toEqual([])
    }
  })

  it('Mews Count 0 and Sunshine filter with both ids -> ConfigurationError, no secret', async () => {
    const errors = [
      await failure(clients.mews().POST('/api/connector/v1/messageThreads/getAll', { body: { MessageThreadIds: ['t'], Limitation: { Count: 0 } } })),
      await failure(
        clients.sunshineJwt().GET('/v2/apps/{appId}/conversations', {
          params: { path: { appId: 'a' }, query: { filter: { userId: 'u', userExternalId: 'x' } as never } },
        }),
      ),
      await failure(clients.brevo().GET('/conversations/messages/{id}', { params: { path: { id: '' } } })),
    ]
    for (const e of errors) {
      expect(e.name).toBe('ConfigurationError')
      expect(leaks(e)).toEqual([])
    }
    expect(server.requests).toHaveLength(0)
  })

  it('a credential with CR/LF (static, or returned by a function) -> ConfigurationError without the credential', async () => {
    const errors: unknown[] = []
    try {
      createBrevo({ apiKey: `${SECRET.brevoKey}\r\nX-Evil: 1`, baseUrl: server.origin })
    } catch (e) {
      errors.push(e)
    }
    try {
      createBrevo({ apiKey: 'k', partnerKey: `${SECRET.brevoPartner}\n`, baseUrl: server.origin })
    } catch (e) {
      errors.push(e)
    }
    const rotating = createBrevo({ apiKey: async () => `${SECRET.brevoKey}\nX: 1`, baseUrl: server.origin })
    errors.push(await failure(rotating.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })))
    expect(errors).toHaveLength(3)
    for (const e of errors) {
      expect(e).toMatchObject({ name: 'ConfigurationError' })
      expect(leaks(e)).toEqual([])
    }
    expect(server.requests).toHaveLength(0)
  })

  it('a credential function that returns nothing -> ConfigurationError naming the option, no secret', async () => {
    const sc = createSunshine({ keyId: KEY_ID, secret: () => '', auth: 'jwt', baseUrl: server.origin })
    const e = await failure(sc.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c' } } }))
    expect(e).toMatchObject({ name: 'ConfigurationError', field: 'secret' })
    expect(leaks(e)).toEqual([])
  })
})

describe('the secrets were really in play, and nothing printed them', () => {
  it('the search finds a secret when there is one (control)', () => {
    expect(leaks(new Error(`bad key ${SECRET.brevoKey}`))).toContain('brevoKey in error.message')
    expect(leaks(Object.assign(new Error('x'), { detail: btoa(`${SECRET.stackoneKey}:`) }))).toContain('StackOne basic auth in JSON.stringify(error)')
  })

  it('the server received each credential in its place', async () => {
    server.otherwise(fault.json({}))
    for (const call of Object.values(calls)) await call().catch(() => undefined)
    const [so, brevo, basic, jwt, mews] = server.requests
    expect(so!.headers.authorization).toBe(`Basic ${btoa(`${SECRET.stackoneKey}:`)}`)
    expect(brevo!.headers).toMatchObject({ 'api-key': SECRET.brevoKey, 'partner-key': SECRET.brevoPartner })
    expect(basic!.headers.authorization).toBe(`Basic ${btoa(`${KEY_ID}:${SECRET.sunshineSecret}`)}`)
    expect(jwt!.headers.authorization).toBe(`Bearer ${needles.find(([n]) => n === 'Sunshine JWT')![1]}`)
    expect(mews!.json).toMatchObject({ ClientToken: SECRET.mewsClientToken, AccessToken: SECRET.mewsAccessToken })
  })

  it('nothing printed during the whole file (console, stdout, stderr, warnings) holds a secret', () => {
    const found = printed.flatMap((text) => needles.filter(([, n]) => text.includes(n)).map(([name]) => name))
    expect(found).toEqual([])
  })
})
