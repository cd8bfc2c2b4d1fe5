// The rate limiter as a user meets it: budgets per credential, a sliding window, calls in order, the caller's signal,
// maxWaitMs, pauses the server asks for, and every attempt (retries, pages) counted, through a recording fetch (the
// proof against a real server keeping a window is limits.proof.test.ts). Windows are short (a few hundred ms) so the
// file stays fast; every timing assertion leaves room for a slow machine.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  ConfigurationError,
  ParleyError,
  RateLimitError,
  createBrevo,
  createMews,
  createStackOne,
  createSunshine,
  createMemoryRateLimitStore,
  type RateLimitInfo,
  type RateLimitStore,
} from '../src/index.js'
import { isolatedStore } from './limits-store.js'

const ADD_THREAD = '/api/connector/v1/messageThreads/add'
const GET_THREADS = '/api/connector/v1/messageThreads/getAll'
const sha16 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A fetch that answers at once and records when each request left, with its Mews token and subject. */
function recordingFetch(answer: (req: Request, body: any) => Response | Promise<Response> = () => json({})) {
  const sent: { at: number; token?: string; subject?: string; path: string; method: string }[] = []
  const fetch = async (req: Request) => {
    const at = performance.now()
    const text = req.body ? await req.text() : ''
    const body = text ? JSON.parse(text) : undefined
    sent.push({ at, token: body?.AccessToken, subject: body?.Subject, path: new URL(req.url).pathname, method: req.method })
    return answer(req, body)
  }
  return { fetch, sent }
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

let tokens = 0
/** A Mews client with an access token of its own (unless given one), in budgets of the test's own. */
function mews(options: Record<string, unknown> & { fetch?: (r: Request) => Promise<Response> }, accessToken = `AT-${++tokens}`) {
  const { rateLimit, ...rest } = options as { rateLimit?: Record<string, unknown> | false }
  return createMews({
    clientToken: 'CT',
    accessToken,
    client: 'Parley limits test',
    baseUrl: 'https://mews.test',
    rateLimit: rateLimit === false ? false : { store: isolatedStore(), ...rateLimit },
    ...rest,
  })
}
const addThread = (client: ReturnType<typeof createMews>, subject = 'Late check-in', init: Record<string, unknown> = {}) =>
  client.orThrow.POST(ADD_THREAD, { body: { OriginalSender: 'Guest', Subject: subject }, ...init })

describe('budgets each vendor gets by default', () => {
  it('Mews: 200 requests per 30 s per access token (the 201st would wait, so with maxWaitMs 0 it fails)', async () => {
    const { fetch, sent } = recordingFetch()
    const client = mews({ fetch, rateLimit: { maxWaitMs: 0 } })
    for (let i = 0; i < 200; i++) await addThread(client)
    const e = await addThread(client).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(RateLimitError)
    // A window of 30 s (plus the margin every slot is held for) from the first request.
    expect((e as RateLimitError).waitMs).toBeGreaterThan(29_000)
    expect((e as RateLimitError).waitMs).toBeLessThanOrEqual(30_000 * 1.02 + 100)
    expect(sent).toHaveLength(200)
  })

  it('StackOne: 1,000 requests per 60 s per API key', async () => {
    const { fetch, sent } = recordingFetch(() => json({ data: [] }))
    const so = createStackOne({ apiKey: 'sk_default', accountId: 'acc', baseUrl: 'https://so.test', fetch, rateLimit: { store: isolatedStore(), maxWaitMs: 0 } })
    for (let i = 0; i < 1000; i++) await so.GET('/unified/messaging/users')
    const e = await so.GET('/unified/messaging/users').catch((x: unknown) => x)
    expect(e).toMatchObject({ name: 'RateLimitError', operation: 'GET /unified/messaging/users' })
    expect((e as RateLimitError).waitMs).toBeGreaterThan(59_000)
    expect(sent).toHaveLength(1000)
  })

  it('Brevo and Sunshine: no fixed budget (their numbers are unconfirmed or unpublished), so nothing waits', async () => {
    const brevoFetch = recordingFetch(() => json({ id: 'm1' }))
    const brevo = createBrevo({ apiKey: 'xkeysib-default', baseUrl: 'https://b.test', fetch: brevoFetch.fetch, rateLimit: { store: isolatedStore(), maxWaitMs: 0 } })
    const sunFetch = recordingFetch(() => json({ conversation: { id: 'c' } }))
    const sunshine = createSunshine({ keyId: 'app_default', secret: 's', baseUrl: 'https://s.test', fetch: sunFetch.fetch, rateLimit: { store: isolatedStore(), maxWaitMs: 0 } })
    for (let i = 0; i < 300; i++) {
      await brevo.orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
      await sunshine.orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c' } } })
    }
    expect(brevoFetch.sent).toHaveLength(300)
    expect(sunFetch.sent).toHaveLength(300)
  })

  it('rateLimit: false sends past the budget at once', async () => {
    const { fetch, sent } = recordingFetch()
    const client = mews({ fetch, rateLimit: false })
    await Promise.all(Array.from({ length: 250 }, () => addThread(client)))
    expect(sent).toHaveLength(250)
  })

  it("a tier is one option away (Brevo's advanced plan: 200 requests per hour)", async () => {
    const { fetch, sent } = recordingFetch(() => json({ id: 'm1' }))
    const brevo = createBrevo({ apiKey: 'xkeysib-tier', baseUrl: 'https://b.test', fetch, rateLimit: { requests: 200, perMs: 3_600_000, store: isolatedStore(), maxWaitMs: 0 } })
    const get = () => brevo.orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    for (let i = 0; i < 200; i++) await get()
    expect(await get().catch((x: unknown) => x)).toBeInstanceOf(RateLimitError)
    expect(sent).toHaveLength(200)
  })
})

describe('waiting', () => {
  it('calls wait their turn in the order they were made, across clients sharing the token', async () => {
    const { fetch, sent } = recordingFetch()
    const rateLimit = { requests: 2, perMs: 150, store: isolatedStore() }
    const a = mews({ fetch, rateLimit }, 'AT-fifo')
    const b = mews({ fetch, rateLimit }, 'AT-fifo')
    const subjects = Array.from({ length: 9 }, (_, i) => `call ${i}`)
    await Promise.all(subjects.map((s, i) => addThread(i % 2 ? b : a, s)))
    expect(sent.map((r) => r.subject)).toEqual(subjects)
  })

  it("the caller's signal applies while waiting: the call rejects with its reason and leaves the line", async () => {
    const { fetch, sent } = recordingFetch()
    const client = mews({ fetch, rateLimit: { requests: 1, perMs: 400 } })
    await addThread(client, 'first')
    const start = performance.now()
    const controller = new AbortController()
    const reason = new Error('the agent closed the tab')
    const aborted = addThread(client, 'aborted', { signal: controller.signal }).catch((x: unknown) => x)
    const third = addThread(client, 'third')
    await sleep(50)
    controller.abort(reason)
    expect(await aborted).toBe(reason)
    expect(performance.now() - start).toBeLessThan(300)
    await third
    // The third call took the slot the aborted one left: one window after the first, not two.
    expect(sent.map((r) => r.subject)).toEqual(['first', 'third'])
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(400)
    expect(sent[1]!.at - sent[0]!.at).toBeLessThan(750)
  })

  it('a wait longer than maxWaitMs fails at once with a RateLimitError saying how long; nothing is sent', async () => {
    const { fetch, sent } = recordingFetch()
    const limited: RateLimitInfo[] = []
    const client = mews({ fetch, rateLimit: { requests: 1, perMs: 5000, maxWaitMs: 1000, onLimited: (i: RateLimitInfo) => limited.push(i) } }, 'AT-S3CR3T-maxwait')
    await addThread(client)
    const start = performance.now()
    const e = (await addThread(client).catch((x: unknown) => x)) as RateLimitError
    expect(performance.now() - start).toBeLessThan(200)
    expect(e).toBeInstanceOf(RateLimitError)
    expect(e).toBeInstanceOf(ParleyError)
    expect(e).toMatchObject({ name: 'RateLimitError', operation: `POST ${ADD_THREAD}`, maxWaitMs: 1000, retryable: true, key: `parley:mews:${sha16('AT-S3CR3T-maxwait')}` })
    expect(e.waitMs).toBeGreaterThan(4800)
    expect(e.message).toBe(`POST ${ADD_THREAD} not sent: rate limit wait ${e.waitMs} ms > maxWaitMs 1000`)
    expect(JSON.stringify(e) + e.message + String(e.stack)).not.toContain('S3CR3T')
    expect(sent).toHaveLength(1)
    expect(limited).toEqual([]) // it never waited
  })

  it('a call behind too many others fails at once; the ones that can make it wait, and onLimited hears of it', async () => {
    const { fetch, sent } = recordingFetch()
    const limited: RateLimitInfo[] = []
    const onLimited = (i: RateLimitInfo) => limited.push(i)
    const client = mews({ fetch, rateLimit: { requests: 1, perMs: 600, maxWaitMs: 1000, onLimited } }, 'AT-queue')
    await addThread(client, 'first')
    const second = addThread(client, 'second') // waits about one window
    const start = performance.now()
    const third = addThread(client, 'third').catch((x: unknown) => x) // one call ahead: at least one more window
    const fourth = await addThread(client, 'fourth').catch((x: unknown) => x) // two ahead: at least two windows
    expect(performance.now() - start).toBeLessThan(200)
    expect(fourth).toBeInstanceOf(RateLimitError)
    expect((fourth as RateLimitError).waitMs).toBeGreaterThan(1000)
    await second
    expect(await third).toBeInstanceOf(RateLimitError) // at its turn: 600 ms waited plus 600 to come
    expect(sent.map((r) => r.subject)).toEqual(['first', 'second'])
    expect(limited[0]).toMatchObject({ operation: `POST ${ADD_THREAD}`, key: `parley:mews:${sha16('AT-queue')}` })
    expect(limited[0]!.waitMs).toBeGreaterThan(500)
  })

  it('maxWaitMs holds in line too: a call whose turn comes later than maxWaitMs fails then, unsent', async () => {
    const { fetch, sent } = recordingFetch()
    const rateLimit = { requests: 2, perMs: 3000, store: isolatedStore() }
    const patient = mews({ fetch, rateLimit }, 'AT-deadline')
    const hurried = mews({ fetch, rateLimit: { ...rateLimit, maxWaitMs: 500 } }, 'AT-deadline')
    await Promise.all([addThread(patient, 'first'), addThread(patient, 'first')])
    // The call ahead sleeps about 3 s for room; the hurried one behind it (fewer than a budget ahead, so nothing
    // foreseen) gets its turn after that, past its 500 ms: it fails and is never sent.
    const second = addThread(patient, 'second')
    await sleep(50)
    const error = (await addThread(hurried, 'too late').catch((x: unknown) => x)) as RateLimitError
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error.waitMs).toBeGreaterThan(500)
    await second
    expect(sent.map((r) => r.subject)).toEqual(['first', 'first', 'second'])
  }, 15_000)

  it('the per-attempt timeout starts when the request is sent, not while it waits for its turn', async () => {
    const { fetch, sent } = recordingFetch()
    const client = mews({ fetch, timeoutMs: 200, rateLimit: { requests: 1, perMs: 400 } })
    await addThread(client)
    await expect(addThread(client)).resolves.toEqual({})
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(400)
  })

  it("the caller's signal applies while the store is answering: a store that hangs does not hold the call", async () => {
    const { fetch, sent } = recordingFetch()
    const store: RateLimitStore = { take: () => new Promise<number>(() => {}), pause: async () => {} }
    const client = mews({ fetch, rateLimit: { store } })
    const reason = new Error('gave up on a hung store')
    const controller = new AbortController()
    const call = addThread(client, 'hung', { signal: controller.signal }).catch((x: unknown) => x)
    await sleep(50)
    controller.abort(reason)
    expect(await Promise.race([call, sleep(1000).then(() => 'still waiting')])).toBe(reason)
    expect(sent).toHaveLength(0)
  })

  it('a store that fails fails the call with its error, and nothing is sent', async () => {
    const { fetch, sent } = recordingFetch()
    const down = new Error('rate-limit store unreachable')
    const store: RateLimitStore = { take: () => Promise.reject(down), pause: async () => {} }
    const client = mews({ fetch, rateLimit: { store } })
    await expect(addThread(client)).rejects.toBe(down)
    expect(sent).toHaveLength(0)
  })
})

