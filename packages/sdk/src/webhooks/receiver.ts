// One webhook receiver, whatever the vendor: method, credentials, content type, body limit, JSON, the events typed
// by their discriminator, and in `handler` each event handled once. The vendor files say only what differs.
import { mustBe, typeOf } from '../core/describe.js'
import { ConfigurationError, WebhookError } from '../errors.js'
import { checkContentType, parseJson, readBody } from './body.js'
import { createMemoryWebhookStore } from './memory.js'
import type { WebhookStore } from './store.js'

/**
 * An event of a type the spec does not know yet (the vendor added one). It is passed on, never dropped: its
 * discriminator reads `'unknown'` (so the known types still narrow), `unknownType` is the vendor's name for it and
 * `raw` the event as received.
 */
export type UnknownEvent<Discriminator extends string> = { readonly [K in Discriminator]: 'unknown' } & {
  readonly unknownType: string
  readonly raw: unknown
}

/** Options every receiver takes. */
export interface ReceiverOptions {
  /** The largest body read, in bytes; a larger one is refused with 413 before it is read to its end. Default 1 MiB. */
  maxBodyBytes?: number | undefined
  /**
   * Where handled events are remembered so a redelivery is skipped. Default: this process's memory (10 000 events,
   * 24 h). Several processes behind one URL share one store (`@parley/rate-limit-redis`).
   */
  store?: WebhookStore | undefined
}

export interface HandlerOptions<Event> {
  /**
   * Called for every delivery this handler answers with other than 2xx: a `WebhookError` (the answer is its
   * `status`), or what `onEvent`, the store or the reading threw, or an event still being handled by an earlier
   * delivery (answered so that the vendor redelivers), with the event it was handling. Also called, with a 204
   * answer, when the store fails to remember a handled event. Not called for `toNodeHandler`'s own answers (it logs
   * them). Default: one console.error line.
   */
  onError?: ((error: unknown, event: Event | undefined) => void) | undefined
}

export interface TestRequestInit {
  /** Default `https://webhooks.example/parley`. */
  url?: string | URL | undefined
  headers?: HeadersInit | undefined
}

export interface WebhookReceiver<Event, Payload> {
  /**
   * Authenticates a delivery the vendor's way (constant time), reads its body once within `maxBodyBytes`, and
   * returns its events. Throws a `WebhookError` whose `status` is the answer to give. No deduplication here.
   */
  verify(request: Request): Promise<Event[]>
  /**
   * A web-standard request handler (Deno, Bun, Cloudflare, Next.js, Hono; Node through `@parley/sdk/node`). Each
   * event is handled once, in order: one already handled is skipped. It answers 204 once every event was handled,
   * the `WebhookError`'s status for a refused delivery, and 500 (Brevo: 429) when `onEvent` throws or an earlier
   * delivery of the event is still being handled: that event is not remembered, so the vendor's redelivery hands it to
   * you again (the events before it stay handled). `payload` is the whole body (the envelope, for vendors that batch
   * events).
   */
  handler(
    onEvent: (event: Event, payload: Payload) => unknown,
    options?: HandlerOptions<Event>,
  ): (request: Request) => Promise<Response>
  /** A delivery of `payload` (an object, or the raw body text) carrying valid credentials, for your own tests. */
  testRequest(payload: Payload | string, init?: TestRequestInit): Promise<Request>
}

/** What one vendor does its own way. */
export interface VendorReceiver {
  /** `sunshine`, ...: the prefix of its store keys and of its log lines. */
  readonly api: string
  readonly discriminator: string
  /** The event types the spec declares; any other is passed on as an UnknownEvent. */
  readonly known: Readonly<Record<string, true>>
  /** Where the events are in the body (`events`), or undefined when the body is the one event. */
  readonly eventsField: string | undefined
  /** Whether the credential covers the body (a signature): then it is checked after the body is read. */
  readonly signsBody: boolean
  /** The answer that makes the vendor deliver again, for an event whose handler failed. */
  readonly redeliverStatus: 429 | 500
  /** Throws a 401 WebhookError unless the delivery carries a valid credential. */
  authenticate(request: Request, body: Uint8Array<ArrayBuffer>): Promise<void>
  /** The event's dedupe key (the store key without the api prefix), or undefined: not deduplicated. */
  key(event: Record<string, unknown>, body: Uint8Array<ArrayBuffer>): string | undefined | Promise<string | undefined>
  /** Puts a valid credential on a test delivery. */
  sign(url: URL, headers: Headers, body: string): void | Promise<void>
}

/** A secret option: one non-empty string, or several (any of them is accepted, so a secret can be changed over). */
export function requireSecrets(value: unknown, field: string, factory: string): readonly string[] {
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || list.length === 0) {
    const got = value === undefined ? 'is missing' : `must be a string or a non-empty array of strings, got ${typeOf(value)}`
    throw new ConfigurationError(field, `${got} (${factory} needs it to authenticate deliveries)`)
  }
  list.forEach((secret: unknown, i) => {
    const name = typeof value === 'string' ? field : `${field}[${i}]`
    if (typeof secret !== 'string') throw new ConfigurationError(name, `must be a string, got ${typeOf(secret)}`)
    if (secret.trim() === '') throw new ConfigurationError(name, 'is empty')
  })
  return list as string[]
}

