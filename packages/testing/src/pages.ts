// Finite listings over a mock. Prism answers every page of a list with the same example, cursor included, so a
// loop that pages to the end sees its cursor come back (the SDK stops with a PaginationError). Here each page's
// cursor is replaced by one this fetch hands out for the next page, and the last page gets none, in the spec's own cursor
// dialect. The request for page 2 still goes to Prism with that cursor, so it is validated like any other.
import type { Operation } from './spec.js'

/**
 * The cursor of page `page`, made from the example's own cursor by ending it with the page number, so that it
 * keeps the shape the spec asks for (Sunshine's 24 hex digits, Mews' UUID).
 */
export function cursorFor(example: unknown, page: number): string {
  const base = typeof example === 'string' && example.length >= 12 ? example : '00000000-0000-4000-8000-000000000000'
  return base.slice(0, -12) + String(page).padStart(12, '0')
}

interface Dialect {
  /** The cursor a request sends. */
  sent(url: URL, body: any, op: Operation): unknown
  /** The cursor a page carries. */
  next(body: any, op: Operation): unknown
  /** Writes `cursor` into a page's body as its next cursor, or says there is none. */
  setNext(body: any, cursor: string | undefined, op: Operation): void
}

const DIALECTS: Record<string, Dialect> = {
  stackone: {
    sent: (url) => url.searchParams.get('next'),
    next: (body) => body?.next,
    setNext(body, cursor) {
      if (cursor) body.next = cursor
      else delete body.next
    },
  },
  sunshine: {
    sent: (url, _body, op) => url.searchParams.get(op.backward ? 'page[before]' : 'page[after]'),
    next: (body, op) => body?.meta?.[op.backward ? 'beforeCursor' : 'afterCursor'],
    setNext(body, cursor, op) {
      body.meta = { ...body.meta, hasMore: cursor !== undefined }
      const key = op.backward ? 'beforeCursor' : 'afterCursor'
      if (cursor) body.meta[key] = cursor
      else delete body.meta[key]
    },
  },
  mews: {
    sent: (_url, body) => body?.Limitation?.Cursor,
    next: (body) => body?.Cursor,
    setNext(body, cursor) {
      body.Cursor = cursor ?? null
    },
  },
}

/** Whether `op` is a listing this module knows how to end. */
export function pageable(op: Operation | undefined): op is Operation & { dialect: string } {
  return op?.dialect !== undefined && op.dialect in DIALECTS
}

/** The cursor `request` sends. Reads the body of a clone (Mews sends its cursor in the JSON body). */
export async function sentCursor(request: Request, op: Operation & { dialect: string }): Promise<unknown> {
  const body = op.dialect === 'mews' ? await request.clone().json().catch(() => undefined) : undefined
  return DIALECTS[op.dialect]!.sent(new URL(request.url), body, op)
}

/**
 * `response` (page `page` of `op`) with its next cursor replaced by the one for page + 1, or removed when `page`
 * is the last; `issue` records each cursor handed out with the page it stands for.
 */
export async function withCursor(
  response: Response,
  op: Operation & { dialect: string },
  page: number,
  pages: number,
  issue: (cursor: string, page: number) => void,
): Promise<Response> {
  if (response.status !== 200) return response
  const body = await response.json()
  const dialect = DIALECTS[op.dialect]!
  let cursor: string | undefined
  if (page < pages) {
    cursor = cursorFor(dialect.next(body, op), page + 1)
    issue(cursor, page + 1)
  }
  dialect.setNext(body, cursor, op)
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  headers.delete('content-encoding')
  return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers })
}
