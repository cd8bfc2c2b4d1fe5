// Multi-page pagination against a local node:http server that keeps datasets and computes each page from the
// cursor it receives (nothing is scripted per request): what a caller of paginate()/pages() sees, and exactly what
// the server was sent. One server for the file; each test gets its own scenario under its own path prefix.
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { ApiError, ConfigurationError, PaginationError, createMews, createStackOne, createSunshine } from '../src/index.js'
import { drain } from './helpers.js'

// ---------------------------------------------------------------------------------------------------------------
// The server

interface Received {
  /** 1-based arrival number within the scenario. */
  n: number
  method: string
  path: string
  /** The query string exactly as it came over the wire (no decoding). */
  rawQuery: string
  query: URLSearchParams
  body: any
  /** The client went away before the answer was complete. */
  aborted: boolean
}
type Answer = { status?: number; body: unknown; headers?: Record<string, string> } | 'hold'
type Handler = (req: Received) => Answer

interface Scenario {
  baseUrl: string
  log: Received[]
  /** Server arrivals (`request n`, `aborted n`) and the caller's own milestones, in the order they happened. */
  events: string[]
}

let server: Server
let origin = ''
let scenarioCount = 0
const scenarios = new Map<string, Scenario & { handler: Handler }>()
const held = new Set<ServerResponse>()

function scenario(handler: Handler): Scenario {
  const name = `s${++scenarioCount}`
  const sc = { baseUrl: `${origin}/${name}`, log: [], events: [], handler }
  scenarios.set(name, sc)
  return sc
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const m = /^\/(s\d+)(\/[^?]*)(?:\?(.*))?$/.exec(req.url ?? '')
    const sc = m && scenarios.get(m[1]!)
    if (!m || !sc) {
      res.writeHead(500).end()
      return
    }
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const rec: Received = {
      n: sc.log.length + 1,
      method: req.method ?? '',
      path: m[2]!,
      rawQuery: m[3] ?? '',
      query: new URLSearchParams(m[3] ?? ''),
      body: text ? JSON.parse(text) : undefined,
      aborted: false,
    }
    sc.log.push(rec)
    sc.events.push(`request ${rec.n}`)
    res.on('close', () => {
      held.delete(res)
      if (!res.writableFinished) {
        rec.aborted = true
        sc.events.push(`aborted ${rec.n}`)
      }
    })
    const answer = sc.handler(rec)
    if (answer === 'hold') {
      held.add(res)
      return
    }
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers })
    res.end(JSON.stringify(answer.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const res of held) res.destroy()
  server.closeAllConnections()
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())))
})

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls until `cond` holds (true) or `ms` passed (false). */
async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (!cond()) {
    if (Date.now() > until) return false
    await sleep(2)
  }
  return true
}


// ---------------------------------------------------------------------------------------------------------------
// StackOne: `next` (an opaque base64 cursor here, so it must survive URL encoding) -> `?next=`

const CONVERSATIONS = '/unified/messaging/conversations'
const conversations = Array.from({ length: 7 }, (_, i) => ({ id: `conv_${i + 1}`, name: `Conversation ${i + 1}` }))
const soCursor = (offset: number) => Buffer.from(`conversations:offset=${offset}`).toString('base64')
const soOffset = (cursor: string) => Number(/^conversations:offset=(\d+)$/.exec(Buffer.from(cursor, 'base64').toString())?.[1])

interface StackOneListing {
  /** What `next` is on the last page; omitted: the key is absent. */
  last?: unknown
  /** Answers this page number (1-based request count) with an error instead. */
  failAt?: { n: number; status: number }
  /** Holds this request open (never answers until the client goes away). */
  holdAt?: number
}

