import { typeOf } from '../core/describe.js'
import { ConfigurationError } from '../errors.js'

/** A secret, or a function that returns the current one (called per request, so rotated keys are picked up). */
export type Credential = string | (() => string | Promise<string>)

/** A credential option: a function (called per request), or a non-empty string. */
export function requireCredential(value: unknown, field: string, factory: string): Credential {
  return typeof value === 'function' ? (value as Credential) : requireString(value, field, factory, 'a string or a function returning one')
}

/** Refuses a missing, empty or wrong-typed option at construction, naming it (never echoing a value: it may be a secret). */
export function requireString(value: unknown, field: string, factory: string, expected = 'a string'): string {
  if (typeof value === 'string' && value.trim() !== '') return value
  const problem =
    value === undefined ? `is missing (${factory} needs ${expected})` : typeof value === 'string' ? `is empty (${factory} needs ${expected})` : `must be ${expected}, got ${typeOf(value)}`
  throw new ConfigurationError(field, problem)
}

/**
 * `init` with extra headers, whatever form the caller's headers take: a plain object is copied as is (so openapi-
 * fetch's `null` = "unset" keeps working); a `Headers` object or an array of pairs is read entry by entry.
 */
export function withHeaders(init: Record<string, any>, extra: Record<string, string>): Record<string, any> {
  const h = init.headers
  return { ...init, headers: { ...(h instanceof Headers || Array.isArray(h) ? Object.fromEntries(new Headers(h)) : h), ...extra } }
}

export async function resolveCredential(value: Credential, field: string): Promise<string> {
  const resolved = typeof value === 'string' ? value : await value()
  if (typeof resolved !== 'string' || resolved === '') {
    throw new ConfigurationError(field, `gave no credential, got ${typeof resolved === 'string' ? 'an empty string' : typeOf(resolved)}`)
  }
  return resolved
}