describe('what the server says', () => {
  it('a 429 pauses every caller of the budget for its Retry-After, not just the call that got it', async () => {
    let first = true
    const { fetch, sent } = recordingFetch(() => {
      if (!first) return json({ id: 'm1' })
      first = false
      return json({ code: 'too_many_requests', message: 'slow down' }, 429, { 'retry-after-ms': '300' })
    })
    const brevo = createBrevo({ apiKey: 'xkeysib-429', baseUrl: 'https://b.test', fetch, rateLimit: { store: isolatedStore() } })
    const send = () => brevo.orThrow.POST('/conversations/messages', { body: { visitorId: 'v1', text: 'hi', agentId: 'a1' } })
    const e = await send().catch((x: unknown) => x)
    expect(e).toMatchObject({ name: 'ApiError', status: 429, attempts: 1 }) // a send is never retried
    const answered = performance.now()
    const get = () => brevo.orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    await Promise.all([get(), get()])
    expect(sent).toHaveLength(3)
    expect(sent[1]!.at - answered).toBeGreaterThanOrEqual(290)
    expect(sent[2]!.at - answered).toBeGreaterThanOrEqual(290)
  })

  it('without the limiter the same 429 holds nobody else', async () => {
    let first = true
    const { fetch, sent } = recordingFetch(() => {
      if (!first) return json({ id: 'm1' })
      first = false
      return json({ message: 'slow down' }, 429, { 'retry-after-ms': '2000' })
    })
    const brevo = createBrevo({ apiKey: 'xkeysib-429-off', baseUrl: 'https://b.test', fetch, rateLimit: false })
    await brevo.POST('/conversations/messages', { body: { visitorId: 'v1', text: 'hi', agentId: 'a1' } })
    const answered = performance.now()
    await brevo.orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    expect(sent[1]!.at - answered).toBeLessThan(1000)
  })

  it("Brevo's x-sib-ratelimit-remaining: 0 pauses the budget for x-sib-ratelimit-reset seconds", async () => {
    let remaining = '0'
    const { fetch, sent } = recordingFetch(() =>
      json({ id: 'm1' }, 200, { 'x-sib-ratelimit-limit': '100', 'x-sib-ratelimit-remaining': remaining, 'x-sib-ratelimit-reset': '1' }),
    )
    const brevo = createBrevo({ apiKey: 'xkeysib-headers', baseUrl: 'https://b.test', fetch, rateLimit: { store: isolatedStore() } })
    const get = () => brevo.orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    await get()
    remaining = '7'
    await get() // waits out the spent window
    await get() // 7 left: goes at once
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(990)
    expect(sent[2]!.at - sent[1]!.at).toBeLessThan(500)
  })
})

