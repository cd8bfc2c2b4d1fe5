/**
 * A value as an error message shows it: its type, and the value itself when it is short and not a credential.
 * Credentials are never passed here; their messages name only the type.
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return typeOf(value)
}

/** The type of a value, for messages about secrets: "a number", "an object", "undefined". */
export function typeOf(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`
}
