import { ConfigurationError } from '../errors.js'

/** A secret, or a function that returns the current one (called per request, so rotated keys are picked up). */
export type Credential = string | (() => string | Promise<string>)

/** A credential option: a function (called per request), or a non-empty string. */
export function requireCredential(value: unknown, field: string, factory: string): Credential {
  return typeof value === 'function' ? (value as Credential) : requireString(value, field, factory)
}

/** Refuses a missing or empty option at construction, naming it (never echoing a value). */
export function requireString(value: unknown, field: string, factory: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value
  throw new ConfigurationError(field, `is missing or empty (${factory} needs it)`)
}

/**
 * `init` with extra headers, whatever form the caller's headers take: a plain object is copied as is (so openapi-
 * fetch's `null` = "unset" keeps working); a `Headers` object or an array of pairs is read entry by entry.
 */
export function withHeaders(init: Record<string, any>, extra: Record<string, string>): Record<string, any> {
  const h = init.headers
  // Object.assign, not a spread that adds keys: see pagination/stackone.ts.
  return { ...init, headers: Object.assign({}, h instanceof Headers || Array.isArray(h) ? Object.fromEntries(new Headers(h)) : h, extra) }
}

export async function resolveCredential(value: Credential, field: string): Promise<string> {
  const resolved = typeof value === 'string' ? value : await value()
  if (typeof resolved !== 'string' || resolved === '') {
    throw new ConfigurationError(field, 'gave no credential')
  }
  return resolved
}