describe('budgets per credential', () => {
  it('two clients with the same access token share one budget; another token has its own', async () => {
    const { fetch, sent } = recordingFetch()
    const rateLimit = { requests: 2, perMs: 500, store: isolatedStore() }
    const a = mews({ fetch, rateLimit }, 'AT-hotel-1')
    const b = mews({ fetch, rateLimit, clientToken: 'another integration' }, 'AT-hotel-1')
    const other = mews({ fetch, rateLimit }, 'AT-hotel-2')
    await Promise.all([addThread(a), addThread(b), addThread(a), addThread(b), addThread(other), addThread(other)])
    const times = (token: string) => sent.filter((r) => r.token === token).map((r) => r.at)
    const [h1, h2, h3, h4] = times('AT-hotel-1') as [number, number, number, number]
    // Four calls on one budget of 2: the third and fourth wait a window after the first two.
    expect(h3 - h1).toBeGreaterThanOrEqual(500)
    expect(h4 - h2).toBeGreaterThanOrEqual(500)
    // The other token's two calls are not held by it.
    const [o1, o2] = times('AT-hotel-2') as [number, number]
    expect(o2 - o1).toBeLessThan(400)
    expect(o2).toBeLessThan(h3)
  })

  it('stores see budget keys, never a credential: parley:<api>:<16 hex of SHA-256>', async () => {
    const keys = new Set<string>()
    const inner = isolatedStore()
    const store: RateLimitStore = {
      take: (key, requests, perMs) => (keys.add(key), inner.take(key, requests, perMs)),
      pause: (key, ms) => (keys.add(key), inner.pause(key, ms)),
    }
    const ok = async () => json({ data: [], id: 'x', conversation: { id: 'c' } })
    const secrets = { mews: 'AT-S3CR3T-1', stackone: 'sk_S3CR3T_2', brevo: 'xkeysib-S3CR3T-3', sunshine: 'S3CR3T-4' }
    await createMews({ clientToken: 'CT-S3CR3T', accessToken: secrets.mews, client: 'x', baseUrl: 'https://m.test', fetch: ok, rateLimit: { store } }).POST(ADD_THREAD, { body: { OriginalSender: 'a', Subject: 'b' } })
    await createStackOne({ apiKey: async () => secrets.stackone, accountId: 'acc', baseUrl: 'https://s.test', fetch: ok, rateLimit: { store } }).GET('/unified/messaging/users')
    await createBrevo({ apiKey: secrets.brevo, baseUrl: 'https://b.test', fetch: ok, rateLimit: { store } }).GET('/conversations/messages/{id}', { params: { path: { id: 'm' } } })
    await createSunshine({ keyId: 'app_1', secret: secrets.sunshine, baseUrl: 'https://z.test', fetch: ok, rateLimit: { store } }).GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c' } } })
    expect([...keys].sort()).toEqual(
      [
        `parley:brevo:${sha16(secrets.brevo)}`,
        `parley:mews:${sha16(secrets.mews)}`,
        `parley:stackone:${sha16(`Basic ${btoa(`${secrets.stackone}:`)}`)}`,
        `parley:sunshine:${sha16('app_1')}`,
      ].sort(),
    )
    expect([...keys].join(' ')).not.toContain('S3CR3T')
  })
})

