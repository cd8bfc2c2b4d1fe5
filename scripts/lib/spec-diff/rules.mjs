// The kind vocabulary of `pnpm spec:diff`: every change the classifier can report, how much it matters to the
// users of the generated package, and the semver bump that follows.
//
// Severities:
//   breaking  code that compiled (or requests that succeeded, or responses that were handled) against the old
//             spec may fail against the new one
//   additive  new surface or a looser request / stricter response: existing code keeps working
//   docs      descriptions, summaries, titles, examples, tags, non-parley `x-*` extensions
//
// Request-side rules (parameters, request bodies) follow "what may the caller send": narrowing is breaking,
// widening is additive. Response-side rules are the reverse, "what must the caller handle": anything the server
// may now return that it did not before (a field that may be absent or null, a new enum value, a looser
// constraint, a new success status) is breaking; a stricter guarantee is additive.
//
// Webhooks (the events a vendor POSTs to the user) are read by the user's receiver: their bodies follow the
// response-side rules, and an event removed is breaking while one added is additive.
//
// Bump: any breaking change -> major, else any additive -> minor, else any docs -> patch, else none. The
// packages are 0.x: changesets' "major" still means "breaking" here (it turns 0.1.0 into 1.0.0 unless the
// release process decides otherwise), so a reviewer sees the breaking change instead of a silent minor.

/** @typedef {'breaking' | 'additive' | 'docs'} Severity */
/** @typedef {'major' | 'minor' | 'patch' | 'none'} Bump */
/**
 * @typedef {object} Change
 * @property {string} kind     one of the KINDS keys
 * @property {boolean} breaking
 * @property {string} where    e.g. `POST /conversations/messages requestBody.visitorId`
 * @property {string} detail   human sentence: what changed, old -> new
 */

