// The facade around an openapi-fetch client: the same methods, plus a timeout per attempt, retries for operations
// the spec declares idempotent, one error model, `orThrow` and pagination. A retry calls the typed method again
// (the body is serialised again), so no Request is ever cloned.
import createClient, { type Client } from 'openapi-fetch'
import { ApiError, ConfigurationError, ConnectionError, TimeoutError } from '../errors.js'
import { RETRYABLE_STATUS, backoffMs, retryPolicy, serverDelayMs, sleep, type RetryOptions } from './retry.js'
import { callerRedirect, followRedirectsSafely } from './redirect.js'
import { checkHeaders, checkPathParams } from './validate.js'
import { createDirectCall } from './direct.js'
import { settleTimeout, startTimeout } from './timeout.js'

/** The global fetch, looked up per call so that one installed later (polyfill, test stub) is used. */
export const globalFetch = (request: Request) => fetch(request)

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS' | 'TRACE'

export interface PaginationMeta {
  readonly dialect: 'stackone' | 'sunshine' | 'mews'
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
}

/** Options every factory takes. */
export interface CommonOptions {
  /** Where the API lives; defaults to the vendor's production URL. */
  baseUrl?: string
  /** A fetch implementation (tests, proxies, instrumentation). Defaults to the global fetch. */
  fetch?: (input: Request) => Promise<Response>
  /**
   * Per-attempt timeout in ms, headers and body included. Default 60 000. `Infinity` turns it off (saves the
   * per-request AbortSignal, tens of microseconds of CPU per call on Node 20).
   */
  timeoutMs?: number
  retry?: RetryOptions
}

/** Per-call additions to openapi-fetch's init. */
export interface CallOptions {
  /** Overrides the client's timeout for this call (`Infinity`: none). */
  timeoutMs?: number
}

export type Prepared = Record<string, any>
export interface CoreConfig extends CommonOptions {
  baseUrl: string
  headers: Record<string, string>
  /** The spec's operations, as the API package generates them. */
  operationList: readonly OperationMeta[]
  vendor: Vendor
  /** Per-call work that must happen at call time (rotating credentials, body tokens, a JWT). */
  prepare?: ((init: Prepared, meta: OperationMeta | undefined) => Prepared | Promise<Prepared>) | undefined
}

export interface RawResult {
  data?: unknown
  error?: unknown
  response: Response
}

export interface Core {
  readonly base: Client<any>
  readonly meta: (method: HttpMethod, path: string) => OperationMeta | undefined
  /**
   * One call with retries; resolves to openapi-fetch's result plus the number of attempts. `signal`, when given,
   * replaces the init's own (pagination passes its listing's signal this way rather than copying the init). With
   * `orThrow`, a non-2xx answer becomes an ApiError.
   */
  send(method: HttpMethod, path: string, init: Prepared | undefined, signal?: AbortSignal | null, orThrow?: boolean): Promise<RawResult & { attempts: number }>
  /** openapi-fetch's `use`; once any middleware is added, every call builds a real Request for it. */
  use: Client<any>['use']
}

export function checkTimeout(value: unknown, field: string): number {
  if (value === undefined) return 60_000
  // Written so that NaN and non-numbers fail the test; Infinity means "no timeout". Timers cap at 2^31-1 ms.
  if (!((value as number) > 0 && ((value as number) < 2 ** 31 || value === Infinity))) {
    throw new ConfigurationError(field, 'must be 1 to 2^31-1 (ms) or Infinity')
  }
  return value as number
}