describe('every attempt takes a slot', () => {
  it('each page of a listing waits its turn', async () => {
    let page = 0
    const { fetch, sent } = recordingFetch(() => {
      page++
      return json({ MessageThreads: [{ Id: `t${page}` }], Cursor: page < 3 ? `c${page}` : null })
    })
    const client = mews({ fetch, rateLimit: { requests: 1, perMs: 250 } })
    const ids: string[] = []
    for await (const t of client.paginate(GET_THREADS, { body: { MessageThreadIds: ['t'], Limitation: { Count: 1 } } })) ids.push(t.Id)
    expect(ids).toEqual(['t1', 't2', 't3'])
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(250)
  })

  it('each retry takes one too, and a POST is still sent once whatever the limiter does', async () => {
    const takes: number[] = []
    const inner = isolatedStore()
    const store: RateLimitStore = { take: async (k, n, ms) => { const w = await inner.take(k, n, ms); if (w === 0) takes.push(w); return w }, pause: inner.pause }
    const replies = [json({ message: 'busy' }, 503), json({ data: [] })]
    const so = createStackOne({ apiKey: 'sk_retry', accountId: 'acc', baseUrl: 'https://s.test', fetch: async () => replies.shift() ?? json({}, 503), rateLimit: { store } })
    expect((await so.GET('/unified/messaging/users')).response.status).toBe(200)
    expect(takes).toHaveLength(2)

    const { fetch, sent } = recordingFetch(() => json({ Message: 'busy' }, 429, { 'retry-after': '1' }))
    const client = mews({ fetch })
    await expect(addThread(client)).rejects.toMatchObject({ status: 429, attempts: 1 })
    expect(sent).toHaveLength(1)
  })
})