/** @type {Record<string, {severity: Severity, label: string}>} */
export const KINDS = {
  // Whole spec / operations
  'spec-removed': { severity: 'breaking', label: 'spec removed' },
  'operation-removed': { severity: 'breaking', label: 'operation removed' },
  'operation-added': { severity: 'additive', label: 'operation added' },
  'operation-id-changed': { severity: 'breaking', label: 'operationId changed' },
  deprecated: { severity: 'additive', label: 'deprecation changed' },
  // x-parley-* extensions (read by the SDK's retry and pagination helpers)
  'idempotency-removed': { severity: 'breaking', label: 'operation no longer idempotent (no automatic retries)' },
  'idempotency-added': { severity: 'additive', label: 'operation now idempotent (retried automatically)' },
  'pagination-added': { severity: 'additive', label: 'pagination added' },
  'pagination-removed': { severity: 'breaking', label: 'pagination removed' },
  'pagination-changed': { severity: 'breaking', label: 'pagination changed' },
  'extension-changed': { severity: 'additive', label: 'x-parley extension changed' },
  // Parameters (path, query, header, cookie)
  'parameter-removed': { severity: 'breaking', label: 'parameter removed' },
  'parameter-added-required': { severity: 'breaking', label: 'required parameter added' },
  'parameter-added-optional': { severity: 'additive', label: 'optional parameter added' },
  'parameter-made-required': { severity: 'breaking', label: 'parameter made required' },
  'parameter-made-optional': { severity: 'additive', label: 'parameter made optional' },
  'parameter-serialization-changed': { severity: 'breaking', label: 'parameter serialization changed' },
  // Request body
  'request-body-added-required': { severity: 'breaking', label: 'required request body added' },
  'request-body-added-optional': { severity: 'additive', label: 'optional request body added' },
  'request-body-removed': { severity: 'breaking', label: 'request body removed' },
  'request-body-made-required': { severity: 'breaking', label: 'request body made required' },
  'request-body-made-optional': { severity: 'additive', label: 'request body made optional' },
  'request-media-type-added': { severity: 'additive', label: 'request media type added' },
  'request-media-type-removed': { severity: 'breaking', label: 'request media type removed' },
  // Request schemas (body and parameter schemas): narrowing breaks callers
  'request-field-added-required': { severity: 'breaking', label: 'required request field added' },
  'request-field-added-optional': { severity: 'additive', label: 'optional request field added' },
  'request-field-removed': { severity: 'breaking', label: 'request field removed' },
  'request-field-made-required': { severity: 'breaking', label: 'request field made required' },
  'request-field-made-optional': { severity: 'additive', label: 'request field made optional' },
  'request-type-narrowed': { severity: 'breaking', label: 'request type narrowed' },
  'request-type-widened': { severity: 'additive', label: 'request type widened' },
  'request-type-changed': { severity: 'breaking', label: 'request type changed' },
  'request-enum-narrowed': { severity: 'breaking', label: 'request enum narrowed' },
  'request-enum-widened': { severity: 'additive', label: 'request enum widened' },
  'request-variant-removed': { severity: 'breaking', label: 'request oneOf/anyOf variant removed' },
  'request-variant-added': { severity: 'additive', label: 'request oneOf/anyOf variant added' },
  'request-constraint-tightened': { severity: 'breaking', label: 'request constraint tightened' },
  'request-constraint-loosened': { severity: 'additive', label: 'request constraint loosened' },
  'request-constraint-changed': { severity: 'breaking', label: 'request constraint changed' },
  'request-default-changed': { severity: 'breaking', label: 'request default changed' },
  'request-schema-changed': { severity: 'breaking', label: 'request schema changed' },
  // Responses
  'response-status-added': { severity: 'breaking', label: 'success status added' },
  'response-status-removed': { severity: 'breaking', label: 'success status removed' },
  'error-status-added': { severity: 'additive', label: 'error status added' },
  'error-status-removed': { severity: 'additive', label: 'error status removed' },
  'response-body-added': { severity: 'additive', label: 'response body added' },
  'response-body-removed': { severity: 'breaking', label: 'response body removed' },
  'response-media-type-added': { severity: 'additive', label: 'response media type added' },
  'response-media-type-removed': { severity: 'breaking', label: 'response media type removed' },
  'response-header-added': { severity: 'additive', label: 'response header added' },
  'response-header-removed': { severity: 'breaking', label: 'response header removed' },
  'response-header-made-optional': { severity: 'breaking', label: 'response header made optional' },
  'response-header-made-required': { severity: 'additive', label: 'response header made required' },
  // Response schemas (bodies and headers): widening breaks callers
  'response-field-removed': { severity: 'breaking', label: 'response field removed' },
  'response-field-added': { severity: 'additive', label: 'response field added' },
  'response-field-made-optional': { severity: 'breaking', label: 'response field made optional' },
  'response-field-made-required': { severity: 'additive', label: 'response field made required' },
  'response-field-made-nullable': { severity: 'breaking', label: 'response field made nullable' },
  'response-type-widened': { severity: 'breaking', label: 'response type widened' },
  'response-type-narrowed': { severity: 'additive', label: 'response type narrowed' },
  'response-type-changed': { severity: 'breaking', label: 'response type changed' },
  'response-enum-widened': { severity: 'breaking', label: 'response enum widened' },
  'response-enum-narrowed': { severity: 'additive', label: 'response enum narrowed' },
  'response-variant-added': { severity: 'breaking', label: 'response oneOf/anyOf variant added' },
  'response-variant-removed': { severity: 'additive', label: 'response oneOf/anyOf variant removed' },
  'response-constraint-loosened': { severity: 'breaking', label: 'response constraint loosened' },
  'response-constraint-tightened': { severity: 'additive', label: 'response constraint tightened' },
  'response-constraint-changed': { severity: 'breaking', label: 'response constraint changed' },
  'response-schema-changed': { severity: 'breaking', label: 'response schema changed' },
  // Webhooks (inbound events), from the receiver's side; their bodies use the response kinds
  'webhook-removed': { severity: 'breaking', label: 'webhook event removed' },
  'webhook-added': { severity: 'additive', label: 'webhook event added' },
  'webhook-parameter-removed': { severity: 'breaking', label: 'webhook parameter removed' },
  'webhook-parameter-added': { severity: 'additive', label: 'webhook parameter added' },
  'webhook-parameter-made-optional': { severity: 'breaking', label: 'webhook parameter made optional' },
  'webhook-parameter-made-required': { severity: 'additive', label: 'webhook parameter made required' },
  // Servers, security, exported component types
  'server-changed': { severity: 'breaking', label: 'server changed' },
  'server-added': { severity: 'additive', label: 'server added' },
  'security-changed': { severity: 'breaking', label: 'security requirement changed' },
  'security-alternative-added': { severity: 'additive', label: 'security alternative added' },
  'security-scheme-changed': { severity: 'breaking', label: 'security scheme changed' },
  'component-removed': { severity: 'breaking', label: 'component removed (exported type gone)' },
  'component-added': { severity: 'additive', label: 'component added' },
  // Documentation only
  'docs-changed': { severity: 'docs', label: 'documentation changed' },
}

/** @param {string} kind @returns {Severity} */
export function severityOf(kind) {
  const rule = KINDS[kind]
  if (!rule) throw new Error(`spec-diff: unknown change kind "${kind}"`)
  return rule.severity
}

/** @param {string} kind @param {string} where @param {string} detail @returns {Change} */
export function change(kind, where, detail) {
  return { kind, breaking: severityOf(kind) === 'breaking', where, detail }
}

/** @param {Change[]} changes @returns {Bump} */
export function bumpFor(changes) {
  const severities = new Set(changes.map((c) => severityOf(c.kind)))
  if (severities.has('breaking')) return 'major'
  if (severities.has('additive')) return 'minor'
  if (severities.has('docs')) return 'patch'
  return 'none'
}

const ORDER = { breaking: 0, additive: 1, docs: 2 }

/** Breaking first, then additive, then docs; stable within a severity. Drops exact duplicates. @param {Change[]} changes */
export function sortChanges(changes) {
  const seen = new Set()
  const unique = changes.filter((c) => {
    const key = `${c.kind}\u0000${c.where}\u0000${c.detail}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return unique
    .map((c, i) => ({ c, i }))
    .sort((a, b) => ORDER[severityOf(a.c.kind)] - ORDER[severityOf(b.c.kind)] || a.i - b.i)
    .map(({ c }) => c)
}
