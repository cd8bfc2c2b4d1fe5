// Listings that misbehave: a cursor that comes back, a listing that never ends, a page that fails mid-listing.
// Real HTTP; page answers are computed from the cursor the server receives.
import { describe, expect, it } from 'vitest'
import { ApiError, PaginationError } from '../../src/index.js'
import { fault, realDelay, until, type Behaviour, type Received } from './server.js'
import { drain } from '../helpers.js'
import { clientsFor, useFaultServer } from './setup.js'

const server = useFaultServer()
const { stackone, sunshine, mews } = clientsFor(server)

const CONVERSATIONS = '/unified/messaging/conversations'
const SC_LIST = '/v2/apps/{appId}/conversations'
const SC_INIT = { params: { path: { appId: 'app_1' }, query: { filter: { userId: 'u1' } } } }
const query = (r: Received) => new URL(r.url, 'http://x').searchParams


/** A StackOne listing with no last page: page n holds 3 items and points to `c<n+1>`. */
function endlessStackOne(req: Received): Behaviour {
  const n = Number(query(req).get('next')?.slice(1) ?? 1)
  return fault.json({ data: [1, 2, 3].map((i) => ({ id: `p${n}_${i}` })), next: `c${n + 1}` })
}

describe('a cursor that repeats', () => {
  it('StackOne: `next` comes back unchanged -> PaginationError on page 2, page 1 yielded, 2 requests', async () => {
    server.otherwise(fault.json({ data: [{ id: 'c1' }], next: 'same' }))
    const { items, error } = await drain(stackone().paginate(CONVERSATIONS))
    expect(items.map((c) => c.id)).toEqual(['c1'])
    expect(error).toBeInstanceOf(PaginationError)
    expect(error).toMatchObject({ page: 2, operation: 'GET /unified/messaging/conversations' })
    expect((error as Error).message).toBe('GET /unified/messaging/conversations, page 2: cursor "same" came back a second time')
    expect(server.requests.map((r) => query(r).get('next'))).toEqual([null, 'same'])
  })

  it('Sunshine: afterCursor a, b, then a again -> PaginationError on page 3, 3 requests', async () => {
    const cursors = ['a', 'b', 'a']
    server.otherwise((req) =>
      fault.json({ conversations: [{ id: `conv_${req.n}` }], meta: { hasMore: true, afterCursor: cursors[req.n - 1] ?? 'z' } }),
    )
    const { items, error } = await drain(sunshine().paginate(SC_LIST, SC_INIT))
    expect(items.map((c) => c.id)).toEqual(['conv_1', 'conv_2'])
    expect(error).toMatchObject({ name: 'PaginationError', page: 3 })
    expect(server.requests.map((r) => query(r).get('page[after]'))).toEqual([null, 'a', 'b'])
  })

  it('Mews messages/getAll: Cursor repeats on a full page -> PaginationError on page 2, 2 requests', async () => {
    server.otherwise(fault.json({ Messages: [{ Id: 'm1' }, { Id: 'm2' }], Cursor: 'm2' }))
    const { items, error } = await drain(
      mews().paginate('/api/connector/v1/messages/getAll', { body: { MessageThreadIds: ['t1'], Limitation: { Count: 2 } } }),
    )
    expect(items).toHaveLength(2)
    expect(error).toMatchObject({ name: 'PaginationError', page: 2, operation: 'POST /api/connector/v1/messages/getAll' })
    expect(server.requests.map((r) => r.json.Limitation)).toEqual([
      { Count: 2, Cursor: null },
      { Count: 2, Cursor: 'm2' },
    ])
  })
})

describe('a listing that never ends', () => {
  it('StackOne: maxPages 5 -> exactly 5 requests, 15 items, then it stops', async () => {
    server.otherwise(endlessStackOne)
    const { items, error } = await drain(stackone().paginate(CONVERSATIONS, {}, { maxPages: 5 }))
    expect(error).toBeUndefined()
    expect(items).toHaveLength(15)
    expect(server.requests).toHaveLength(5)
  })

  it('StackOne: maxItems 7 (3 per page) -> 3 requests, exactly 7 items', async () => {
    server.otherwise(endlessStackOne)
    const { items } = await drain(stackone().paginate(CONVERSATIONS, {}, { maxItems: 7 }))
    expect(items.map((c) => c.id)).toEqual(['p1_1', 'p1_2', 'p1_3', 'p2_1', 'p2_2', 'p2_3', 'p3_1'])
    expect(server.requests).toHaveLength(3)
  })

  it('StackOne: the caller breaks after 4 items -> no request after page 2', async () => {
    server.otherwise(endlessStackOne)
    let seen = 0
    for await (const _ of stackone().paginate(CONVERSATIONS)) if (++seen === 4) break
    await realDelay(50)
    expect(server.requests).toHaveLength(2)
  })

  it('Sunshine: hasMore forever with prefetch, the caller breaks -> the prefetched page in flight is aborted', async () => {
    let held = 0
    server.otherwise((req) => {
      // Page 3 never answers: it is the one prefetched while the caller works on page 2.
      if (req.n === 3) {
        held++
        return fault.hang()
      }
      return fault.json({ conversations: [{ id: `conv_${req.n}` }], meta: { hasMore: true, afterCursor: `a${req.n}` } })
    })
    const ids: string[] = []
    for await (const c of sunshine().paginate(SC_LIST, SC_INIT, { prefetch: true })) {
      ids.push(c.id!)
      if (ids.length === 2) {
        await server.waitForRequests(3)
        break
      }
    }
    expect(ids).toEqual(['conv_1', 'conv_2'])
    expect(held).toBe(1)
    await until(() => server.requests[2]!.clientGone, 2_000, 'the prefetched request was aborted')
    expect(server.requests).toHaveLength(3)
  })

  it("Mews: the caller's signal aborts an endless listing -> rejects with its reason, no further request", async () => {
    let n = 0
    server.otherwise(() => fault.json({ MessageThreads: [{ Id: `t${++n}` }], Cursor: `t${n}` }))
    const controller = new AbortController()
    const reason = new Error('enough')
    const seen: unknown[] = []
    const { error } = await drain(
      (async function* () {
        for await (const t of mews().paginate(
          '/api/connector/v1/messageThreads/getAll',
          { body: { MessageThreadIds: ['t1'], Limitation: { Count: 1 } } },
          { signal: controller.signal },
        )) {
          seen.push(t)
          if (seen.length === 3) controller.abort(reason)
          yield t
        }
      })(),
    )
    expect(error).toBe(reason)
    expect(seen).toHaveLength(3)
    await realDelay(50)
    expect(server.requests).toHaveLength(3)
  })
})

describe('a page that fails mid-listing', () => {
  it('StackOne: page 3 answers 503 every time -> retried (retry-after-ms 5), then ApiError after 6 items', async () => {
    server.otherwise((req) => {
      const next = query(req).get('next')
      if (next === 'c3') return fault.status(503, { 'retry-after-ms': '5' })
      return endlessStackOne(req)
    })
    const { items, error } = await drain(stackone().paginate(CONVERSATIONS))
    expect(items).toHaveLength(6)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 503, attempts: 3, retryAfterMs: 5 })
    expect(server.requests.map((r) => query(r).get('next'))).toEqual([null, 'c2', 'c3', 'c3', 'c3'])
  })
})
