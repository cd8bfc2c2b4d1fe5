import { ConfigurationError } from '../errors.js'

/** A secret, or a function that returns the current one (called per request, so rotated keys are picked up). */
export type Credential = string | (() => string | Promise<string>)

/** Refuses a missing or empty credential at construction, naming the option (never echoing a value). */
export function requireCredential(value: unknown, field: string, factory: string): Credential {
  if (typeof value === 'function') return value as Credential
  if (typeof value === 'string' && value.trim() !== '') return value
  throw new ConfigurationError(field, `${factory}: option "${field}" is ${value === undefined ? 'missing' : 'empty or not a string'}`)
}

export async function resolveCredential(value: Credential, field: string): Promise<string> {
  if (typeof value === 'string') return value
  const resolved = await value()
  if (typeof resolved !== 'string' || resolved === '') {
    throw new ConfigurationError(field, `the "${field}" function returned no credential`)
  }
  return resolved
}

export function requireString(value: unknown, field: string, factory: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value
  throw new ConfigurationError(field, `${factory}: option "${field}" is ${value === undefined ? 'missing' : 'empty or not a string'}`)
}
