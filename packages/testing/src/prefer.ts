// Prism's `Prefer` header picks the answer of one call: a documented status, a named example, or data generated
// from the schema.

export interface Preference {
  /** A status the operation documents; Prism answers its example (and headers such as Retry-After). */
  code?: number
  /** The key of a named example in the spec (under the chosen status, 2xx by default). */
  example?: string
  /** Generate the body from the schema instead of using an example. */
  dynamic?: boolean
}

/** Headers for one call: `client.GET(path, { headers: prefer({ code: 429 }) })`. */
export function prefer(preference: Preference): { Prefer: string } {
  const { code, example, dynamic } = preference ?? {}
  const parts: string[] = []
  if (code !== undefined) {
    if (!Number.isInteger(code) || code < 100 || code > 599) throw new TypeError(`prefer: code must be an HTTP status (100-599), got ${String(code)}`)
    parts.push(`code=${code}`)
  }
  if (example !== undefined) {
    if (typeof example !== 'string' || !/^[\w.-]+$/.test(example)) throw new TypeError(`prefer: example must be an example's key (letters, digits, _ . -), got ${String(example)}`)
    parts.push(`example=${example}`)
  }
  if (dynamic !== undefined) {
    if (typeof dynamic !== 'boolean') throw new TypeError(`prefer: dynamic must be true or false, got ${String(dynamic)}`)
    parts.push(`dynamic=${dynamic}`)
  }
  if (parts.length === 0) throw new TypeError('prefer: give code, example or dynamic')
  return { Prefer: parts.join(', ') }
}
