// $ref resolution inside one OpenAPI document. Only local JSON pointers (`#/components/...`) are followed; the
// Parley specs are single files. An external or dangling $ref stays unresolved, so it is compared as an opaque
// string by the caller.

/** @typedef {Record<string, any>} Json */

/** @param {string} token */
const unescape = (token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~')

/** @param {Json} doc @param {string} ref @returns {any} the target, or undefined */
export function pointer(doc, ref) {
  if (!ref.startsWith('#')) return undefined
  /** @type {any} */
  let node = doc
  for (const token of ref.slice(1).split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined
    node = node[unescape(token)]
  }
  return node
}

/** The last segment of a $ref (`#/components/schemas/Message` -> `Message`). @param {string} ref */
export const refName = (ref) => unescape(ref.split('/').pop() ?? ref)

/**
 * Follows a chain of $refs. OpenAPI 3.1 allows siblings next to $ref (description, summary): they override the
 * target's, which is what a reader of the spec sees.
 * @param {Json} doc @param {any} node
 * @returns {{value: any, refs: string[]}} the resolved object and the refs followed to reach it
 */
export function deref(doc, node) {
  /** @type {string[]} */
  const refs = []
  let value = node
  while (value && typeof value === 'object' && typeof value.$ref === 'string') {
    const ref = value.$ref
    const target = pointer(doc, ref)
    if (target === undefined || refs.includes(ref)) break
    refs.push(ref)
    const { $ref: _ignored, ...siblings } = value
    value = Object.keys(siblings).length && target && typeof target === 'object' ? { ...target, ...siblings } : target
  }
  return { value, refs }
}

/** Deterministic JSON (sorted keys), for structural equality. @param {unknown} value @returns {string} */
export function stable(value) {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(/** @type {any} */ (value)[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}
