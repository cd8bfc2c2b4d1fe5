// @parley/sdk/node: a webhook handler for node:http and Express. `toNodeHandler(receiver.handler(onEvent))` turns
// the web-standard (Request) => Response handler into a (req, res) listener. Typed structurally, so it needs
// neither @types/node nor Express types.

/** The parts of node:http's IncomingMessage (and Express's req) the adapter reads. */
export interface NodeRequest extends AsyncIterable<unknown> {
  method?: string | undefined
  url?: string | undefined
  /** Express: the URL before a router stripped its mount path. */
  originalUrl?: string | undefined
  headers: Record<string, string | string[] | undefined>
  /** Set by a body parser that ran before (express.raw(), express.text(), express.json()). */
  body?: unknown
  readonly readableEnded?: boolean
}

/** The parts of node:http's ServerResponse (and Express's res) the adapter writes. */
export interface NodeResponse {
  statusCode: number
  setHeader(name: string, value: string | string[]): unknown
  end(body?: Uint8Array | string): unknown
  readonly headersSent?: boolean
}

const PARSED =
  'the webhook body was already parsed (req.body is an object): verifying it needs the raw bytes. Mount the webhook ' +
  'route before express.json(), or give it express.raw({ type: "*/*" }).'

/**
 * A `(req, res)` listener for `http.createServer` or an Express route, running `handler` on a web `Request` built
 * from `req`. The body is read from the stream as the handler asks for it (so the size limit stops the read), or
 * taken from `req.body` when a raw or text body parser already read it; an object there (express.json() ran first)
 * is answered 500 with the reason, since a signature or a dedupe hash needs the bytes as sent. That 500 is a mistake
 * in the app to fix, not an answer for a vendor (Brevo drops what is answered 5xx); it, and a request that cannot
 * be made into a web Request (500, logged by its error's name only), do not reach the handler's `onError`.
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): (req: NodeRequest, res: NodeResponse) => Promise<void> {
  return async (req, res) => {
    let response: Response
    let bodyRead = () => true
    try {
      const incoming = toRequest(req)
      bodyRead = incoming.bodyRead
      response = incoming.request ? await handler(incoming.request) : text(PARSED, 500)
    } catch (error) {
      // The error's name only: its message may quote a header or the URL, a credential with them.
      console.error(`@parley/sdk/node: the request could not be handed to the webhook handler (${nameOf(error)})`)
      response = text('the delivery could not be received', 500)
    }
    if (res.headersSent) return
    res.statusCode = response.status
    response.headers.forEach((value, name) => res.setHeader(name, value))
    // A body left unread (refused before it was read, or cut at the size limit) is not drained: the connection closes.
    if (!bodyRead()) res.setHeader('connection', 'close')
    res.end(new Uint8Array(await response.arrayBuffer()))
  }
}

const nameOf = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? (error as Error | null)?.name ?? typeof error)

const text = (message: string, status: number) => new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })

/**
 * Whether a body parser already read the stream into `req.body`. Express 4's parsers also leave an empty object
 * on a request whose content type they do not take, without reading it: that stream is still there to read.
 */
const parsedBefore = (req: NodeRequest) =>
  req.body != null && !(typeof req.body === 'object' && Object.keys(req.body).length === 0 && req.readableEnded === false)

/**
 * The URL of the request, made so that nothing sent can make it throw (the error would quote the URL, a token in its
 * query with it): a Host no URL can be made of is left out (the URL setter ignores it), as no receiver reads it.
 */
function urlOf(target: string, host: string | null): URL {
  const url = new URL('http://localhost')
  if (host !== null) url.host = host
  const query = target.indexOf('?')
  url.pathname = query < 0 ? target : target.slice(0, query)
  if (query >= 0) url.search = target.slice(query)
  return url
}

/** The web Request for `req` (undefined when a body parser already turned the body into an object). */
function toRequest(req: NodeRequest): { request: Request | undefined; bodyRead: () => boolean } {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v)
  }
  const method = (req.method ?? 'GET').toUpperCase()
  const url = urlOf(req.originalUrl ?? req.url ?? '/', headers.get('host'))
  if (method === 'GET' || method === 'HEAD') return { request: new Request(url, { method, headers }), bodyRead: () => true }
  if (typeof req.body === 'string' || req.body instanceof Uint8Array) {
    // The parser may have decoded it: the length header no longer describes what is passed on.
    headers.delete('content-length')
    return { request: new Request(url, { method, headers, body: req.body as string | Uint8Array<ArrayBuffer> }), bodyRead: () => true }
  }
  if (parsedBefore(req)) return { request: undefined, bodyRead: () => true }
  // Pulled chunk by chunk as the handler reads: when it stops (a body over the limit), the rest is never read.
  const chunks = req[Symbol.asyncIterator]()
  let ended = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next()
      if (done) {
        ended = true
        controller.close()
      } else controller.enqueue(value instanceof Uint8Array ? value : new TextEncoder().encode(String(value)))
    },
  })
  // `duplex` is required by Node's fetch for a stream body and is missing from TypeScript's DOM types.
  return { request: new Request(url, { method, headers, body, duplex: 'half' } as RequestInit), bodyRead: () => ended }
}
