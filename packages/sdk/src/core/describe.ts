import { ConfigurationError } from '../errors.js'

/** The error for an option that is not what it must be: `${field} must be ${expected}, got ${value}`. */
export const mustBe = (field: string, expected: string, value: unknown): ConfigurationError =>
  new ConfigurationError(field, `must be ${expected}, got ${describe(value)}`)

/**
 * A value as an error message shows it: its type, and the value itself when it is a string, number or boolean.
 * Credentials are never passed here; their messages name only the type (`typeOf`).
 */
export const describe = (value: unknown): string =>
  typeof value === 'string' ? `the string ${JSON.stringify(value)}` : value && typeof value === 'object' ? typeOf(value) : String(value)

/** The type of a value, for messages about secrets: "a number", "an object", "undefined". */
export const typeOf = (value: unknown): string =>
  value == null ? String(value) : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`
