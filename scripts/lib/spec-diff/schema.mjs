// Normalises a JSON Schema (OpenAPI 3.1 dialect) into the facts the classifier compares:
//   - $refs are followed (siblings override the target), `allOf` parts are merged into one schema (properties
//     united, `required` united, types / enums intersected, the tighter of two numeric bounds kept);
//   - nullability is one flag, whatever spelled it: `type: [x, 'null']`, `nullable: true` (3.0), `null` in an
//     `enum`, `const: null`, or a `{type: 'null'}` variant of `oneOf`/`anyOf`;
//   - `const` is a one-value `enum`; `enum` holds the non-null values;
//   - `oneOf`/`anyOf` become variant groups (null variants dropped; a group left with one variant is merged in,
//     so `oneOf: [$ref: X, type: 'null']` is "nullable X"); each variant is labelled by its $ref name, title or
//     discriminator value so that the same variant is found on both sides;
//   - without `type`, the type is inferred from `properties`/`items`/`enum`; otherwise it is "any" (null).
// Property, item and variant schemas stay raw: they are normalised when the comparison reaches them, which keeps
// recursive schemas finite.
import { deref, refName, stable } from './refs.mjs'

/** @typedef {import('./refs.mjs').Json} Json */
/** @typedef {{label: string | null, schema: any}} Variant */
/** @typedef {{keyword: 'oneOf' | 'anyOf', variants: Variant[]}} VariantGroup */
/**
 * @typedef {object} NormalSchema
 * @property {Set<string> | null} types  non-null JSON types; null = any type
 * @property {boolean} explicitType      `type` (or a merged part's `type`) was written
 * @property {boolean} nullable
 * @property {unknown[] | null} enum     allowed non-null values; null = unrestricted
 * @property {Record<string, any>} properties  raw property schemas
 * @property {Set<string>} required
 * @property {any} additionalProperties  undefined | boolean | raw schema
 * @property {any} items                 undefined | raw schema
 * @property {VariantGroup[]} variantGroups
 * @property {Record<string, any>} keywords  every other keyword: constraints, format, default, docs, x-*, ...
 * @property {string[]} refs             the $refs followed to reach this schema (cycle detection)
 */

/** Lower bounds: the larger is the tighter. */
export const MIN_KEYWORDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties']
/** Upper bounds: the smaller is the tighter. */
export const MAX_KEYWORDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties']

const STRUCTURAL = new Set(['$ref', 'type', 'nullable', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'allOf', 'oneOf', 'anyOf'])

/** @returns {NormalSchema} */
const empty = () => ({
  types: null,
  explicitType: false,
  nullable: false,
  enum: null,
  properties: {},
  required: new Set(),
  additionalProperties: undefined,
  items: undefined,
  variantGroups: [],
  keywords: {},
  refs: [],
})

/** Is `type` a subtype of a member of `set`? (`integer` is a `number`.) @param {string} type @param {Set<string>} set */
export const typeIn = (type, set) => set.has(type) || (type === 'integer' && set.has('number'))

/** @param {Json} doc @param {any} raw @returns {boolean} */
function isNullSchema(doc, raw) {
  const { value } = deref(doc, raw)
  if (!value || typeof value !== 'object') return false
  if (value.type === 'null' || (Array.isArray(value.type) && value.type.length === 1 && value.type[0] === 'null')) return true
  if ('const' in value && value.const === null) return true
  return Array.isArray(value.enum) && value.enum.length === 1 && value.enum[0] === null
}

/** @param {Json} doc @param {any} raw @param {Json} parent @returns {string | null} */
function variantLabel(doc, raw, parent) {
  if (raw && typeof raw.$ref === 'string') return refName(raw.$ref)
  const { value } = deref(doc, raw)
  if (value && typeof value.title === 'string') return value.title
  const prop = parent.discriminator?.propertyName
  const tag = prop && value?.properties?.[prop]
  if (tag && 'const' in tag) return String(tag.const)
  if (tag && Array.isArray(tag.enum) && tag.enum.length === 1) return String(tag.enum[0])
  return null
}

/** @param {string} ref */
const isLocal = (ref) => ref.startsWith('#')

/**
 * @param {Json} doc the document the schema belongs to
 * @param {any} raw a schema, possibly a $ref
 * @param {number} [depth]
 * @returns {NormalSchema}
 */
