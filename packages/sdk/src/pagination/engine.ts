// One async-iterator API over every cursor dialect. Which operations paginate, in which dialect and where their
// items are, comes from the spec (x-parley-pagination, compiled into each package's generated operations map).
import type { Core, Prepared } from '../core/send.js'
import { mustBe } from '../core/describe.js'
import { ConfigurationError, PaginationError } from '../errors.js'
import type { Dialect, Page, PaginateOptions } from './types.js'

/** The dialects a client's spec uses, by name (`stackone`, `sunshine`, `mews`: the modules of this folder). */
export type Dialects = Readonly<Record<string, Dialect>>

function checkLimit(value: unknown, field: string): number {
  if (value === undefined) return Infinity
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw mustBe(field, 'a positive integer', value)
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
  // Each factory passes the dialects its spec declares (the generator checks the names), so this cannot miss.
  const dialect = dialects[pagination.dialect]!
  const maxItems = checkLimit(options.maxItems, 'maxItems')
  const maxPages = checkLimit(options.maxPages, 'maxPages')
  const first: Prepared = init ?? {}
  dialect.check?.(first, pagination)
  const windows = dialect.windows ? dialect.windows(first, pagination) : [first]
  const operation = `${method} ${path}`

  // Only a prefetched page can be in flight when the caller stops: a prefetching listing gets a signal of its own,
  // aborted then, so that page is cancelled instead of finishing in the background.
  const stop = new AbortController()
  const userSignal = options.signal ?? first.signal
  const signal = options.prefetch ? (userSignal ? AbortSignal.any([userSignal, stop.signal]) : stop.signal) : userSignal
  let pageNo = 0
  let itemCount = 0
  try {
    for (const windowInit of windows) {
      // Pages are fetched in order, each once the page before has been counted and checked.
      const fetchPage = async (cursor?: string): Promise<Page<unknown>> => {
        pageNo++
        const { data, response } = await core.send(method, path, dialect.withCursor(windowInit, cursor, pagination), { signal, orThrow: true })
        // No body, or a `null` one, is a page without items (not a crash reading a property of null).
        let items = ((data as Record<string, unknown> | null | undefined)?.[pagination.items] ?? []) as unknown[]
        if (!Array.isArray(items)) throw new PaginationError(operation, pageNo, `"${pagination.items}" is no array`)
        // The dialect sees the whole page (Mews stops on a short one); the caller gets no more than maxItems.
        const nextCursor = dialect.nextCursor(data, items, windowInit, pagination)
        if (itemCount + items.length >= maxItems) items = items.slice(0, maxItems - itemCount)
        itemCount += items.length
        return { items, data, response, page: pageNo, nextCursor }
      }
      // Every cursor this window was given, the current one included: one we are about to follow must be new, or
      // the listing would loop forever.
      const seen = new Set<string | undefined>()
      let pending: Promise<Page<unknown>> | undefined = fetchPage()
      while (pending) {
        const page = await pending
        const next = page.nextCursor
        const done = itemCount >= maxItems || pageNo >= maxPages
        const more = next !== undefined && !done
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
    stop.abort()
  }
}

/**
 * The items of every page. Several loops may share one iterator (a worker pool): an async generator answers their
 * `next()` calls one at a time, in the order they were made, so each item goes to exactly one of them, in order.
 */
export async function* items(
  core: Core,
  dialects: Dialects,
  path: string,
  init: Prepared | undefined,
  options?: PaginateOptions,
): AsyncGenerator<unknown, void, undefined> {
  for await (const page of pages(core, dialects, path, init, options)) yield* page.items
}
