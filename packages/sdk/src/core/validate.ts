// Bad input is refused before anything is sent, with an error naming the field.
import { ConfigurationError } from '../errors.js'

const PARAM = /\{([^}]+)\}/g

/**
 * Every `{name}` of the path template needs a non-empty value. openapi-fetch percent-encodes values, so `/`, `?`
 * and `#` cannot leave their segment; `.` and `..` survive encoding (URLs resolve `%2e%2e` too), so they are refused.
 */
export function checkPathParams(template: string, values: Record<string, unknown> | undefined): void {
  for (const match of template.matchAll(PARAM)) {
    const name = match[1] as string
    const value = values?.[name]
    const field = `params.path.${name}`
    if (value === undefined || value === null || value === '') {
      throw new ConfigurationError(field, `${field} is ${value === '' ? 'empty' : 'missing'} (${template})`)
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new ConfigurationError(field, `${field} must be a string or number`)
    }
    if (/^(%2e|\.){1,2}$/i.test(String(value))) {
      throw new ConfigurationError(field, `${field} cannot be "." or ".." (another endpoint)`)
    }
  }
}

const CRLF = /[\r\n\0]/

/** Header values with CR, LF or NUL could split a header; refuse them by name (the value is never echoed). */
export function checkHeaders(init: { headers?: unknown; params?: { header?: unknown } }): void {
  check(init.headers, 'headers')
  check(init.params?.header, 'params.header')
}

function check(headers: unknown, where: string) {
  if (!headers || typeof headers !== 'object') return
  const entries: [string, unknown][] =
    headers instanceof Headers ? [...headers.entries()] : Array.isArray(headers) ? headers : Object.entries(headers)
  for (const [name, value] of entries) {
    if (typeof value === 'string' && CRLF.test(value)) {
      throw new ConfigurationError(`${where}.${name}`, `${where}.${name} contains CR, LF or NUL`)
    }
  }
}