function stackoneList<T>(data: T[], opts: StackOneListing = {}): Handler {
  return (req) => {
    if (opts.holdAt === req.n) return 'hold'
    if (opts.failAt?.n === req.n) {
      return { status: opts.failAt.status, body: { statusCode: opts.failAt.status, message: 'The cursor has expired' } }
    }
    if (req.path !== CONVERSATIONS) return { status: 404, body: { statusCode: 404, message: 'no such path' } }
    const size = Number(req.query.get('page_size') ?? 25)
    const cursor = req.query.get('next')
    const offset = cursor === null ? 0 : soOffset(cursor)
    if (!Number.isInteger(offset)) return { status: 400, body: { statusCode: 400, message: `bad cursor ${cursor}` } }
    const page = data.slice(offset, offset + size)
    const end = offset + page.length
    const body: Record<string, unknown> = { data: page }
    if (end < data.length) body.next = soCursor(end)
    else if ('last' in opts) body.next = opts.last
    return { body, headers: { 'x-request-id': `req-${req.n}` } }
  }
}

const stackOne = (sc: Scenario) => createStackOne({ apiKey: 'k', accountId: 'acc_1', baseUrl: sc.baseUrl })

describe('StackOne (`next`)', () => {
  it('follows `next` over 3 pages and carries page_size and filter[updated_after] to every page', async () => {
    const sc = scenario(stackoneList(conversations))
    const so = stackOne(sc)
    const names: string[] = []
    const query = { page_size: '3', filter: { updated_after: '2024-01-01T00:00:00.000Z' } }
    for await (const conversation of so.paginate(CONVERSATIONS, { params: { query } })) {
      expectTypeOf(conversation.name).toEqualTypeOf<string | null | undefined>()
      names.push(conversation.name ?? '?')
    }
    expect(names).toEqual(conversations.map((c) => c.name))
    expect(sc.log).toHaveLength(3)
    expect(sc.log.map((r) => r.query.get('next'))).toEqual([null, soCursor(3), soCursor(6)])
    for (const r of sc.log) {
      expect(r.method).toBe('GET')
      expect(r.query.get('page_size')).toBe('3')
      expect(r.query.get('filter[updated_after]')).toBe('2024-01-01T00:00:00.000Z')
    }
  })

  it.each([
    ['""', ''],
    ['whitespace', ' \t '],
    ['null', null],
  ])('stops when the last page says next: %s', async (_label, last) => {
    const sc = scenario(stackoneList(conversations, { last }))
    const { items, error } = await drain(stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } }))
    expect(error).toBeUndefined()
    expect(items.map((c) => c.id)).toEqual(conversations.map((c) => c.id))
    expect(sc.log).toHaveLength(3)
  })

  // With prefetch, page n + 1 is already asked for (and counted) while page n is handed out: its number must not leak
  // into page n.
  it.each([false, true])('pages() gives each page its parsed data, raw Response, number and next cursor (prefetch %s)', async (prefetch) => {
    const sc = scenario(stackoneList(conversations))
    const seen: { page: number; ids: (string | null | undefined)[]; next: string | undefined }[] = []
    for await (const page of stackOne(sc).pages(CONVERSATIONS, { params: { query: { page_size: '3' } } }, { prefetch })) {
      expect(page.response).toBeInstanceOf(Response)
      expect(page.response.status).toBe(200)
      expect(page.response.headers.get('x-request-id')).toBe(`req-${page.page}`)
      expect(page.data.data).toEqual(page.items)
      expect(page.data.next ?? undefined).toBe(page.nextCursor)
      seen.push({ page: page.page, ids: page.items.map((c) => c.id), next: page.nextCursor })
    }
    expect(seen).toEqual([
      { page: 1, ids: ['conv_1', 'conv_2', 'conv_3'], next: soCursor(3) },
      { page: 2, ids: ['conv_4', 'conv_5', 'conv_6'], next: soCursor(6) },
      { page: 3, ids: ['conv_7'], next: undefined },
    ])
  })

  it('an ApiError on page 2 is thrown after page 1 was yielded', async () => {
    const sc = scenario(stackoneList(conversations, { failAt: { n: 2, status: 404 } }))
    const { items, error } = await drain(stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } }))
    expect(items.map((c) => c.id)).toEqual(['conv_1', 'conv_2', 'conv_3'])
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 404, operation: `GET ${CONVERSATIONS}`, attempts: 1 })
    expect((error as Error).message).toContain('The cursor has expired')
    expect(sc.log).toHaveLength(2) // 404 is not retried
  })

  it.each([
    ['the same cursor twice in a row', ['A', 'A'], 2],
    ['a cycle A -> B -> A', ['A', 'B', 'A'], 3],
  ])('a cursor that repeats (%s) is a PaginationError, not an endless loop', async (_label, cursors, failingPage) => {
    const sc = scenario((req) => ({ body: { data: [{ id: `p${req.n}` }], next: cursors[req.n - 1] } }))
    const { items, error } = await drain(stackOne(sc).paginate(CONVERSATIONS))
    expect(error).toBeInstanceOf(PaginationError)
    expect(error).toMatchObject({ page: failingPage, operation: `GET ${CONVERSATIONS}` })
    expect((error as Error).message).toContain('"A"')
    expect(items.map((c) => c.id)).toEqual(Array.from({ length: failingPage - 1 }, (_, i) => `p${i + 1}`))
    expect(sc.log).toHaveLength(failingPage)
  })

  it('a server that never ends stops at maxPages', async () => {
    const endless = Array.from({ length: 10_000 }, (_, i) => ({ id: `e${i}` }))
    const sc = scenario(stackoneList(endless))
    const { items } = await drain(stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '2' } } }, { maxPages: 5 }))
    expect(items).toHaveLength(10)
    expect(sc.log).toHaveLength(5)
    expect(sc.log.map((r) => r.query.get('next'))).toEqual([null, soCursor(2), soCursor(4), soCursor(6), soCursor(8)])
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Options

