// One call, start to end: checks, credentials, the rate limit, a timeout per attempt, retries for operations the spec
// declares idempotent, and one error model. Every attempt goes through openapi-fetch; a retry calls the typed method again
// (the body is serialised again), so no Request is ever cloned.
import createClient, { type Client } from 'openapi-fetch'
import { ApiError, ConnectionError, TimeoutError } from '../errors.js'
import { createLimiter, type BudgetOf, type RateLimitOptions } from '../limits/limiter.js'
import { RETRYABLE_STATUS, backoffMs, retryPolicy, serverDelayMs, waitFor, type RetryOptions } from './retry.js'
import { callerRedirect, followRedirectsSafely, type Fetch } from './redirect.js'
import { mustBe } from './describe.js'
import { startAttempt } from './timeout.js'
import { checkBaseUrl, checkHeaders, checkPathParams } from './validate.js'

/** The global fetch, looked up per call so that one installed later (polyfill, test stub) is used. */
const globalFetch: Fetch = (request) => fetch(request)

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE'

/** An operation's `x-parley-pagination`, as the API package generates it. */
export interface PaginationMeta {
  /** The cursor dialect: the name of a module in `pagination/`. */
  readonly dialect: string
  readonly items: string
  readonly maxIntervalMonths?: number
  readonly intervals?: readonly string[]
  /** Sunshine: `backward` lists follow meta.beforeCursor / page[before] (newest page first). */
  readonly direction?: 'forward' | 'backward'
}
export interface OperationMeta {
  readonly method: string
  readonly path: string
  readonly idempotent: boolean
  readonly pagination?: PaginationMeta
}

/** How one vendor reports errors. */
export interface Vendor {
  /** Response headers that carry the vendor's request id, first match wins. */
  readonly requestIdHeaders: readonly string[]
  /** Pulls the vendor's code and message out of its error body. */
  errorFields(body: unknown): { code?: string | undefined; message?: string | undefined }
  /** Drops parts of an error body that may echo the request (and so a credential) before it is kept. */
  sanitizeBody?(body: unknown): unknown
  /** How long the budget must pause, from the vendor's own rate-limit headers (a spent window), in ms. */
  pauseMs?(headers: Headers): number | undefined
}

/** Options every factory takes. */
export interface CommonOptions {
  /** Where the API lives; defaults to the vendor's production URL. */
  baseUrl?: string | undefined
  /** A fetch implementation (tests, proxies, instrumentation). Defaults to the global fetch. */
  fetch?: ((input: Request) => Promise<Response>) | undefined
  /** Per-attempt timeout in ms, headers and body included. Default 60 000; `Infinity` turns it off. */
  timeoutMs?: number | undefined
  retry?: RetryOptions | undefined
  /**
   * The client's rate limit: `false` turns it off. On by default: the vendor's confirmed budget (Mews, StackOne) or,
   * where none is confirmed (Brevo, Sunshine), only the pauses the server asks for.
   */
  rateLimit?: RateLimitOptions | false | undefined
}

/** Per-call additions to openapi-fetch's init. */
export interface CallOptions {
  /** Overrides the client's timeout for this call (`Infinity`: none). */
  timeoutMs?: number | undefined
}

export type Prepared = Record<string, any>
export interface CoreConfig extends CommonOptions {
  baseUrl: string
  headers: Record<string, string>
  /** The spec's operations, as the API package generates them. */
  operationList: readonly OperationMeta[]
  vendor: Vendor
  /** Per-call work that must happen at call time (rotating credentials, body tokens, a JWT, a vendor's own checks). */
  prepare?: ((init: Prepared, meta: OperationMeta | undefined) => Prepared | Promise<Prepared>) | undefined
  /** The vendor's rate limit: `api` names its budgets, `declared` is the spec's, `credential` reads what it counts by. */
  budget: BudgetOf<Prepared>
}

export interface RawResult {
  data?: unknown
  error?: unknown
  response: Response
}
export type SendResult = RawResult & { attempts: number }

export interface SendOptions {
  /** Replaces the init's own signal (a listing passes its own this way). */
  signal?: AbortSignal | null | undefined
  /** A non-2xx answer becomes an ApiError instead of `{ error, response }`. */
  orThrow?: boolean
}

export interface Core {
  readonly base: Client<any>
  readonly meta: (method: HttpMethod, path: string) => OperationMeta | undefined
  /** One call with its retries: openapi-fetch's result plus the number of attempts. */
  send(method: HttpMethod, path: string, init?: Prepared, options?: SendOptions): Promise<SendResult>
}

export function checkTimeout(value: unknown, field: string): number {
  if (value === undefined) return 60_000
  // Written so that NaN and non-numbers fail the test; Infinity means "no timeout". Timers cap at 2^31-1 ms.
  if (!((value as number) > 0 && ((value as number) < 2 ** 31 || value === Infinity))) {
    throw mustBe(field, '1 to 2^31-1 (ms) or Infinity', value)
  }
  return value as number
}

