// One error model for every API. Every failure the facade reports is a ParleyError; the subclasses say what kind.
// Errors carry what a caller needs to decide (status, vendor code, request id, whether a retry could help) and
// never a credential: the request's headers and body are not kept on the error.

export class ParleyError extends Error {
  override name = 'ParleyError'
  /** Whether sending the same request again could succeed (a later retry, not necessarily an immediate one). */
  readonly retryable: boolean
  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.retryable = options.retryable ?? false
  }
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, retryable: this.retryable }
  }
}

/** Bad options or bad input, found before anything was sent. `field` names the option or parameter. */
export class ConfigurationError extends ParleyError {
  override name = 'ConfigurationError'
  readonly field: string
  constructor(field: string, message: string) {
    super(message)
    this.field = field
  }
  override toJSON() {
    return { ...super.toJSON(), field: this.field }
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
  override name = 'ApiError'
  readonly status: number
  /** The vendor's own error code (`not_found`, `invalid_parameter`, ...), when its body has one. */
  readonly code: string | undefined
  /** The vendor's request id header, to quote to its support. */
  readonly requestId: string | undefined
  /** The parsed error body as the vendor sent it. */
  readonly body: unknown
  /** The wait the server asked for (Retry-After / retry-after-ms), in milliseconds. */
  readonly retryAfterMs: number | undefined
  /** `METHOD /path/template` of the operation. */
  readonly operation: string
  /** How many attempts were made, retries included. */
  readonly attempts: number
  /** The raw Response (not enumerable, so it stays out of logs and JSON). */
  declare readonly response: Response | undefined

  constructor(init: ApiErrorInit) {
    super(`${init.operation} failed with HTTP ${init.status}${init.code ? ` (${init.code})` : ''}: ${init.message}`, {
      retryable: init.retryable,
    })
    this.status = init.status
    this.code = init.code
    this.requestId = init.requestId
    this.body = init.body
    this.retryAfterMs = init.retryAfterMs
    this.operation = init.operation
    this.attempts = init.attempts
    Object.defineProperty(this, 'response', { value: init.response, enumerable: false })
  }
  override toJSON() {
    return {
      ...super.toJSON(),
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      operation: this.operation,
      attempts: this.attempts,
      retryAfterMs: this.retryAfterMs,
      body: this.body,
    }
  }
}

/** An attempt took longer than `timeoutMs` (headers and body included). */
export class TimeoutError extends ParleyError {
  override name = 'TimeoutError'
  readonly timeoutMs: number
  readonly operation: string
  readonly attempts: number
  constructor(operation: string, timeoutMs: number, attempts: number) {
    super(`${operation} timed out after ${timeoutMs} ms (${attempts} attempt${attempts === 1 ? '' : 's'})`, { retryable: true })
    this.timeoutMs = timeoutMs
    this.operation = operation
    this.attempts = attempts
  }
  override toJSON() {
    return { ...super.toJSON(), operation: this.operation, timeoutMs: this.timeoutMs, attempts: this.attempts }
  }
}

/** The request never got a complete HTTP answer: DNS, refused or reset connection, a body cut short. */
export class ConnectionError extends ParleyError {
  override name = 'ConnectionError'
  readonly operation: string
  readonly attempts: number
  constructor(operation: string, cause: unknown, attempts: number) {
    super(`${operation} failed to connect: ${describe(cause)} (${attempts} attempt${attempts === 1 ? '' : 's'})`, {
      cause,
      retryable: true,
    })
    this.operation = operation
    this.attempts = attempts
  }
  override toJSON() {
    return { ...super.toJSON(), operation: this.operation, attempts: this.attempts }
  }
}

/** A paginated listing could not go on: a cursor came back twice, or a page was not the shape the spec says. */
export class PaginationError extends ParleyError {
  override name = 'PaginationError'
  readonly operation: string
  readonly page: number
  constructor(operation: string, page: number, message: string) {
    super(`${operation}, page ${page}: ${message}`)
    this.operation = operation
    this.page = page
  }
  override toJSON() {
    return { ...super.toJSON(), operation: this.operation, page: this.page }
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: { code?: string; message?: string } }).cause
    return inner?.code ? `${cause.message} (${inner.code})` : cause.message
  }
  return String(cause)
}

/** The API answered 2xx, but the body is not what it must be (malformed or cut-off JSON). */
export class InvalidResponseError extends ParleyError {
  override name = 'InvalidResponseError'
  readonly operation: string
  readonly attempts: number
  constructor(operation: string, cause: unknown, attempts: number) {
    super(`${operation} returned a body that could not be parsed: ${describe(cause)}`, { cause, retryable: true })
    this.operation = operation
    this.attempts = attempts
  }
  override toJSON() {
    return { ...super.toJSON(), operation: this.operation, attempts: this.attempts }
  }
}
