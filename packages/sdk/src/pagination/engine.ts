// One async-iterator API over every cursor dialect. Which operations paginate, in which dialect and where their
// items are, comes from the spec (x-parley-pagination, compiled into each package's generated operations map).
import type { Core, HttpMethod, Prepared } from '../core/client.js'
import { ConfigurationError, PaginationError } from '../errors.js'
import type { Dialect, Page, PaginateOptions } from './types.js'

export type Dialects = Partial<Record<'stackone' | 'sunshine' | 'mews', Dialect>>

function checkLimit(value: unknown, field: string): number {
  if (value === undefined) return Infinity
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new ConfigurationError(field, `${field} must be a positive integer`)
  }
  return value as number
}

/** The HTTP method of the paginated operation at `path` (GET, or POST for Mews' getAll). */
function paginatedMethod(core: Core, path: string): HttpMethod {
  for (const m of ['GET', 'POST'] as const) if (core.meta(m, path)?.pagination) return m
  throw new ConfigurationError('path', `${path} does not paginate`)
}

export async function* pages(
  core: Core,
  dialects: Dialects,
  path: string,
  init: Prepared | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<Page<unknown>, void, undefined> {
  const method = paginatedMethod(core, path)
  const pagination = core.meta(method, path)!.pagination!
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
  const fetchPage = (windowInit: Prepared, cursor: string | undefined) =>
    core.sendOrThrow(method, path, { ...dialect.withCursor(windowInit, cursor, pagination), signal })

  let pageNo = 0
  let itemCount = 0
  try {
    for (const windowInit of windows) {
      const seen = new Set<string>()
      let pending: Promise<{ data?: unknown; response: Response }> | undefined = fetchPage(windowInit, undefined)
      while (pending) {
        const { data, response } = await pending
        pageNo++
        // No body, or a `null` one, is a page without items (not a crash reading a property of null).
        const raw = (data as Record<string, unknown> | null | undefined)?.[pagination.items]
        if (raw != null && !Array.isArray(raw)) {
          throw new PaginationError(operation, pageNo, `"${pagination.items}" is no array`)
        }
        let items = (raw ?? []) as unknown[]
        const next = dialect.nextCursor(data, items, windowInit, pagination)
        if (itemCount + items.length >= maxItems) items = items.slice(0, maxItems - itemCount)
        itemCount += items.length
        const done = itemCount >= maxItems || pageNo >= maxPages
        // A cursor we are about to follow must be new, or the listing would loop forever (`seen` holds every cursor
        // this window followed, the current one included).
        if (next !== undefined && !done) {
          if (seen.has(next)) {
            throw new PaginationError(operation, pageNo, `cursor "${next}" repeated: stopped, not looping`)
          }
          seen.add(next)
        }
        pending = undefined
        if (next !== undefined && !done && options.prefetch) {
          pending = fetchPage(windowInit, next)
          // If the caller stops before awaiting it, its failure must not surface as an unhandled rejection.
          pending.catch(() => {})
        }
        yield { items, data, response, page: pageNo, nextCursor: next }
        if (done) return
        if (next !== undefined && !pending) pending = fetchPage(windowInit, next)
      }
    }
  } finally {
    // Cancels a prefetched page still in flight; a no-op when nothing is pending.
    stop.abort()
  }
}

/** Items of every page (a plain loop: measurably cheaper per item than `yield*` in an async generator). */
export async function* items(
  core: Core,
  dialects: Dialects,
  path: string,
  init: Prepared | undefined,
  options?: PaginateOptions,
): AsyncGenerator<unknown, void, undefined> {
  for await (const page of pages(core, dialects, path, init, options)) for (const item of page.items) yield item
}
