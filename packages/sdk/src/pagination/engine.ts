// One async-iterator API over every cursor dialect. Which operations paginate, in which dialect and where their
// items are, comes from the spec (x-parley-pagination, compiled into each package's generated operations map).
import type { Core, Prepared } from '../core/client.js'
import { ConfigurationError, PaginationError } from '../errors.js'
import type { Dialect, Page, PaginateOptions } from './types.js'

export type Dialects = Partial<Record<'stackone' | 'sunshine' | 'mews', Dialect>>

function checkLimit(value: unknown, field: string): number {
  if (value === undefined) return Infinity
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new ConfigurationError(field, 'must be a positive integer')
  }
  return value as number
}

export async function* pages(
  core: Core,
  dialects: Dialects,
  path: string,
  init: Prepared | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<Page<unknown>, void, undefined> {
  // GET, or POST for Mews' getAll.
  const method = core.meta('GET', path)?.pagination ? 'GET' : 'POST'
  const pagination = core.meta(method, path)?.pagination
  if (!pagination) throw new ConfigurationError('path', `${path} does not paginate`)
  // Each factory passes the dialects its spec declares, so this lookup cannot miss.
  const dialect = dialects[pagination.dialect]!
  const maxItems = checkLimit(options.maxItems, 'maxItems')
  const maxPages = checkLimit(options.maxPages, 'maxPages')
  const first: Prepared = init ?? {}
  dialect.check?.(first, pagination)
  const windows = dialect.windows ? dialect.windows(first, pagination) : [first]
  const operation = `${method} ${path}`

  // One controller for the whole listing: aborted when the caller stops early, so a prefetched page in flight is
  // cancelled instead of finishing in the background.
  const stop = new AbortController()
  const userSignal = options.signal ?? first.signal
  // Only a prefetching listing needs its own signal (every signal given to fetch has a CPU cost on Node 20).
  const signal = options.prefetch ? (userSignal ? AbortSignal.any([userSignal, stop.signal]) : stop.signal) : userSignal
  let pageNo = 0
  let itemCount = 0
  try {
    for (const windowInit of windows) {
      const seen = new Set<string | undefined>()
      // One page, fetched and read: its items and next cursor are taken from the body here, in an async function, which
      // V8 never inlines into its caller. A body of a shape V8 has not seen at that point (StackOne's last page, which
      // has no `next`) then deoptimizes this small function only. Read inside pages() itself, it deoptimized pages(),
      // and V8 spent 10-50 ms compiling it again (Node 20, --trace-deopt): 6 times in one run of bench/pagination.mjs,
      // and in every listing under bench/instructions.mjs's flags (2.4 % of a listing's instructions).
      const fetchPage = async (cursor?: string): Promise<Page<unknown>> => {
        // Pages are fetched in order, each once the page before has been counted and checked (done, maxPages, the
        // cursor check): pageNo is this page's number from here on, and itemCount can count its items.
        pageNo++
        // The signal goes beside the init, not into a copy of it: on Node 20 spreading an init that withCursor had just
        // spread made the rest of the call dearer (callgrind: 82-91 M fewer instructions per 1,000-page listing without
        // it, counted after two warm-up listings, so some of that may be V8 compiling; see bench/instructions.mjs).
        const { data, response } = await core.send(method, path, dialect.withCursor(windowInit, cursor, pagination), signal, true)
        // No body, or a `null` one, is a page without items (not a crash reading a property of null).
        let items = ((data as Record<string, unknown> | null | undefined)?.[pagination.items] ?? []) as unknown[]
        if (!Array.isArray(items)) throw new PaginationError(operation, pageNo, `"${pagination.items}" is no array`)
        // The dialect sees the whole page (Mews stops on a short one); the caller gets no more than maxItems.
        const nextCursor = dialect.nextCursor(data, items, windowInit, pagination)
        if (itemCount + items.length >= maxItems) items = items.slice(0, maxItems - itemCount)
        itemCount += items.length
        return { items, data, response, page: pageNo, nextCursor }
      }
      let pending: Promise<Page<unknown>> | undefined = fetchPage()
      while (pending) {
        const page: Page<unknown> = await pending
        const next = page.nextCursor
        const done = itemCount >= maxItems || pageNo >= maxPages
        const more = next !== undefined && !done
        // A cursor we are about to follow must be new, or the listing would loop forever (`seen` holds every cursor
        // this window was given, the current one included).
        if (more && seen.has(next)) throw new PaginationError(operation, pageNo, `cursor "${next}" came back a second time`)
        seen.add(next)
        pending = undefined
        // If the caller stops before awaiting it, its failure must not surface as an unhandled rejection.
        if (more && options.prefetch) (pending = fetchPage(next)).catch(() => {})
        yield page
        if (done) return
        if (more) pending ??= fetchPage(next)
      }
    }
  } finally {
    // Cancels a prefetched page still in flight; a no-op when nothing is pending.
    stop.abort()
  }
}

/**
 * Items of every page. Written by hand rather than as an async generator: a generator's `yield` costs several
 * microtask hops per item. An item already fetched costs one promise, fulfilled when made; only a caller who finds the
 * buffer empty waits for a page.
 */
export function items(
  core: Core,
  dialects: Dialects,
  path: string,
  init: Prepared | undefined,
  options?: PaginateOptions,
): AsyncIterableIterator<unknown> {
  const source = pages(core, dialects, path, init, options)
  let buffer: unknown[] = []
  let index = 0
  // The page being fetched. Callers that ask at the same time all wait for this one page, so none is skipped; once
  // the listing has ended or failed, it stays here and every later call gets the same answer.
  let fill: Promise<IteratorResult<Page<unknown>, void>> | undefined
  // The next item once a page has come. Inside the page's `then` the item is taken at once, as a plain result: had
  // that caller gone back through next(), its answer would settle two microtask turns late, after the answer of a
  // caller who asked later but found the page already in `buffer` (a worker pool would see items out of order).
  const fillThenTake = (): Promise<IteratorResult<unknown>> => {
    const filling = (fill ??= source.next())
    // The first caller to wake up takes the page; the others find it in `buffer` (an empty page: ask again).
    return filling.then((page) => {
      if (page.done) return page
      if (fill === filling) {
        buffer = page.value.items
        index = 0
        fill = undefined
      }
      return index < buffer.length ? { value: buffer[index++], done: false } : fillThenTake()
    })
  }
  const iterator: AsyncIterableIterator<unknown> = {
    [Symbol.asyncIterator]: () => iterator,
    // The literal written inside Promise.resolve lets V8 see that it is no thenable: the promise is fulfilled at once.
    // Handed a value of unknown shape (it was `Promise.resolve(take())`), Promise.resolve looked up `then` on every
    // item: 1.5 % more instructions per listing (callgrind, fetch answered from memory).
    next: () => (index < buffer.length ? Promise.resolve({ value: buffer[index++], done: false }) : fillThenTake()),
    // `break` in a for-await loop lands here: the items left are dropped, and `pages` cancels a prefetched page.
    // Callers still waiting for a page (a worker pool) and every later call get `done`: the page they waited for
    // is no longer `fill`, so nobody takes it.
    return(value?: unknown) {
      buffer = []
      return (fill = source.return(value as undefined)) as Promise<IteratorResult<unknown>>
    },
  }
  return iterator
}