describe('paginate options', () => {
  it.each([
    [4, 2, false],
    [6, 2, false],
    [1, 1, false],
    [4, 2, true],
    [6, 2, true],
  ])('maxItems %i: exactly that many items, %i requests, nothing more (prefetch %s)', async (maxItems, requests, prefetch) => {
    const sc = scenario(stackoneList(conversations))
    const { items } = await drain(stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } }, { maxItems, prefetch }))
    expect(items.map((c) => c.id)).toEqual(conversations.slice(0, maxItems).map((c) => c.id))
    await sleep(20)
    expect(sc.log).toHaveLength(requests)
  })

  it('maxItems cuts the last page of pages() short too', async () => {
    const sc = scenario(stackoneList(conversations))
    const sizes: number[] = []
    for await (const p of stackOne(sc).pages(CONVERSATIONS, { params: { query: { page_size: '3' } } }, { maxItems: 5 })) sizes.push(p.items.length)
    expect(sizes).toEqual([3, 2])
  })

  it.each([false, true])('maxPages stops after that many pages (prefetch %s)', async (prefetch) => {
    const sc = scenario(stackoneList(conversations))
    const { items } = await drain(stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } }, { maxPages: 2, prefetch }))
    expect(items).toHaveLength(6)
    await sleep(20)
    expect(sc.log).toHaveLength(2)
  })

  it.each([0, -1, 1.5, Number.NaN])('maxItems %s is a ConfigurationError before any request', async (maxItems) => {
    const sc = scenario(stackoneList(conversations))
    const { error } = await drain(stackOne(sc).paginate(CONVERSATIONS, undefined, { maxItems }))
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error).toMatchObject({ field: 'maxItems' })
    expect(sc.log).toHaveLength(0)
  })

  it('signal aborted between pages rejects with the abort reason and sends no further request', async () => {
    const sc = scenario(stackoneList(conversations))
    const controller = new AbortController()
    const reason = new Error('user navigated away')
    const seen: string[] = []
    const run = async () => {
      for await (const c of stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } }, { signal: controller.signal })) {
        seen.push(c.id ?? '')
        if (seen.length === 3) controller.abort(reason)
      }
    }
    await expect(run()).rejects.toBe(reason)
    expect(seen).toEqual(['conv_1', 'conv_2', 'conv_3'])
    await sleep(20)
    expect(sc.log).toHaveLength(1)
  })

  it('signal aborted while the next page is in flight cancels that request', async () => {
    const sc = scenario(stackoneList(conversations, { holdAt: 2 }))
    const controller = new AbortController()
    const reason = new Error('stop')
    const listing = stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } }, { signal: controller.signal })
    const run = drain(listing)
    expect(await waitFor(() => sc.log.length === 2, 2000)).toBe(true)
    controller.abort(reason)
    const { items, error } = await run
    expect(error).toBe(reason)
    expect(items).toHaveLength(3)
    expect(await waitFor(() => sc.log[1]!.aborted, 2000)).toBe(true)
  })

  it.each([
    [true, ['request 1', 'request 2', 'finished page 1', 'request 3', 'finished page 2', 'finished page 3']],
    [false, ['request 1', 'finished page 1', 'request 2', 'finished page 2', 'request 3', 'finished page 3']],
  ])('prefetch %s: when page n+1 is requested relative to the caller finishing page n', async (prefetch, expected) => {
    const sc = scenario(stackoneList(conversations.concat(conversations.slice(0, 2)).map((c, i) => ({ ...c, id: `c${i + 1}` }))))
    let count = 0
    for await (const _ of stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } }, { prefetch })) {
      if (++count % 3 !== 0) continue
      const page = count / 3
      // The caller "works" on the end of page n until the server has seen page n+1's request (or gives up): with
      // prefetch that request arrives during the work, without it only after the work is done.
      if (page < 3) await waitFor(() => sc.log.length > page, prefetch ? 2000 : 100)
      sc.events.push(`finished page ${page}`)
    }
    expect(count).toBe(9)
    expect(sc.events).toEqual(expected)
  })

  it.each([false, true])('workers sharing one paginate() iterator get every item exactly once, in order (prefetch %s)', async (prefetch) => {
    // A worker pool: several loops pull from the same iterator, so next() is called again while a page is on its way.
    const many = Array.from({ length: 20 }, (_, i) => ({ id: `c${i + 1}` }))
    const sc = scenario(stackoneList(many))
    const listing = stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } }, { prefetch })
    const taken: string[] = []
    const worker = async () => {
      for (;;) {
        const r = await listing.next()
        if (r.done) return
        taken.push(r.value.id ?? '')
        await sleep(3) // the work: slower than a page arrives, so pages come while others are mid-page
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    expect(taken).toEqual(many.map((c) => c.id))
    expect(sc.log).toHaveLength(7)
  })

  it('answers settle in the order next() was called, also for a caller who asks just after a page arrived', async () => {
    // A fetch that answers within microtasks, so the second call can be placed on every microtask turn after the
    // first: somewhere in that sweep it lands after page 2 has arrived but before the first caller has its answer.
    const six = Array.from({ length: 6 }, (_, i) => ({ id: `c${i + 1}` }))
    const fetch = async (request: Request) => {
      const page = Number(new URL(request.url).searchParams.get('next') ?? 0)
      return Response.json({ data: six.slice(page * 3, page * 3 + 3), ...(page === 0 ? { next: '1' } : {}) })
    }
    const outOfOrder: number[] = []
    for (let turns = 0; turns < 60; turns++) {
      const listing = createStackOne({ apiKey: 'k', accountId: 'acc_1', baseUrl: 'https://api.test', fetch }).paginate(CONVERSATIONS, {})
      for (let i = 0; i < 3; i++) await listing.next()
      const settled: string[] = []
      const first = listing.next().then((r) => settled.push(`first ${r.value?.id}`))
      for (let t = 0; t < turns; t++) await Promise.resolve()
      const second = listing.next().then((r) => settled.push(`second ${r.value?.id}`))
      await Promise.all([first, second])
      if (settled.join() !== 'first c4,second c5') outOfOrder.push(turns)
    }
    expect(outOfOrder).toEqual([])
  })

  it('after break, the iterator is finished: next() gives done and sends nothing', async () => {
    const sc = scenario(stackoneList(conversations))
    const listing = stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } })
    for await (const c of listing) if (c.id === 'conv_2') break
    expect(await listing.next()).toEqual({ value: undefined, done: true })
    await sleep(20)
    expect(sc.log).toHaveLength(1)
  })

  it('a worker that stops the shared iterator while another waits for a page: the stop comes after that answer, and nothing more is sent', async () => {
    const sc = scenario(stackoneList(conversations, { holdAt: 2 }))
    const listing = stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } })
    for (let i = 0; i < 3; i++) await listing.next()
    const waiting = listing.next() // page 2 is requested, and the server sits on it
    expect(await waitFor(() => sc.log.length === 2, 2000)).toBe(true)
    const stopped = listing.return!()
    // Only now does the server answer page 2.
    for (const res of held) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: conversations.slice(3, 6), next: soCursor(6) }))
    // Calls are answered in the order they were made: the one asked before the stop gets its item.
    expect(await waiting).toEqual({ value: conversations[3], done: false })
    expect(await stopped).toEqual({ value: undefined, done: true })
    expect(await listing.next()).toEqual({ value: undefined, done: true })
    await sleep(20)
    expect(sc.log).toHaveLength(2)
  })

  it('after a failed page, the listing is over: later next() calls are done and send nothing', async () => {
    const sc = scenario(stackoneList(conversations, { failAt: { n: 2, status: 400 } }))
    const listing = stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } })
    const { items, error } = await drain(listing)
    expect(items).toHaveLength(3)
    expect(error).toBeInstanceOf(ApiError)
    expect(await listing.next()).toEqual({ value: undefined, done: true })
    expect(sc.log).toHaveLength(2)
  })

  it('prefetch: breaking out early aborts the request in flight and leaves no unhandled rejection', async () => {
    const sc = scenario(stackoneList(conversations, { holdAt: 2 }))
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const seen: string[] = []
      const started = Date.now()
      for await (const c of stackOne(sc).paginate(CONVERSATIONS, { params: { query: { page_size: '3' } } }, { prefetch: true })) {
        seen.push(c.id ?? '')
        if (seen.length === 2) {
          // Page 2 was requested before page 1 was even finished, and the server is sitting on it.
          expect(await waitFor(() => sc.log.length === 2, 2000)).toBe(true)
          break
        }
      }
      expect(Date.now() - started).toBeLessThan(2000) // did not wait for the held page
      expect(seen).toEqual(['conv_1', 'conv_2'])
      expect(await waitFor(() => sc.log[1]!.aborted, 2000)).toBe(true)
      await sleep(30)
      await new Promise((r) => setImmediate(r))
      expect(unhandled).toEqual([])
      expect(sc.log).toHaveLength(2)
      expect(sc.events).toEqual(['request 1', 'request 2', 'aborted 2'])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Sunshine Conversations: `meta.afterCursor` -> `page[after]`, `hasMore`; messages go backward via `page[before]`

const oid = (n: number) => n.toString(16).padStart(24, '0') // 24-character record ids, like Sunshine's
const sunConversations = Array.from({ length: 5 }, (_, i) => ({ id: oid(0xc0 + i), type: 'personal' }))
const sunMessages = Array.from({ length: 7 }, (_, i) => ({ id: oid(0xa0 + i), content: { type: 'text', text: `m${i + 1}` } }))

function sunshineServer(): Handler {
  return (req) => {
    if (req.path === '/v2/apps/app_1/conversations') {
      if (req.query.get('filter[userId]') !== 'u1') return { status: 404, body: { errors: [{ code: 'user_not_found', title: 'User not found' }] } }
      const size = Number(req.query.get('page[size]') ?? 25)
      const after = req.query.get('page[after]')
      const start = after === null ? 0 : sunConversations.findIndex((c) => c.id === after) + 1
      if (after !== null && start === 0) return { status: 400, body: { errors: [{ code: 'bad_request', title: 'bad cursor' }] } }
      const page = sunConversations.slice(start, start + size)
      // afterCursor is sent on the last page too: only hasMore: false may end the listing.
      return { body: { conversations: page, meta: { hasMore: start + size < sunConversations.length, afterCursor: page.at(-1)?.id, beforeCursor: page[0]?.id } } }
    }
    if (req.path === '/v2/apps/app_1/conversations/conv_9/messages') {
      if (req.query.has('page[after]')) return { status: 400, body: { errors: [{ code: 'bad_request', title: 'went forward' }] } }
      const before = req.query.get('page[before]')
      const end = before === null ? sunMessages.length : sunMessages.findIndex((m) => m.id === before)
      const start = Math.max(0, end - 3)
      const page = sunMessages.slice(start, end) // oldest first within a page, newest page first
      return { body: { messages: page, meta: { hasMore: start > 0, beforeCursor: page[0]?.id, afterCursor: page.at(-1)?.id } } }
    }
    return { status: 404, body: { errors: [{ code: 'not_found', title: req.path }] } }
  }
}

describe('Sunshine Conversations', () => {
  it('ListConversations follows page[after] = meta.afterCursor until hasMore: false, sending the filter on every page', async () => {
    const sc = scenario(sunshineServer())
    const sun = createSunshine({ keyId: 'app_key', secret: 's', baseUrl: sc.baseUrl })
    const { items, error } = await drain(
      sun.paginate('/v2/apps/{appId}/conversations', { params: { path: { appId: 'app_1' }, query: { filter: { userId: 'u1' }, page: { size: 2 } } } }),
    )
    expect(error).toBeUndefined()
    expect(items.map((c) => c.id)).toEqual(sunConversations.map((c) => c.id))
    expect(sc.log.map((r) => r.rawQuery)).toEqual([
      'filter[userId]=u1&page[size]=2',
      `filter[userId]=u1&page[size]=2&page[after]=${oid(0xc1)}`,
      `filter[userId]=u1&page[size]=2&page[after]=${oid(0xc3)}`,
    ])
    for (const r of sc.log) expect(r.path).toBe('/v2/apps/app_1/conversations')
  })

  it('ListMessages walks backward with page[before] = meta.beforeCursor, newest page first', async () => {
    const sc = scenario(sunshineServer())
    const sun = createSunshine({ keyId: 'app_key', secret: 's', baseUrl: sc.baseUrl })
    const texts: string[] = []
    const path = '/v2/apps/{appId}/conversations/{conversationId}/messages' as const
    for await (const m of sun.paginate(path, { params: { path: { appId: 'app_1', conversationId: 'conv_9' } } })) {
      expectTypeOf(m.id).toEqualTypeOf<string | undefined>()
      texts.push((m.content as { text: string }).text)
    }
    expect(texts).toEqual(['m5', 'm6', 'm7', 'm2', 'm3', 'm4', 'm1'])
    expect(sc.log.map((r) => r.rawQuery)).toEqual(['', `page[before]=${oid(0xa4)}`, `page[before]=${oid(0xa1)}`])
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Mews: response `Cursor` -> body `Limitation.Cursor`; null Cursor or a short page ends; long intervals split

const THREADS = '/api/connector/v1/messageThreads/getAll'
const MESSAGES = '/api/connector/v1/messages/getAll'
const TOKENS = { ClientToken: 'client-token', AccessToken: 'access-token', Client: 'Parley Tests 1.0' }
const uuid = (prefix: string, n: number) => `${prefix}000000-0000-4000-8000-${n.toString().padStart(12, '0')}`

function addMonths(ms: number, months: number) {
  const d = new Date(ms)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.getTime()
}

/** A Connector getAll: checks tokens and the interval limit, filters, sorts newest first, pages by cursor. */
function mewsGetAll(rows: { Id: string; CreatedUtc: string }[], itemsKey: string, maxMonths: number): Handler {
  return (req) => {
    const b = req.body
    if (b?.ClientToken !== TOKENS.ClientToken || b.AccessToken !== TOKENS.AccessToken || b.Client !== TOKENS.Client) {
      return { status: 401, body: { Message: 'Invalid tokens' } }
    }
    let selected = rows
    if (b.CreatedUtc) {
      const start = Date.parse(b.CreatedUtc.StartUtc)
      const end = Date.parse(b.CreatedUtc.EndUtc)
      if (end > addMonths(start, maxMonths)) return { status: 400, body: { Message: `CreatedUtc longer than ${maxMonths} months` } }
      selected = rows.filter((r) => start <= Date.parse(r.CreatedUtc) && Date.parse(r.CreatedUtc) < end)
    }
    selected = [...selected].sort((x, y) => Date.parse(y.CreatedUtc) - Date.parse(x.CreatedUtc))
    const cursor = b.Limitation?.Cursor
    const from = cursor == null ? 0 : selected.findIndex((r) => r.Id === cursor) + 1
    const page = selected.slice(from, from + b.Limitation.Count)
    return { body: { [itemsKey]: page, Cursor: page.at(-1)?.Id ?? null } }
  }
}

const thread = (n: number, created: string) => ({
  Id: uuid('7f', n),
  OriginalSender: 'Jane',
  Subject: `thread ${n}`,
  CreatedUtc: created,
  UpdatedUtc: created,
  IsResolved: false,
})
const mews = (sc: Scenario) => createMews({ clientToken: TOKENS.ClientToken, accessToken: TOKENS.AccessToken, client: TOKENS.Client, baseUrl: sc.baseUrl })
const june = { StartUtc: '2024-06-01T00:00:00Z', EndUtc: '2024-07-01T00:00:00Z' }

describe('Mews', () => {
  it.each([
    ['Cursor: null', 6, 3],
    ['a short page', 7, 3],
  ])('messageThreads/getAll follows Limitation.Cursor and stops on %s', async (_label, total, requests) => {
    // Thread n is created on June n, so newest first is n = total .. 1.
    const rows = Array.from({ length: total }, (_, i) => thread(i + 1, `2024-06-${String(i + 1).padStart(2, '0')}T10:00:00Z`))
    const sc = scenario(mewsGetAll(rows, 'MessageThreads', 3))
    const subjects: string[] = []
    for await (const t of mews(sc).paginate(THREADS, { body: { CreatedUtc: june, Limitation: { Count: 3 } } })) {
      expectTypeOf(t.Subject).toEqualTypeOf<string>()
      subjects.push(t.Subject)
    }
    expect(subjects).toEqual(rows.map((r) => r.Subject).reverse())
    expect(sc.log).toHaveLength(requests)
    expect(sc.log.map((r) => r.body.Limitation)).toEqual([
      { Count: 3, Cursor: null },
      { Count: 3, Cursor: uuid('7f', total - 2) },
      { Count: 3, Cursor: uuid('7f', total - 5) },
    ])
    for (const r of sc.log) {
      expect(r.method).toBe('POST')
      expect(r.body).toMatchObject({ ...TOKENS, CreatedUtc: june })
    }
  })

  it('a 1-year CreatedUtc is split into 4 consecutive 3-month windows, newest first, without gap or overlap', async () => {
    // One thread on the 15th of every month of 2024, plus one on each side of the year that must not show up.
    const rows = [thread(0, '2023-12-15T00:00:00Z'), thread(13, '2025-01-15T00:00:00Z')]
    for (let m = 1; m <= 12; m++) rows.push(thread(m, `2024-${String(m).padStart(2, '0')}-15T00:00:00Z`))
    const sc = scenario(mewsGetAll(rows, 'MessageThreads', 3))
    const year = { StartUtc: '2024-01-01T00:00:00Z', EndUtc: '2025-01-01T00:00:00Z' }
    const { items, error } = await drain(mews(sc).paginate(THREADS, { body: { CreatedUtc: year, Limitation: { Count: 2 } } }))
    expect(error).toBeUndefined()
    expect(items.map((t) => t.Subject)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => `thread ${n}`))

    const windows = [
      { StartUtc: '2024-10-01T00:00:00Z', EndUtc: '2025-01-01T00:00:00Z' },
      { StartUtc: '2024-07-01T00:00:00Z', EndUtc: '2024-10-01T00:00:00Z' },
      { StartUtc: '2024-04-01T00:00:00Z', EndUtc: '2024-07-01T00:00:00Z' },
      { StartUtc: '2024-01-01T00:00:00Z', EndUtc: '2024-04-01T00:00:00Z' },
    ]
    // Each window: a full page of 2, then a short page of 1; the cursor starts afresh in every window.
    expect(sc.log.map((r) => r.body.CreatedUtc)).toEqual(windows.flatMap((w) => [w, w]))
    expect(sc.log.map((r) => r.body.Limitation.Cursor === null)).toEqual([true, false, true, false, true, false, true, false])
    expect(sc.log.every((r) => r.body.ClientToken === TOKENS.ClientToken && r.body.AccessToken === TOKENS.AccessToken)).toBe(true)
    // What the server received covers the year exactly, newest first, with no gap or overlap.
    const received = sc.log.map((r) => r.body.CreatedUtc).filter((w, i, all) => i === 0 || w.StartUtc !== all[i - 1].StartUtc)
    expect(received[0].EndUtc).toBe(year.EndUtc)
    expect(received.at(-1).StartUtc).toBe(year.StartUtc)
    for (let i = 1; i < received.length; i++) expect(received[i].EndUtc).toBe(received[i - 1].StartUtc)
  })

  it("messages/getAll's 1-month limit: a 3-month interval becomes 3 monthly windows, newest first", async () => {
    const rows = Array.from({ length: 9 }, (_, i) => ({
      Id: uuid('a6', i + 1),
      MessageThreadId: uuid('7f', 1),
      Text: `message ${i + 1}`,
      CreatedUtc: new Date(Date.UTC(2024, 0, 5 + i * 10)).toISOString(), // Jan 5 .. Mar 26
    }))
    const sc = scenario(mewsGetAll(rows, 'Messages', 1))
    const body = { MessageThreadIds: [uuid('7f', 1)], CreatedUtc: { StartUtc: '2024-01-01T00:00:00Z', EndUtc: '2024-04-01T00:00:00Z' }, Limitation: { Count: 100 } }
    const { items, error } = await drain(mews(sc).paginate(MESSAGES, { body }))
    expect(error).toBeUndefined()
    expect(items.map((m) => m.Id)).toEqual(rows.map((r) => r.Id).reverse())
    expect(sc.log.map((r) => r.body.CreatedUtc)).toEqual([
      { StartUtc: '2024-03-01T00:00:00Z', EndUtc: '2024-04-01T00:00:00Z' },
      { StartUtc: '2024-02-01T00:00:00Z', EndUtc: '2024-03-01T00:00:00Z' },
      { StartUtc: '2024-01-01T00:00:00Z', EndUtc: '2024-02-01T00:00:00Z' },
    ])
    for (const r of sc.log) expect(r.body).toMatchObject({ ...TOKENS, MessageThreadIds: [uuid('7f', 1)] })
  })

  it.each([0, 1001, 2.5])('Limitation.Count %s is a ConfigurationError naming body.Limitation.Count, and nothing is sent', async (Count) => {
    const sc = scenario(mewsGetAll([], 'MessageThreads', 3))
    const { items, error } = await drain(mews(sc).paginate(THREADS, { body: { CreatedUtc: june, Limitation: { Count } } }))
    expect(items).toEqual([])
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error).toMatchObject({ field: 'body.Limitation.Count' })
    expect((error as Error).message).toContain('body.Limitation.Count')
    expect(sc.log).toHaveLength(0)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Types (checked by `tsc -p tsconfig.json`; an unused @ts-expect-error is itself an error there)

describe('types', () => {
  it('paginate accepts only paginated paths and never a cursor in the init', async () => {
    const sc = scenario(stackoneList(conversations))
    const so = stackOne(sc)
    // @ts-expect-error a single conversation is not a paginated operation
    const single = so.paginate('/unified/messaging/conversations/{id}', { params: { path: { id: 'c1' } } })
    expect((await drain(single)).error).toBeInstanceOf(ConfigurationError)

    // @ts-expect-error the SDK owns the `next` cursor
    void so.paginate(CONVERSATIONS, { params: { query: { next: 'c3RhY2tvbmU=' } } })

    const sun = createSunshine({ keyId: 'k', secret: 's', baseUrl: sc.baseUrl })
    // @ts-expect-error the SDK owns page[after]
    void sun.paginate('/v2/apps/{appId}/conversations', { params: { path: { appId: 'a' }, query: { filter: { userId: 'u1' }, page: { after: 'x' } } } })

    const mw = mews(sc)
    // @ts-expect-error the SDK owns Limitation.Cursor
    void mw.paginate(THREADS, { body: { CreatedUtc: june, Limitation: { Count: 10, Cursor: 'x' } } })
    expect(sc.log).toHaveLength(0) // iterables are lazy: nothing was sent for the ones never iterated
  })
})
