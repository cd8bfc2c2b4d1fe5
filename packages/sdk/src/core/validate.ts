// Bad input is refused before anything is sent, with an error naming the field.
import { ConfigurationError } from '../errors.js'
import { mustBe, typeOf } from './describe.js'

/**
 * Every `{name}` of the path template needs a non-empty value. openapi-fetch percent-encodes values, so `/`, `?`
 * and `#` cannot leave their segment; `.` and `..` survive encoding (URLs resolve `%2e%2e` too), so they are refused.
 */
export function checkPathParams(template: string, values: Record<string, unknown> | undefined): void {
  for (const name of template.match(/(?<=\{)[^}]+/g) ?? []) {
    const value = values?.[name]
    if (value === '' || (typeof value !== 'string' && typeof value !== 'number') || /^(%2e|\.){1,2}$/i.test(value as string)) {
      throw mustBe(`params.path.${name}`, `a non-empty string or number, not "." or ".." (${template})`, value)
    }
  }
}

/**
 * Header values with CR, LF or NUL could split a header; refuse them by name (the value is never echoed). A
 * `Headers` object needs no check: its constructor already refuses them.
 */
export function checkHeaders(init: { headers?: unknown; params?: { header?: unknown } }): void {
  checkHeaderValues('headers', init.headers)
  checkHeaderValues('params.header', init.params?.header)
}

function checkHeaderValues(where: string, headers: unknown): void {
  if (!headers || typeof headers !== 'object' || headers instanceof Headers) return
  for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers)) {
    // fetch accepts only Latin-1 header values without CR, LF or NUL; anything else would fail inside fetch.
    if (/[\r\n\0]|[^\0-\xff]/.test(String(value))) {
      throw new ConfigurationError(`${where}.${name}`, 'has a character headers cannot carry')
    }
  }
}

/**
 * `baseUrl` must be an absolute http(s) URL with no query or fragment (the path is appended to it). A missing scheme
 * (`api.stackone.com`) would otherwise fail every call as a "connection" error, after retries. The value is not
 * echoed: it may carry userinfo.
 */
export function checkBaseUrl(baseUrl: unknown): void {
  let url: URL | undefined
  try {
    url = new URL(baseUrl as string)
  } catch {}
  // `?` and `#` on the raw string: an empty query or fragment (`https://x/?`) leaves url.search and url.hash empty.
  if (!url || !/^https?:$/.test(url.protocol) || /[?#]/.test(baseUrl as string)) {
    throw new ConfigurationError('baseUrl', `must be an absolute http(s) URL without query or fragment, like https://api.example.com, got ${typeOf(baseUrl)}`)
  }
}