function checkStore(store: unknown): WebhookStore | undefined {
  if (store === undefined) return undefined
  const s = store as Record<string, unknown> | null
  if (!s || typeof s !== 'object' || !['claim', 'done', 'release'].every((m) => typeof s[m] === 'function')) {
    throw mustBe('store', 'a WebhookStore (claim, done and release methods)', store)
  }
  return store as WebhookStore
}

function checkMaxBodyBytes(value: unknown): number {
  if (value === undefined) return 1024 * 1024
  if (!Number.isInteger(value) || (value as number) < 1) throw mustBe('maxBodyBytes', 'a positive integer (bytes)', value)
  return value as number
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value)

function defaultOnError(api: string) {
  return (error: unknown) =>
    error instanceof WebhookError
      ? console.error(`@parley/sdk ${api} webhooks: refused a delivery (${error.status}): ${error.message}`)
      : console.error(`@parley/sdk ${api} webhooks: an event was not handled; the answer asks the vendor to redeliver:`, error)
}

const text = (message: string, status: number, headers: Record<string, string> = {}) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } })

/**
 * The answer to a delivery that could not be received: the WebhookError's status, or for anything else (a fault
 * here, not in the delivery) the status that makes the vendor deliver again.
 */
function refusal(error: unknown, redeliverStatus: number): Response {
  if (!(error instanceof WebhookError)) return text('the delivery could not be received', redeliverStatus)
  return text(error.message, error.status, error.status === 405 ? { allow: 'POST' } : {})
}

export function createReceiver<Event, Payload>(vendor: VendorReceiver, options: ReceiverOptions): WebhookReceiver<Event, Payload> {
  const maxBodyBytes = checkMaxBodyBytes(options.maxBodyBytes)
  const store = checkStore(options.store) ?? createMemoryWebhookStore()
  const { api, discriminator, eventsField } = vendor

  async function receive(request: Request) {
    if (request.method !== 'POST') throw new WebhookError(405, `method must be POST, got ${request.method}`)
    // A credential outside the body is checked before a byte of the body is read.
    if (!vendor.signsBody) await vendor.authenticate(request, new Uint8Array(0))
    checkContentType(request)
    const body = await readBody(request, maxBodyBytes)
    if (vendor.signsBody) await vendor.authenticate(request, body)
    const payload = parseJson(body)
    let raws: unknown[] = [payload]
    if (eventsField !== undefined) {
      const list = isObject(payload) ? payload[eventsField] : undefined
      if (!Array.isArray(list)) throw new WebhookError(400, `body.${eventsField} must be an array, got ${typeOf(list)}`)
      raws = list
    }
    const events = raws.map((raw, i) => {
      const where = eventsField === undefined ? 'body' : `body.${eventsField}[${i}]`
      if (!isObject(raw)) throw new WebhookError(400, `${where} must be an object, got ${typeOf(raw)}`)
      const name = raw[discriminator]
      if (typeof name !== 'string') throw new WebhookError(400, `${where}.${discriminator} must be a string, got ${typeOf(name)}`)
      return Object.hasOwn(vendor.known, name) ? raw : { [discriminator]: 'unknown', unknownType: name, raw }
    })
    return { events: events as Event[], raws: raws as Record<string, unknown>[], payload: payload as Payload, body }
  }

  return {
    async verify(request) {
      return (await receive(request)).events
    },

    handler(onEvent, handlerOptions = {}) {
      const onError = handlerOptions.onError ?? defaultOnError(api)
      return async (request) => {
        // Sunshine probes a new webhook's URL with HEAD: answer it, with nothing to verify or handle.
        if (request.method === 'HEAD') return new Response(null, { status: 204 })
        let delivery: Awaited<ReturnType<typeof receive>>
        try {
          delivery = await receive(request)
        } catch (error) {
          onError(error, undefined)
          return refusal(error, vendor.redeliverStatus)
        }
        const { events, raws, payload, body } = delivery
        for (let i = 0; i < events.length; i++) {
          const event = events[i]!
          let key: string | undefined
          let claimed = false
          try {
            const own = await vendor.key(raws[i]!, body)
            key = own === undefined ? undefined : `${api}:${own}`
            const claim = key === undefined ? 'claimed' : await store.claim(key)
            if (claim === 'done') continue
            // An earlier delivery is handling it and may yet fail: a 2xx now would leave nothing to redeliver then.
            if (claim !== 'claimed') throw new Error(`event ${key} is still being handled by an earlier delivery`)
            claimed = key !== undefined
            await onEvent(event, payload)
          } catch (error) {
            if (claimed) await store.release(key!).catch(() => {})
            onError(error, event)
            // Whatever was thrown (a WebhookError too): a 4xx other than 429 makes vendors drop the delivery.
            return text('the event could not be handled', vendor.redeliverStatus)
          }
          // The event was handled: a store that fails to remember it only risks handling a redelivery twice, while
          // a 500 here would make the vendor redeliver every event of this delivery.
          if (key !== undefined) await store.done(key).catch((error: unknown) => onError(error, event))
        }
        return new Response(null, { status: 204 })
      }
    },

    async testRequest(payload, init = {}) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
      const url = new URL(init.url ?? 'https://webhooks.example/parley')
      const headers = new Headers(init.headers)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
      await vendor.sign(url, headers, body)
      return new Request(url, { method: 'POST', headers, body })
    },
  }
}
