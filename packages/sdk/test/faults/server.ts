// A scriptable fault-injecting HTTP server for the fault suite: node:http on 127.0.0.1, started and stopped by the
// tests. Each arriving request takes the next scripted behaviour from a queue (then the `otherwise` behaviour) and
// is logged with its method, raw URL, headers, body and arrival time. `close()` destroys every socket it accepted.
//
// Timing: `at` is Date.now() at arrival, so under vi.useFakeTimers({ toFake: [..., 'Date'] }) it is the fake
// clock and gaps between arrivals are exactly the waits the SDK scheduled. The server's own timers (slow bodies)
// and `realAt` use the real clock, captured at import, so they keep working while a test fakes the global timers.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { clearTimeout as realClearTimeout, setTimeout as realTimeout } from 'node:timers'

const realNow = performance.now.bind(performance)

export interface Received {
  /** 1-based arrival number since the last `reset()`. */
  n: number
  method: string
  /** The request target exactly as it came over the wire (path and query, nothing decoded). */
  url: string
  /** `url` without its query. */
  path: string
  headers: IncomingHttpHeaders
  /** The raw body ('' when none). */
  body: string
  /** The body parsed as JSON, or undefined. */
  json: any
  /** Date.now() at arrival (the fake clock when a test fakes Date). */
  at: number
  /** performance.now() at arrival (always real). */
  realAt: number
  /** The client hung up before the answer was complete (a timeout or abort on its side). */
  clientGone: boolean
}

export type HeaderMap = Record<string, string>

/** What the server does with one request. A function computes the behaviour from the request. */
export type Behaviour =
  | { kind: 'json'; status: number; body: unknown; headers?: HeaderMap }
  /** Exactly these bytes (no content-type unless given). */
  | { kind: 'raw'; status: number; body: string; headers?: HeaderMap }
  /** TCP reset (RST) before any byte of the answer. */
  | { kind: 'reset' }
  /** Status and headers promising `body`, half of it, then a TCP reset. */
  | { kind: 'reset-mid-body'; status: number; body: string; headers?: HeaderMap }
  /** Status and headers, then nothing (the body never comes) until the client gives up. */
  | { kind: 'silence'; status: number; headers?: HeaderMap }
  /** Nothing at all, not even headers, until the client gives up. */
  | { kind: 'hang' }
  /** The body in `chunks` pieces, `intervalMs` apart (real time). */
  | { kind: 'slow'; status: number; body: string; chunks: number; intervalMs: number; headers?: HeaderMap }
  | ((req: Received) => Behaviour)
/** A behaviour with any function resolved. */
type Answer = Exclude<Behaviour, (req: Received) => Behaviour>

const JSON_TYPE = { 'content-type': 'application/json' }

/**
 * An error body every vendor mapping understands: StackOne/Brevo `message` (+ Brevo `code`), Sunshine
 * `errors[].title`, Mews `Message`.
 */
export const errorBody = (status: number, text = `status ${status}`) => ({
  statusCode: status,
  code: `status_${status}`,
  message: text,
  errors: [{ code: `status_${status}`, title: text }],
  Message: text,
})

/** Ready-made faults. */
export const fault = {
  json: (body: unknown, status = 200, headers: HeaderMap = {}): Behaviour => ({ kind: 'json', status, body, headers }),
  status: (status: number, headers: HeaderMap = {}): Behaviour => ({ kind: 'json', status, body: errorBody(status), headers }),
  /** 429 with `Retry-After: <seconds>`. */
  retryAfterSeconds: (seconds: number, status = 429): Behaviour => fault.status(status, { 'retry-after': String(seconds) }),
  /** 429 with `Retry-After: <HTTP date>`. */
  retryAfterDate: (date: Date, status = 429): Behaviour => fault.status(status, { 'retry-after': date.toUTCString() }),
  /** 429 with `retry-after-ms` (and a `Retry-After` in seconds that must lose against it). */
  retryAfterMs: (ms: number, status = 429): Behaviour => fault.status(status, { 'retry-after-ms': String(ms), 'retry-after': '9' }),
  reset: (): Behaviour => ({ kind: 'reset' }),
  resetMidBody: (body: unknown = { data: Array.from({ length: 50 }, (_, i) => ({ id: `item_${i}` })) }): Behaviour => ({
    kind: 'reset-mid-body',
    status: 200,
    body: JSON.stringify(body),
    headers: JSON_TYPE,
  }),
  silence: (status = 200): Behaviour => ({ kind: 'silence', status, headers: JSON_TYPE }),
  hang: (): Behaviour => ({ kind: 'hang' }),
  slowBody: (body: unknown, chunks: number, intervalMs: number): Behaviour => ({
    kind: 'slow',
    status: 200,
    body: JSON.stringify(body),
    chunks,
    intervalMs,
    headers: JSON_TYPE,
  }),
  /** A 200 that says JSON and is cut off mid-document. */
  malformedJson: (): Behaviour => ({ kind: 'raw', status: 200, body: '{"data": [{"id": "u1"}, {"id": ', headers: JSON_TYPE }),
  /** A proxy's HTML error page. */
  html502: (): Behaviour => ({
    kind: 'raw',
    status: 502,
    body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    headers: { 'content-type': 'text/html' },
  }),
  /** A 200 that says JSON and has no body at all. */
  empty200: (): Behaviour => ({ kind: 'raw', status: 200, body: '', headers: JSON_TYPE }),
  redirect: (status: number, location: string): Behaviour => ({ kind: 'raw', status, body: '', headers: { location } }),
}