export function createCore(config: CoreConfig): Core {
  const timeoutMs = checkTimeout(config.timeoutMs, 'timeoutMs')
  const policy = retryPolicy(config.retry)
  // Credentials sent as static headers (api-key, partner-key, x-account-id) get the same CR/LF check as per-call
  // headers, at construction: fetch's Headers would refuse them later with the secret in its message.
  checkHeaders(config)
  const safeFetch = followRedirectsSafely(config.fetch ?? globalFetch)
  // Middleware and a caller's fetch are promised a real Request built by openapi-fetch; every other call takes the
  // direct path, where the build has one (not in browsers). Made before the openapi-fetch client: on Node it checks
  // baseUrl, which openapi-fetch would otherwise trip over first.
  let direct = createDirectCall?.(config)
  const base = createClient<any>({ baseUrl: config.baseUrl, headers: config.headers, fetch: safeFetch })
  // method -> path -> operation: looked up on every call without building a key string.
  const byMethod: Record<string, Map<string, OperationMeta>> = {}
  for (const op of config.operationList) (byMethod[op.method.toUpperCase()] ??= new Map()).set(op.path, op)
  const meta = (method: HttpMethod, path: string) => byMethod[method]?.get(path)
  const prepare = config.prepare
  const vendor = config.vendor

  async function send(method: HttpMethod, path: string, input: Prepared | undefined, signal?: AbortSignal | null, orThrow?: boolean) {
    const op = meta(method, path)
    let init: Prepared = input ?? {}
    const userSignal: AbortSignal | null | undefined = signal ?? init.signal
    // A caller who already gave up gets their reason back before any work (credential calls, signing).
    userSignal?.throwIfAborted()
    checkPathParams(path, init.params?.path)
    let attemptTimeout = timeoutMs
    if (init.timeoutMs !== undefined) {
      const { timeoutMs: t, ...rest } = init
      attemptTimeout = checkTimeout(t, 'timeoutMs')
      init = rest
    }
    init = callerRedirect(init, config.fetch)
    if (prepare) init = await prepare(init, op)
    // After prepare, so a credential function's header value is checked too.
    checkHeaders(init)
    const repeatable = op ? op.idempotent || policy.retryNonIdempotent : method === 'GET'
    const maxAttempts = repeatable ? policy.maxRetries + 1 : 1
    const call = (base as any)[method] as (p: string, i: Prepared) => Promise<RawResult>

    for (let attempt = 1; ; attempt++) {
      // One controller per attempt (on Node, possibly one a finished attempt handed back: timeout.ts), aborted by the
      // timer or by the caller's signal (a listener is much cheaper than AbortSignal.any). With `timeoutMs: Infinity`
      // the caller's signal, if any, is passed as is: on Node 20 every signal handed to fetch costs tens of
      // microseconds of CPU, which hot loops may not want to pay.
      const controller = attemptTimeout < Infinity ? startTimeout(attemptTimeout) : undefined
      const abort = () => controller!.abort()
      const settle = () => {
        settleTimeout(controller)
        if (controller) userSignal?.removeEventListener('abort', abort)
      }
      if (controller) userSignal?.addEventListener('abort', abort)
      if (controller && userSignal?.aborted) abort()
      const attemptSignal = controller?.signal ?? userSignal
      let result: RawResult
      try {
        // `direct` is read per attempt: middleware added during a backoff gets its real Request on the retry.
        // fetch never follows a redirect itself (see redirect.ts).
        result = await (direct?.(method, path, init, attemptSignal) ?? call(path, { ...init, redirect: 'manual', signal: attemptSignal }))
      } catch (err) {
        settle()
        // The caller's own abort is theirs: hand back their reason untouched.
        if (userSignal?.aborted) throw userSignal.reason
        const failure = controller?.signal.aborted
          ? // aborted, not by the caller: the timer
            new TimeoutError(`${method} ${path}`, attemptTimeout, attempt)
          : new ConnectionError(`${method} ${path}`, err, attempt)
        if (attempt >= maxAttempts) throw failure
        await sleep(backoffMs(attempt - 1), userSignal)
        continue
      }
      settle()
      const { response } = result
      // Read once: each property of a Response is dear on Node (undici hands out a Proxy of its own).
      const ok = response.ok
      const hint = ok ? undefined : serverDelayMs(response.headers)
      // A wait longer than we are willing to sleep is reported at once rather than hidden in a hang.
      if (ok || attempt >= maxAttempts || !RETRYABLE_STATUS.has(response.status) || hint! > policy.maxRetryAfterMs) {
        ;(result as RawResult & { attempts: number }).attempts = attempt
        if (ok || !orThrow) return result as RawResult & { attempts: number }
        throw toApiError(vendor, `${method} ${path}`, result as RawResult & { attempts: number }, policy.maxRetryAfterMs)
      }
      await sleep(hint ?? backoffMs(attempt - 1), userSignal)
    }
  }

  const use = (...middleware: Parameters<Client<any>['use']>) => {
    direct = undefined
    base.use(...middleware)
  }
  return { base, meta, send, use }
}

export function toApiError(vendor: Vendor, operation: string, result: RawResult & { attempts: number }, maxWaitMs: number): ApiError {
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
