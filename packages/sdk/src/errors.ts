// One error model for every API. Every failure the facade reports is a ParleyError; the subclasses say what kind.
// Errors carry what a caller needs to decide (status, vendor code, request id, whether a retry could help) and
// never a credential: the request's headers and body are not kept on the error.

export class ParleyError extends Error {
  /** Whether sending the same request again could succeed (a later retry, not necessarily an immediate one). */
  declare readonly retryable: boolean
  constructor(message: string, fields: object = {}, options?: ErrorOptions) {
    super(message, options)
    Object.assign(this, { retryable: false }, fields)
  }
  /** The error's own fields (never the raw Response, never request headers), for logs and JSON. */
  toJSON(): object {
    return { ...this, name: this.name, message: this.message }
  }
}

/**
 * Bad options or bad input, found before anything was sent. `field` names the option or parameter, and the message
 * starts with it: `${field} ${problem}`.
 */
export class ConfigurationError extends ParleyError {
  declare readonly field: string
  constructor(field: string, problem: string) {
    super(`${field} ${problem}`, { field })
  }
}

export interface ApiErrorInit {
  status: number
  code?: string | undefined
  message: string
  requestId?: string | undefined
  body: unknown
  retryable: boolean
  retryAfterMs?: number | undefined
  operation: string
  response?: Response | undefined
  attempts: number
}

/** The API answered with a non-2xx status. */
export class ApiError extends ParleyError {
  declare readonly status: number
  /** The vendor's own error code (`not_found`, `invalid_parameter`, ...), when its body has one. */
  declare readonly code: string | undefined
  /** The vendor's request id header, to quote to its support. */
  declare readonly requestId: string | undefined
  /** The parsed error body as the vendor sent it. */
  declare readonly body: unknown
  /** The wait the server asked for (Retry-After / retry-after-ms), in milliseconds. */
  declare readonly retryAfterMs: number | undefined
  /** `METHOD /path/template` of the operation. */
  declare readonly operation: string
  /** How many attempts were made, retries included. */
  declare readonly attempts: number
  /** The raw Response (not enumerable, so it stays out of logs and JSON). */
  declare readonly response: Response | undefined

  constructor({ response, message, ...fields }: ApiErrorInit) {
    super(`${fields.operation}: HTTP ${fields.status}${fields.code ? ` (${fields.code})` : ''}: ${message}`, fields)
    Object.defineProperty(this, 'response', { value: response })
  }
}

/** An attempt took longer than `timeoutMs` (headers and body included). */
export class TimeoutError extends ParleyError {
  declare readonly timeoutMs: number
  declare readonly operation: string
  declare readonly attempts: number
  constructor(operation: string, timeoutMs: number, attempts: number) {
    super(`${operation} timed out after ${timeoutMs} ms, attempts: ${attempts}`, { retryable: true, operation, timeoutMs, attempts })
  }
}

/**
 * The request got no complete, well-formed answer: DNS failure, refused or reset connection, a body cut short,
 * or a 2xx body that is not the JSON it claims to be (then `cause` is the SyntaxError).
 */
export class ConnectionError extends ParleyError {
  declare readonly operation: string
  declare readonly attempts: number
  constructor(operation: string, cause: unknown, attempts: number) {
    // undici reports the system error (ECONNRESET, ENOTFOUND...) as the cause of its "fetch failed".
    const code = (cause as { cause?: { code?: string } })?.cause?.code
    super(`${operation} failed: ${(cause as Error)?.message ?? cause}${code ? ` (${code})` : ''}, attempts: ${attempts}`, { retryable: true, operation, attempts }, { cause })
  }
}

/** A paginated listing could not go on: a cursor came back twice, or a page was not the shape the spec says. */
export class PaginationError extends ParleyError {
  declare readonly operation: string
  declare readonly page: number
  constructor(operation: string, page: number, message: string) {
    super(`${operation}, page ${page}: ${message}`, { operation, page })
  }
}

/**
 * The call's rate-limit budget would hold it longer than `maxWaitMs` (a spent window, a long pause the server asked
 * for, a long queue). Nothing was sent. `key` names the budget (`parley:<api>:<hash>`), never the credential.
 */
export class RateLimitError extends ParleyError {
  /** How long the call would have waited, at least, in ms. */
  declare readonly waitMs: number
  declare readonly maxWaitMs: number
  declare readonly operation: string
  declare readonly key: string
  constructor(operation: string, waitMs: number, maxWaitMs: number, key: string) {
    super(`${operation} not sent: rate limit wait ${waitMs} ms > maxWaitMs ${maxWaitMs}`, { retryable: true, operation, waitMs, maxWaitMs, key })
  }
}

/**
 * A webhook delivery was refused. `status` is what the receiver should answer: 401 missing or wrong credentials,
 * 400 a malformed body, 405 not a POST, 413 a body over `maxBodyBytes`, 415 not JSON. The message never holds the
 * secret or the credential presented.
 */
export class WebhookError extends ParleyError {
  declare readonly status: 400 | 401 | 405 | 413 | 415
  constructor(status: 400 | 401 | 405 | 413 | 415, message: string, options?: ErrorOptions) {
    super(message, { status }, options)
    // Set here rather than on the prototype like the others: a prototype assignment is a side effect a bundler
    // keeps, and then every bundle of a client that never receives a webhook would carry this class.
    Object.defineProperty(this, 'name', { value: 'WebhookError', configurable: true, writable: true })
  }
}

// Names live on the prototypes (minifiers rename classes, so constructor.name is unreliable); being there before
// any instance exists, they also head each stack trace.
ParleyError.prototype.name = 'ParleyError'
ConfigurationError.prototype.name = 'ConfigurationError'
ApiError.prototype.name = 'ApiError'
TimeoutError.prototype.name = 'TimeoutError'
ConnectionError.prototype.name = 'ConnectionError'
PaginationError.prototype.name = 'PaginationError'
RateLimitError.prototype.name = 'RateLimitError'
