import type { PaginationMeta, Prepared } from '../core/send.js'

/** How one API spells "the next page": where the cursor goes in the request and where it comes back. */
export interface Dialect {
  /** The init for the page at `cursor` (undefined: the first page). Never mutates `init`. */
  withCursor(init: Prepared, cursor: string | undefined, meta: PaginationMeta): Prepared
  /** The cursor of the following page, or undefined when `data` was the last page. */
  nextCursor(data: any, items: readonly unknown[], init: Prepared, meta: PaginationMeta): string | undefined
  /** Checks the caller's init before the first request (throws ConfigurationError naming the field). */
  check?(init: Prepared, meta: PaginationMeta): void
  /** Splits one request into several consecutive ones (Mews time windows); default: just `init`. */
  windows?(init: Prepared, meta: PaginationMeta): Prepared[]
}

export interface PaginateOptions {
  /** Stop after this many items. */
  maxItems?: number | undefined
  /** Stop after this many pages. */
  maxPages?: number | undefined
  /** Abort the listing (and the request in flight). */
  signal?: AbortSignal | undefined
  /** Fetch page n+1 while the caller works on page n. Default false. */
  prefetch?: boolean | undefined
}

export interface Page<Item, Data = unknown> {
  /** This page's items (cut short on the last page when `maxItems` says so). */
  items: Item[]
  /** The whole parsed body of this page. */
  data: Data
  response: Response
  /** 1-based page number across the whole listing. */
  page: number
  /** The cursor of the next page, if there is one. */
  nextCursor: string | undefined
}