export class FaultServer {
  /** `http://127.0.0.1:<port>`, set by start(). */
  origin = ''
  /** Every request since the last reset(), in arrival order. */
  readonly requests: Received[] = []
  /** Requests that found nothing scripted (answered 501). */
  unscripted = 0
  private queue: Behaviour[] = []
  private fallback: Behaviour | undefined
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  private readonly open = new Set<ServerResponse>()
  private readonly waiters = new Set<() => void>()

  /** Starts listening on 127.0.0.1 (a free port) and resolves to the origin. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res))
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.server = server
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return this.origin
  }

  /** Destroys every socket (idle keep-alive ones, held answers) and stops listening. */
  async close(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = undefined
    for (const socket of this.sockets) socket.destroy()
    server.closeAllConnections()
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())))
  }

  /** A new scenario: forgets the log and the script, and ends any answer still held open. */
  reset(): this {
    this.requests.length = 0
    this.queue = []
    this.fallback = undefined
    this.unscripted = 0
    for (const res of this.open) res.destroy()
    this.open.clear()
    return this
  }

  /** Appends behaviours for the next requests, one each, in order. */
  script(...behaviours: Behaviour[]): this {
    this.queue.push(...behaviours)
    return this
  }

  /** The behaviour for every request once the script is used up (default: 501, counted in `unscripted`). */
  otherwise(behaviour: Behaviour): this {
    this.fallback = behaviour
    return this
  }

  url(path = ''): string {
    return `${this.origin}${path}`
  }

  /** Gaps between consecutive arrivals by `at` (fake-clock aware). */
  gaps(): number[] {
    return this.requests.slice(1).map((r, i) => r.at - this.requests[i]!.at)
  }

  /** Resolves once `n` requests have arrived (real time; works under fake timers); rejects after `withinMs`. */
  waitForRequests(n: number, withinMs = 5_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = realTimeout(() => {
        this.waiters.delete(check)
        reject(new Error(`fault server: ${this.requests.length} of ${n} requests within ${withinMs} ms`))
      }, withinMs)
      const check = () => {
        if (this.requests.length < n) return
        this.waiters.delete(check)
        realClearTimeout(timer)
        resolve()
      }
      this.waiters.add(check)
      check()
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const url = req.url ?? ''
    let json: unknown
    try {
      json = body ? JSON.parse(body) : undefined
    } catch {
      json = undefined
    }
    const rec: Received = {
      n: this.requests.length + 1,
      method: req.method ?? '',
      url,
      path: url.split('?')[0]!,
      headers: req.headers,
      body,
      json,
      at: Date.now(),
      realAt: realNow(),
      clientGone: false,
    }
    this.requests.push(rec)
    this.open.add(res)
    res.on('close', () => {
      this.open.delete(res)
      if (!res.writableFinished) rec.clientGone = true
    })
    let behaviour = this.queue.shift() ?? this.fallback
    while (typeof behaviour === 'function') behaviour = behaviour(rec)
    for (const wake of [...this.waiters]) wake()
    if (!behaviour) {
      this.unscripted++
      behaviour = fault.json({ message: `fault server: nothing scripted for request ${rec.n} (${rec.method} ${url})` }, 501)
    }
    this.answer(behaviour as Answer, req, res)
  }

  private answer(b: Answer, req: IncomingMessage, res: ServerResponse) {
    const socket = req.socket
    // One request per connection: no keep-alive socket can be closed under a request that reuses it, so every
    // failure a test sees is the scripted one.
    res.setHeader('connection', 'close')
    switch (b.kind) {
      case 'json':
        res.writeHead(b.status, { ...JSON_TYPE, ...b.headers }).end(JSON.stringify(b.body))
        return
      case 'raw':
        res.writeHead(b.status, { 'content-length': String(Buffer.byteLength(b.body)), ...b.headers }).end(b.body)
        return
      case 'reset':
        socket.resetAndDestroy()
        return
      case 'reset-mid-body': {
        const bytes = Buffer.from(b.body)
        res.writeHead(b.status, { ...b.headers, 'content-length': String(bytes.length) })
        // The reset follows the first half at once: TCP delivers the bytes before it, so the client always sees
        // the status, the headers and half the body, then the reset.
        res.write(bytes.subarray(0, bytes.length >> 1), () => socket.resetAndDestroy())
        return
      }
      case 'silence':
        res.writeHead(b.status, b.headers).flushHeaders()
        return
      case 'hang':
        return
      case 'slow': {
        const bytes = Buffer.from(b.body)
        res.writeHead(b.status, { ...b.headers, 'content-length': String(bytes.length) }).flushHeaders()
        const size = Math.ceil(bytes.length / b.chunks)
        let offset = 0
        const next = () => {
          if (res.destroyed) return
          const piece = bytes.subarray(offset, (offset += size))
          if (offset >= bytes.length) res.end(piece)
          else res.write(piece, () => realTimeout(next, b.intervalMs))
        }
        realTimeout(next, b.intervalMs)
        return
      }
    }
  }
}

