// The smoke client: what a user's code does with the packed packages, as plain ESM that runs unchanged on Node,
// Bun and Deno, against the stand-in vendors of server.mjs. PARLEY_SMOKE holds { url, credentials }.
// Prints one JSON line, { runtime, resolved, checks: [{ name, ok, detail }] }, and exits 1 if a check failed;
// `resolved` is the file each package's import resolved to.
import process from 'node:process'
import { ApiError, TimeoutError, createBrevo, createMews, createStackOne, createSunshine } from '@parley/sdk'
import { ApiError as StackOneApiError, createStackOne as createStackOneOnly } from '@parley/sdk/stackone'
import { createBrevoConversationsClient } from '@parley/brevo-conversations'
import { createMewsMessageThreadsClient } from '@parley/mews-message-threads'
import { createStackOneMessagingClient } from '@parley/stackone-messaging'
import { createSunshineConversationsClient } from '@parley/sunshine-conversations'

if (!process.env.PARLEY_SMOKE) throw new Error('PARLEY_SMOKE is not set: test/runtimes.test.ts runs this with the server it started')
const { url, credentials } = JSON.parse(process.env.PARLEY_SMOKE)
const { stackone, brevo, sunshine, mews } = credentials
const so = createStackOne({ ...stackone, baseUrl: `${url}/stackone` })
const seen = async () => (await fetch(`${url}/__smoke/seen`)).json()

const runtime = globalThis.Deno
  ? { name: 'deno', version: globalThis.Deno.version.deno }
  : globalThis.Bun
    ? { name: 'bun', version: globalThis.Bun.version }
    : { name: 'node', version: process.versions.node }