export function normalize(doc, raw, depth = 0) {
  const out = empty()
  const { value, refs } = deref(doc, raw)
  out.refs = refs
  if (value === false) {
    out.types = new Set()
    out.explicitType = true
    return out
  }
  if (!value || typeof value !== 'object' || depth > 32) return out
  if (typeof value.$ref === 'string') {
    // Unresolvable (external or dangling): compared as an opaque keyword.
    out.keywords.$ref = isLocal(value.$ref) ? `${value.$ref} (unresolved)` : value.$ref
  }

  if (value.type !== undefined) {
    /** @type {string[]} */
    const list = Array.isArray(value.type) ? value.type : [value.type]
    out.explicitType = true
    out.nullable = list.includes('null')
    out.types = new Set(list.filter((t) => t !== 'null'))
  }
  if (value.nullable === true) out.nullable = true
  /** @type {unknown[] | null} */
  const values = 'const' in value ? [value.const] : Array.isArray(value.enum) ? value.enum : null
  if (values) {
    if (values.includes(null)) out.nullable = true
    out.enum = values.filter((v) => v !== null)
  }
  if (value.properties && typeof value.properties === 'object') out.properties = { ...value.properties }
  if (Array.isArray(value.required)) out.required = new Set(value.required)
  out.additionalProperties = value.additionalProperties
  out.items = value.items
  for (const [key, v] of Object.entries(value)) if (!STRUCTURAL.has(key)) out.keywords[key] = v

  let result = out
  for (const keyword of /** @type {const} */ (['oneOf', 'anyOf'])) {
    const list = value[keyword]
    if (!Array.isArray(list)) continue
    const nonNull = list.filter((v) => !isNullSchema(doc, v))
    const withNull = nonNull.length < list.length
    if (nonNull.length === 1) {
      // `oneOf: [X, {type: 'null'}]` is X or null: merge X in, then restore the null the union allowed.
      result = merge(result, normalize(doc, nonNull[0], depth + 1))
      if (withNull) result.nullable = true
      if (value.discriminator && !result.variantGroups.length) delete result.keywords.discriminator
    } else {
      if (withNull) result.nullable = true
      if (nonNull.length > 1) {
        result.variantGroups.push({ keyword, variants: nonNull.map((schema) => ({ label: variantLabel(doc, schema, value), schema })) })
      }
    }
  }
  if (Array.isArray(value.allOf)) for (const part of value.allOf) result = merge(result, normalize(doc, part, depth + 1))
  if (!result.explicitType && result.variantGroups.length === 0) result.types = inferTypes(result)
  return result
}

/** @param {NormalSchema} s @returns {Set<string> | null} */
function inferTypes(s) {
  if (Object.keys(s.properties).length || s.required.size || s.additionalProperties !== undefined) return new Set(['object'])
  if (s.items !== undefined) return new Set(['array'])
  if (s.enum && s.enum.length) {
    return new Set(s.enum.map((v) => (Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)))
  }
  return s.types
}

/** @param {NormalSchema} s */
const constrainsType = (s) => s.explicitType || s.enum !== null

/**
 * allOf: the intersection of two schemas. Docs keywords of the outer schema win.
 * @param {NormalSchema} a @param {NormalSchema} b @returns {NormalSchema}
 */
export function merge(a, b) {
  const out = empty()
  out.refs = [...a.refs, ...b.refs]
  if (a.types && b.types) {
    const types = new Set([...a.types].filter((t) => typeIn(t, /** @type {Set<string>} */ (b.types))))
    for (const t of b.types) if (t === 'integer' && a.types.has('number')) types.add(t)
    out.types = types
  } else out.types = a.types ?? b.types
  out.explicitType = a.explicitType || b.explicitType
  out.nullable = (a.nullable || b.nullable) && (a.nullable || !constrainsType(a)) && (b.nullable || !constrainsType(b))
  if (a.enum && b.enum) {
    const keep = new Set(b.enum.map(stable))
    out.enum = a.enum.filter((v) => keep.has(stable(v)))
  } else out.enum = a.enum ?? b.enum
  out.properties = { ...a.properties }
  for (const [name, schema] of Object.entries(b.properties)) {
    out.properties[name] = name in out.properties ? { allOf: [out.properties[name], schema] } : schema
  }
  out.required = new Set([...a.required, ...b.required])
  const ap = [a.additionalProperties, b.additionalProperties].filter((x) => x !== undefined && x !== true)
  out.additionalProperties = ap.includes(false) ? false : ap.length === 2 ? { allOf: ap } : ap[0] ?? a.additionalProperties ?? b.additionalProperties
  out.items = a.items !== undefined && b.items !== undefined ? { allOf: [a.items, b.items] } : a.items ?? b.items
  out.variantGroups = [...a.variantGroups, ...b.variantGroups]
  out.keywords = { ...b.keywords, ...a.keywords }
  for (const key of MIN_KEYWORDS) {
    const vals = [a.keywords[key], b.keywords[key]].filter((v) => typeof v === 'number')
    if (vals.length) out.keywords[key] = Math.max(...vals)
  }
  for (const key of MAX_KEYWORDS) {
    const vals = [a.keywords[key], b.keywords[key]].filter((v) => typeof v === 'number')
    if (vals.length) out.keywords[key] = Math.min(...vals)
  }
  return out
}