export function createCore(config: CoreConfig): Core {
  checkBaseUrl(config.baseUrl)
  const timeoutMs = checkTimeout(config.timeoutMs, 'timeoutMs')
  const policy = retryPolicy(config.retry)
  // Credentials sent as static headers (api-key, partner-key, x-account-id) get the same CR/LF check as per-call
  // headers, at construction: fetch's Headers would refuse them later with the secret in its message.
  checkHeaders(config)
  const clientFetch = config.fetch ?? globalFetch
  const base = createClient<any>({ baseUrl: config.baseUrl, headers: config.headers, fetch: followRedirectsSafely(clientFetch) })
  const operations = new Map(config.operationList.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op]))
  const meta = (method: HttpMethod, path: string) => operations.get(`${method} ${path}`)
  const { prepare, vendor } = config
  const limiter = createLimiter(config.budget, config.rateLimit)

  async function send(method: HttpMethod, path: string, input?: Prepared, options: SendOptions = {}): Promise<SendResult> {
    const op = meta(method, path)
    const { timeoutMs: callTimeout, ...rest } = input ?? {}
    let init: Prepared = rest
    const signal: AbortSignal | null | undefined = options.signal ?? init.signal
    // A caller who already gave up gets their reason back before any work (credential calls, signing).
    signal?.throwIfAborted()
    checkPathParams(path, init.params?.path)
    const attemptMs = callTimeout === undefined ? timeoutMs : checkTimeout(callTimeout, 'timeoutMs')
    init = callerRedirect(init, clientFetch)
    if (prepare) init = await prepare(init, op)
    // After prepare, so a credential function's header value is checked too.
    checkHeaders(init)
    const budget = limiter && (await limiter.key(config.budget.credential(init)))
    const repeatable = op ? op.idempotent || policy.retryNonIdempotent : method === 'GET'
    const maxAttempts = repeatable ? policy.maxRetries + 1 : 1
    const operation = `${method} ${path}`
    const call = base[method] as (path: string, init: Prepared) => Promise<RawResult>

    for (let attempt = 1; ; attempt++) {
      // Every attempt (a retry, a page) takes a slot first; waiting for it is not part of the attempt's timeout.
      if (budget) await limiter!.take(budget, operation, signal)
      const current = startAttempt(attemptMs, signal)
      let result: RawResult
      try {
        // fetch never follows a redirect itself (see redirect.ts).
        result = await call(path, { ...init, redirect: 'manual', signal: current.signal })
      } catch (err) {
        // The caller's own abort is theirs: hand back their reason untouched.
        if (signal?.aborted) throw signal.reason
        const failure = current.timedOut() ? new TimeoutError(operation, attemptMs, attempt) : new ConnectionError(operation, err, attempt)
        if (attempt >= maxAttempts) throw failure
        await waitFor(backoffMs(attempt - 1), signal)
        continue
      } finally {
        current.end()
      }
      const { response } = result
      const hint = response.ok ? undefined : serverDelayMs(response.headers)
      const delay = hint ?? backoffMs(attempt - 1)
      // A 429 pauses the whole budget, not only this call. The answer stays the caller's even when the store cannot
      // record the pause (a sent message must not look failed); the next take reports the store's failure.
      const pauseMs = vendor.pauseMs?.(response.headers) ?? (response.status === 429 && delay)
      if (budget && pauseMs) await limiter!.store.pause(budget, pauseMs).catch(() => {})
      // A wait longer than we are willing to sleep is reported at once rather than hidden in a hang.
      if (response.ok || attempt >= maxAttempts || !RETRYABLE_STATUS.has(response.status) || hint! > policy.maxRetryAfterMs) {
        const done = { ...result, attempts: attempt }
        if (response.ok || !options.orThrow) return done
        throw toApiError(vendor, operation, done, policy.maxRetryAfterMs)
      }
      await waitFor(delay, signal)
    }
  }

  return { base, meta, send }
}

export function toApiError(vendor: Vendor, operation: string, result: SendResult, maxWaitMs: number): ApiError {
  const { response } = result
  const body = vendor.sanitizeBody ? vendor.sanitizeBody(result.error) : result.error
  const fields = vendor.errorFields(body)
  const requestId = vendor.requestIdHeaders.map((h) => response.headers.get(h)).find(Boolean) as string | undefined
  const retryAfterMs = serverDelayMs(response.headers)
  // A short plain-text body is a message; an HTML error page is not.
  const base = fields.message ?? ((typeof body === 'string' && body.length < 200 && !body.includes('<') && body) || response.statusText)
  // No hint (undefined) compares false.
  const message = retryAfterMs! > maxWaitMs ? `${base} (Retry-After ${Math.round(retryAfterMs! / 1000)} s: not retried)` : base
  return new ApiError({
    status: response.status,
    code: fields.code,
    message,
    requestId,
    body,
    retryable: RETRYABLE_STATUS.has(response.status),
    retryAfterMs,
    operation,
    response,
    attempts: result.attempts,
  })
}
