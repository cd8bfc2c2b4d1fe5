// Prism reports why it rejected a request in the `sl-violations` header (when the spec declares the error status
// it answered with) or in its own problem+json body (when it does not). The body the caller gets is then the
// spec's example error, which says nothing about this request. These helpers read the violations and put them
// into the vendor's error body, where the SDK (or any client) already looks for the message.

export interface Violation {
  location?: string[]
  severity?: string
  code?: string | number
  message: string
}

/** What Prism objected to in the exchange that gave `response` (empty when it had no objection). */
export async function violations(response: Response): Promise<Violation[]> {
  const header = response.headers.get('sl-violations')
  if (header) return JSON.parse(header) as Violation[]
  if (response.headers.get('content-type')?.includes('application/problem+json')) {
    const body = (await response.clone().json().catch(() => undefined)) as { validation?: Violation[] } | undefined
    return body?.validation ?? []
  }
  return []
}

/** Builds an API's error body that carries `message`. */
export type ErrorBody = (message: string, violations: Violation[], status: number) => unknown

/** Each vendor's error shape, as its SDK error mapping reads it. Other specs get `{ message }`. */
export const ERROR_BODIES: Record<string, ErrorBody> = {
  'stackone-messaging': (message, _v, status) => ({ statusCode: status, message }),
  'brevo-conversations': (message) => ({ message }),
  'sunshine-conversations': (_m, vs) => ({ errors: vs.map((v) => ({ title: v.message })) }),
  'mews-message-threads': (message) => ({ Message: message }),
}

export const defaultErrorBody: ErrorBody = (message) => ({ message })

/**
 * `response` again with its body replaced by the vendor's error shape naming the violations, when Prism rejected
 * the request (or, with --errors, its own example). Successful answers and answers without violations pass as they are.
 */
export async function explainViolations(response: Response, errorBody: ErrorBody): Promise<{ response: Response; violations: Violation[] }> {
  if (response.ok) return { response, violations: [] }
  const found = await violations(response)
  if (found.length === 0) return { response, violations: found }
  const message = found.map((v) => v.message).join('; ')
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  headers.delete('content-encoding')
  headers.set('content-type', 'application/json')
  await response.body?.cancel()
  const body = JSON.stringify(errorBody(message, found, response.status))
  return { response: new Response(body, { status: response.status, statusText: response.statusText, headers }), violations: found }
}