function same(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

/** The error a call rejected with; fails if it resolved. */
async function rejection(promise) {
  let value
  try {
    value = await promise
  } catch (err) {
    return err
  }
  throw new Error(`resolved with ${JSON.stringify(value)} instead of rejecting`)
}

const CHECKS = {
  async 'stackone: GET with the API key and account id'() {
    const { data, response } = await so.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'c1' } } })
    same([response.status, data?.data?.name], [200, 'Smoke test'], 'status and name')
    return `200, "${data.data.name}"`
  },

  async 'brevo: GET with the api-key header'() {
    const client = createBrevo({ ...brevo, baseUrl: `${url}/brevo` })
    const { data, response } = await client.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    same([response.status, data?.text], [200, 'Hello from Brevo'], 'status and text')
    return `200, "${data.text}"`
  },

  async 'sunshine: GET with an HS256 JWT carrying the key id'() {
    const client = createSunshine({ ...sunshine, auth: 'jwt', baseUrl: `${url}/sunshine` })
    const { data, response } = await client.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'app1', conversationId: 'cv1' } } })
    const { sunshineJwt } = await seen()
    same(sunshineJwt, { alg: 'HS256', typ: 'JWT', kid: sunshine.keyId, scope: 'app', signature: 'valid' }, 'the token the server verified')
    same([response.status, data?.conversation?.id], [200, 'cv1'], 'status and conversation id')
    return `server verified ${JSON.stringify(sunshineJwt)}`
  },

  async 'mews: a year split into 3-month windows, newest first'() {
    const client = createMews({ ...mews, baseUrl: `${url}/mews` })
    const ids = []
    const year = { StartUtc: '2025-01-01T00:00:00Z', EndUtc: '2026-01-01T00:00:00Z' }
    for await (const t of client.paginate('/api/connector/v1/messageThreads/getAll', { body: { CreatedUtc: year, Limitation: { Count: 10 } } })) ids.push(t.Id)
    const windows = [
      { StartUtc: '2025-10-01T00:00:00Z', EndUtc: '2026-01-01T00:00:00Z' },
      { StartUtc: '2025-07-01T00:00:00Z', EndUtc: '2025-10-01T00:00:00Z' },
      { StartUtc: '2025-04-01T00:00:00Z', EndUtc: '2025-07-01T00:00:00Z' },
      { StartUtc: '2025-01-01T00:00:00Z', EndUtc: '2025-04-01T00:00:00Z' },
    ]
    same((await seen()).mewsWindows, windows, 'windows the server was asked for')
    same(ids, windows.map((w) => `thread-${w.StartUtc}`), 'items, in window order')
    return `${windows.length} windows, ${ids.length} threads`
  },

  async 'stackone: paginate follows next over 3 pages'() {
    const ids = []
    for await (const c of so.paginate('/unified/messaging/conversations', { params: { query: { page_size: '2' } } })) ids.push(c.id)
    same(ids, ['c1', 'c2', 'c3', 'c4', 'c5'], 'items')
    same((await seen()).stackonePages, [null, 'p2', 'p3'], 'cursors the server was sent')
    return `3 pages, ${ids.length} items`
  },

  async 'retry: a 503 then a 200 is one call answered 200'() {
    const { data, response } = await so.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'flaky' } } })
    same([response.status, data?.data?.name], [200, 'Second attempt'], 'status and name')
    same((await seen()).flakyAttempts, 2, 'attempts the server saw')
    return '2 attempts, answered 200'
  },

  async 'timeout: an answer slower than timeoutMs is a TimeoutError'() {
    const hasty = createStackOne({ ...stackone, baseUrl: `${url}/stackone`, timeoutMs: 200, retry: { maxRetries: 0 } })
    const started = Date.now()
    const err = await rejection(hasty.orThrow.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'slow' } } }))
    const elapsed = Date.now() - started
    if (!(err instanceof TimeoutError)) throw new Error(`expected a TimeoutError, got ${err?.name}: ${err?.message}`)
    same(err.timeoutMs, 200, 'timeoutMs')
    if (elapsed > 5_000) throw new Error(`took ${elapsed} ms`)
    return `TimeoutError after ${elapsed} ms`
  },

  async 'orThrow: a 404 is an ApiError with status, message and request id'() {
    const err = await rejection(so.orThrow.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'missing' } } }))
    if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${err?.name}: ${err?.message}`)
    same([err.status, err.requestId, err.message.includes('Conversation missing not found')], [404, 'req_smoke_404', true], 'status, request id, message')
    return `${err.name} ${err.status}: ${err.message}`
  },

  async 'one error model across entry points: a subpath client throws the root ApiError'() {
    const only = createStackOneOnly({ ...stackone, baseUrl: `${url}/stackone` })
    const err = await rejection(only.orThrow.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'missing' } } }))
    same([err instanceof ApiError, err instanceof StackOneApiError, ApiError === StackOneApiError], [true, true, true], 'instanceof across entries')
    return `${err.name} from @parley/sdk/stackone is @parley/sdk's ApiError`
  },

  async 'POST: answered 503, sent exactly once'() {
    const { error, response } = await so.POST('/unified/messaging/messages', { body: { content: 'Hello', recipient: 'u1' } })
    same([response.status, error?.message], [503, 'Try again'], 'status and error')
    same((await seen()).messagePosts, 1, 'POSTs the server saw')
    return 'one POST, answered 503'
  },

  async 'per-API packages: a plain openapi-fetch call on each'() {
    const basic = `Basic ${btoa(`${stackone.apiKey}:`)}`
    const statuses = await Promise.all([
      createStackOneMessagingClient({ baseUrl: `${url}/stackone`, headers: { authorization: basic } }).GET('/unified/messaging/conversations/{id}', {
        params: { path: { id: 'c1' }, header: { 'x-account-id': stackone.accountId } },
      }),
      createBrevoConversationsClient({ baseUrl: `${url}/brevo`, headers: { 'api-key': brevo.apiKey } }).GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } }),
      createSunshineConversationsClient({ baseUrl: `${url}/sunshine` }).GET('/v2/apps/{appId}/conversations/{conversationId}', {
        params: { path: { appId: 'app1', conversationId: 'cv1' } },
      }),
      createMewsMessageThreadsClient({ baseUrl: `${url}/mews` }).POST('/api/connector/v1/messageThreads/getAll', {
        body: { ClientToken: mews.clientToken, AccessToken: mews.accessToken, Client: mews.client, MessageThreadIds: ['t1'], Limitation: { Count: 1 } },
      }),
    ]).then((results) => results.map((r) => r.response.status))
    // Sunshine without a token must be refused: the raw client adds no auth of its own.
    same(statuses, [200, 200, 401, 200], 'statuses (stackone, brevo, sunshine unauthenticated, mews)')
    return statuses.join(', ')
  },
}

const resolved = Object.fromEntries(
  ['@parley/sdk', '@parley/stackone-messaging', '@parley/brevo-conversations', '@parley/sunshine-conversations', '@parley/mews-message-threads'].map((p) => [p, import.meta.resolve(p)]),
)
const checks = []
for (const [name, check] of Object.entries(CHECKS)) {
  try {
    checks.push({ name, ok: true, detail: await check() })
  } catch (err) {
    checks.push({ name, ok: false, detail: `${err?.name}: ${err?.message}` })
  }
}
console.log(JSON.stringify({ runtime, resolved, checks }))
process.exitCode = checks.every((c) => c.ok) ? 0 : 1