/** Waits `ms` of real time, also while a test fakes the global timers. */
export const realDelay = (ms: number) => new Promise<void>((resolve) => realTimeout(resolve, ms))

/** Polls (real time, also under fake timers) until `cond` holds; rejects after `withinMs`. */
export async function until(cond: () => boolean, withinMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = realNow() + withinMs
  while (!cond()) {
    if (realNow() > deadline) throw new Error(`until: ${what} not met within ${withinMs} ms`)
    await realDelay(1)
  }
}

/** Real milliseconds since `start` (a realNow() reading). */
export const elapsedSince = (start: number) => realNow() - start
export { realNow }

/**
 * Delays of the fake timers now pending, undici's own excepted. vi.useFakeTimers() installs @sinonjs/fake-timers,
 * which hangs its clock on the faked setTimeout; reading it lets a test wait until the SDK is sleeping (a timer of
 * the expected delay exists) before it moves the clock, so the clock never jumps while a real socket is still
 * talking. Node's fetch (undici) keeps a 499 ms `onTick` timer for its internal timeouts while a connection is
 * busy: it is left out, so it is never mistaken for a backoff. `{ timeouts: false }` also leaves out the SDK's one
 * timer for attempt timeouts (`expireAttempts`, core/timeout.ts), which stays set, unref'd, after the attempts it
 * served have ended.
 */
export function pendingTimerDelays({ timeouts = true } = {}): number[] {
  type Timer = { delay?: number; func?: { name?: string } }
  const clock = (globalThis.setTimeout as unknown as { clock?: { timers?: Record<string, Timer> } }).clock
  if (!clock) throw new Error('pendingTimerDelays: fake timers are not installed')
  return Object.values(clock.timers ?? {})
    .filter((t) => t.func?.name !== 'onTick' && (timeouts || t.func?.name !== 'expireAttempts'))
    .map((t) => Number(t.delay ?? 0))
}

/**
 * Waits (real time) until a fake timer matching `match` is pending, then advances the fake clock by its delay and
 * returns that delay. `match` is a delay, or a predicate over delays.
 */
export async function advanceWhenPending(
  vi: { advanceTimersByTimeAsync(ms: number): Promise<unknown> },
  match: number | ((delay: number) => boolean),
  withinMs = 5_000,
): Promise<number> {
  const test = typeof match === 'number' ? (d: number) => d === match : match
  const until = realNow() + withinMs
  for (;;) {
    const delay = pendingTimerDelays().find(test)
    if (delay !== undefined) {
      await vi.advanceTimersByTimeAsync(delay)
      return delay
    }
    if (realNow() > until) throw new Error(`advanceWhenPending: no matching timer within ${withinMs} ms (pending: ${pendingTimerDelays().join(', ')})`)
    await realDelay(1)
  }
}