describe('the in-memory store', () => {
  it('keeps a spent window and a pause however many other budgets come and go (only idle budgets are forgotten)', async () => {
    const store = createMemoryRateLimitStore()
    expect(await store.take('parley:mews:spent', 1, 60_000)).toBe(0)
    await store.pause('parley:mews:paused', 60_000)
    // Many more budgets than the store keeps idle ones for (one per Mews property's token, say).
    for (let i = 0; i < 2500; i++) expect(await store.take(`parley:mews:other-${i}`, 1, 60_000)).toBe(0)
    expect(await store.take('parley:mews:spent', 1, 60_000)).toBeGreaterThan(59_000)
    expect(await store.take('parley:mews:paused', 1, 60_000)).toBeGreaterThan(59_000)
  })

  it('each store made is a budget space of its own', async () => {
    const [a, b] = [createMemoryRateLimitStore(), createMemoryRateLimitStore()]
    expect(await a.take('parley:brevo:k', 1, 60_000)).toBe(0)
    expect(await a.take('parley:brevo:k', 1, 60_000)).toBeGreaterThan(0)
    expect(await b.take('parley:brevo:k', 1, 60_000)).toBe(0)
  })
})

describe('options', () => {
  const make = (rateLimit: unknown) => () => createMews({ clientToken: 'c', accessToken: 'a', client: 'x', rateLimit: rateLimit as never })
  it.each([
    ['x', 'rateLimit', 'must be an object or false, got the string "x"'],
    [true, 'rateLimit', 'must be an object or false, got true'],
    [{ requests: 0, perMs: 1000 }, 'rateLimit.requests', 'must be an integer from 1 to 2^31-1, got 0'],
    [{ requests: 1.5, perMs: 1000 }, 'rateLimit.requests', 'must be an integer from 1 to 2^31-1, got 1.5'],
    [{ requests: '5', perMs: 1000 }, 'rateLimit.requests', 'must be an integer from 1 to 2^31-1, got the string "5"'],
    [{ requests: 10 }, 'rateLimit.perMs', 'must be an integer from 1 to 2^31-1, got undefined'],
    [{ perMs: 1000 }, 'rateLimit.requests', 'must be an integer from 1 to 2^31-1, got undefined'],
    [{ requests: 10, perMs: 2 ** 31 }, 'rateLimit.perMs', 'must be an integer from 1 to 2^31-1, got 2147483648'],
    [{ maxWaitMs: -1 }, 'rateLimit.maxWaitMs', 'must be a number of ms, 0 or more, got -1'],
    [{ maxWaitMs: NaN }, 'rateLimit.maxWaitMs', 'must be a number of ms, 0 or more, got NaN'],
    [{ store: {} }, 'rateLimit.store', 'must be a RateLimitStore, got an object'],
    [{ store: { take: async () => 0 } }, 'rateLimit.store', 'must be a RateLimitStore, got an object'],
    [{ onLimited: 'log' }, 'rateLimit.onLimited', 'must be a function, got the string "log"'],
  ])('%j -> ConfigurationError on %s', (rateLimit, field, problem) => {
    expect(make(rateLimit)).toThrow(ConfigurationError)
    expect(make(rateLimit)).toThrow(`${field} ${problem}`)
    try {
      make(rateLimit)()
    } catch (e) {
      expect((e as ConfigurationError).field).toBe(field)
    }
  })

  it('accepts false, an empty object, maxWaitMs Infinity, and a full budget', () => {
    for (const ok of [false, undefined, {}, { maxWaitMs: Infinity }, { requests: 200, perMs: 3_600_000, maxWaitMs: 0, onLimited: () => {} }]) {
      expect(make(ok)).not.toThrow()
    }
  })
})
