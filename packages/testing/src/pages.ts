// Finite listings over a mock. Prism answers every page of a list with the same example, cursor included, so a
// loop that pages to the end sees its cursor come back (the SDK stops with a PaginationError). Here each page's
// cursor is replaced by one that numbers the next page, and the last page gets none, in the spec's own cursor
// dialect. The request for page 2 still goes to Prism with that cursor, so it is validated like any other.
import type { Operation } from './spec.js'

// UUID-shaped, so it passes every cursor format the specs declare (Mews' is `format: uuid`).
const PREFIX = '00000000-0000-4000-8000-'
const cursorFor = (page: number) => `${PREFIX}${String(page).padStart(12, '0')}`
const pageOf = (cursor: unknown) =>
  typeof cursor === 'string' && cursor.startsWith(PREFIX) ? Number(cursor.slice(PREFIX.length)) : 1

interface Dialect {
  /** The page a request asks for (1 when it sends no cursor of ours). */
  page(url: URL, body: any, op: Operation): number
  /** Writes the cursor of page `next` into a page's body, or says there is none. */
  setNext(body: any, next: number | undefined, op: Operation): void
}

const DIALECTS: Record<string, Dialect> = {
  stackone: {
    page: (url) => pageOf(url.searchParams.get('next')),
    setNext(body, next) {
      if (next) body.next = cursorFor(next)
      else delete body.next
    },
  },
  sunshine: {
    page: (url, _body, op) => pageOf(url.searchParams.get(op.backward ? 'page[before]' : 'page[after]')),
    setNext(body, next, op) {
      body.meta = { ...body.meta, hasMore: next !== undefined }
      const key = op.backward ? 'beforeCursor' : 'afterCursor'
      if (next) body.meta[key] = cursorFor(next)
      else delete body.meta[key]
    },
  },
  mews: {
    page: (_url, body) => pageOf(body?.Limitation?.Cursor),
    setNext(body, next) {
      body.Cursor = next ? cursorFor(next) : null
    },
  },
}

/** Whether `op` is a listing this module knows how to end. */
export function pageable(op: Operation | undefined): op is Operation & { dialect: string } {
  return op?.dialect !== undefined && op.dialect in DIALECTS
}

/** The page number `request` asks for. Reads the body of a clone (Mews sends its cursor in the JSON body). */
export async function requestedPage(request: Request, op: Operation & { dialect: string }): Promise<number> {
  const body = op.dialect === 'mews' ? await request.clone().json().catch(() => undefined) : undefined
  return DIALECTS[op.dialect]!.page(new URL(request.url), body, op)
}

/** `response` (a page of `op`) with its cursor pointing at page + 1, or at nothing when page is the last. */
export async function withCursor(response: Response, op: Operation & { dialect: string }, page: number, pages: number): Promise<Response> {
  if (response.status !== 200) return response
  const body = await response.json()
  DIALECTS[op.dialect]!.setNext(body, page < pages ? page + 1 : undefined, op)
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  headers.delete('content-encoding')
  return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers })
}
