// Compares two versions of one schema in a direction and reports each difference as a Change.
//
// direction 'request'  (parameters, request bodies): what the caller may send. Narrowing (a new required field,
//                      a removed field or enum value, a tighter bound, a type or null no longer accepted) breaks
//                      callers; widening is additive.
// direction 'response' (response bodies, response headers): what the caller must handle. Widening (a field that
//                      may be absent or null, a new enum value or variant, a looser bound) breaks callers;
//                      narrowing is additive. Removing a response field is breaking; adding one is additive.
//
// Kinds are named `<direction>-<fact>-<narrowed|widened|...>` so that rules.mjs alone decides the severity.
// `readOnly` properties are not part of a request, `writeOnly` ones not part of a response. Keywords the
// classifier has no rule for (`not`, `if`/`then`/`else`, `prefixItems`, ...) are compared as JSON and a difference
// is reported as `<direction>-schema-changed` (breaking): unknown means "check by hand", never "ignore".
import { change } from './rules.mjs'
import { deref, refName, stable } from './refs.mjs'
import { MAX_KEYWORDS, MIN_KEYWORDS, normalize, typeIn } from './schema.mjs'

/** @typedef {import('./rules.mjs').Change} Change */
/** @typedef {import('./refs.mjs').Json} Json */
/** @typedef {import('./schema.mjs').NormalSchema} NormalSchema */
/** @typedef {import('./schema.mjs').VariantGroup} VariantGroup */
/** @typedef {'request' | 'response'} Direction */
/**
 * @typedef {object} SchemaContext
 * @property {Json} baseDoc
 * @property {Json} headDoc
 * @property {Direction} direction
 * @property {Change[]} out  changes are appended here
 * @property {Map<string, {kind: string, suffix: string, detail: string}[]>} [memo]  results of whole comparisons
 *   (started with an empty stack), keyed by direction and the two raw schemas: a component used by many
 *   operations is compared once
 */

/** Keywords that only document. */
export const DOC_KEYWORDS = ['title', 'summary', 'description', 'examples', 'example', 'externalDocs', '$comment', 'xml']
const CONSTRAINTS = [...MIN_KEYWORDS, ...MAX_KEYWORDS, 'multipleOf', 'pattern', 'format', 'uniqueItems']
const HANDLED = new Set([...DOC_KEYWORDS, ...CONSTRAINTS, 'default', 'readOnly', 'writeOnly', 'deprecated', 'discriminator'])

/** @param {string} key */
export const isParleyExtension = (key) => key.startsWith('x-parley-')

/**
 * Names of the documentation-only keys (and non-parley `x-*` extensions) that differ between two objects.
 * @param {Json | undefined} a @param {Json | undefined} b @param {string[]} [keys] @returns {string[]}
 */
export function docsDiff(a, b, keys = DOC_KEYWORDS) {
  const all = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])
  return [...all].filter(
    (k) => (keys.includes(k) || (k.startsWith('x-') && !isParleyExtension(k))) && stable(a?.[k]) !== stable(b?.[k]),
  )
}

/** @param {Set<string> | null} types @param {boolean} [nullable] */
const fmtType = (types, nullable = false) => {
  const list = types === null ? ['any'] : types.size ? [...types] : ['never']
  return [...list, ...(nullable ? ['null'] : [])].join(' | ')
}
/** @param {unknown[]} values */
const fmtValues = (values) => values.map((v) => JSON.stringify(v)).join(', ')

/**
 * @param {Set<string> | null} a @param {Set<string> | null} b
 * @returns {'same' | 'wider' | 'narrower' | 'different'} how b relates to a
 */
function typeRelation(a, b) {
  if (a === null && b === null) return 'same'
  if (a === null) return 'narrower'
  if (b === null) return 'wider'
  const aInB = [...a].every((t) => typeIn(t, b))
  const bInA = [...b].every((t) => typeIn(t, a))
  if (aInB && bInA) return 'same'
  if (aInB) return 'wider'
  if (bInA) return 'narrower'
  return 'different'
}

/**
 * @param {SchemaContext} ctx
 * @param {any} baseRaw
 * @param {any} headRaw
 * @param {string} where
 * @param {{stack?: Set<string>, ignoreNull?: boolean}} [opts]
 */
export function compareSchemas(ctx, baseRaw, headRaw, where, opts = {}) {
  if (opts.stack || !ctx.memo) return compareUncached(ctx, baseRaw, headRaw, where, opts)
  const key = `${ctx.direction}|${!!opts.ignoreNull}|${stable(baseRaw)}|${stable(headRaw)}`
  let cached = ctx.memo.get(key)
  if (!cached) {
    /** @type {Change[]} */
    const local = []
    compareUncached({ ...ctx, out: local }, baseRaw, headRaw, where, opts)
    cached = local.map((c) => ({ kind: c.kind, suffix: c.where.slice(where.length), detail: c.detail }))
    ctx.memo.set(key, cached)
  }
  for (const c of cached) ctx.out.push(change(c.kind, `${where}${c.suffix}`, c.detail))
}

/**
 * @param {SchemaContext} ctx @param {any} baseRaw @param {any} headRaw @param {string} where
 * @param {{stack?: Set<string>, ignoreNull?: boolean}} opts
 */
function compareUncached(ctx, baseRaw, headRaw, where, opts) {
  const { baseDoc, headDoc, direction: dir } = ctx
  const b = normalize(baseDoc, baseRaw)
  const h = normalize(headDoc, headRaw)
  const stack = opts.stack ?? new Set()
  const key = `${b.refs.join('>')}|${h.refs.join('>')}`
  if ((key !== '|' && stack.has(key)) || stack.size > 64) return
  const next = new Set(stack).add(key)
  const req = dir === 'request'
  /** @param {string} kind @param {string} detail */
  const emit = (kind, detail) => ctx.out.push(change(kind, where, detail))

  const docs = docsDiff(b.keywords, h.keywords)
  if (docs.length) emit('docs-changed', `schema ${docs.join(', ')} changed`)
  if (!!b.keywords.deprecated !== !!h.keywords.deprecated) {
    emit('deprecated', h.keywords.deprecated ? 'now deprecated' : 'no longer deprecated')
  }
  for (const k of new Set([...Object.keys(b.keywords), ...Object.keys(h.keywords)])) {
    if (isParleyExtension(k) && stable(b.keywords[k]) !== stable(h.keywords[k])) emit('extension-changed', `${k} changed`)
  }

  if (!opts.ignoreNull && b.nullable !== h.nullable) {
    if (h.nullable) emit(req ? 'request-type-widened' : 'response-field-made-nullable', req ? 'now accepts null' : 'may now be null')
    else emit(`${dir}-type-narrowed`, req ? 'no longer accepts null' : 'is never null any more')
  }

  // One side a union, the other a plain schema: compare as unions (the plain schema is a one-variant union).
  const bUnion = b.variantGroups.length > 0
  const hUnion = h.variantGroups.length > 0
  if (bUnion !== hUnion && isPureUnion(bUnion ? b : h)) {
    const group = /** @type {VariantGroup} */ ((bUnion ? b : h).variantGroups[0])
    // The plain schema takes the label of the variant it is (one of the $refs it resolves through, or its title).
    const plain = bUnion ? h : b
    const aliases = [...plain.refs.map(refName), plain.keywords.title]
    const label = group.variants.find((v) => v.label !== null && aliases.includes(v.label))?.label ?? null
    /** @type {VariantGroup} */
    const lifted = { keyword: group.keyword, variants: [{ label, schema: bUnion ? headRaw : baseRaw }] }
    compareGroup(ctx, bUnion ? group : lifted, bUnion ? lifted : group, where, next)
    return
  }

  // Types (skipped when a union decides the type and a side has no explicit `type`).
  if (!((bUnion || hUnion) && !(b.explicitType && h.explicitType))) {
    const rel = typeRelation(b.types, h.types)
    const detail = `type ${fmtType(b.types)} → ${fmtType(h.types)}`
    if (rel === 'wider') emit(`${dir}-type-widened`, detail)
    else if (rel === 'narrower') emit(`${dir}-type-narrowed`, detail)
    else if (rel === 'different') {
      emit(`${dir}-type-changed`, detail)
      return
    }
  }

  compareEnum(b, h, dir, emit)
  compareConstraints(b, h, dir, emit)
  compareDefault(b, h, dir, emit)

  const bDisc = b.keywords.discriminator?.propertyName
  const hDisc = h.keywords.discriminator?.propertyName
  if (bDisc !== hDisc) emit(`${dir}-schema-changed`, `discriminator property ${bDisc ?? '(none)'} → ${hDisc ?? '(none)'}`)

  for (const k of new Set([...Object.keys(b.keywords), ...Object.keys(h.keywords)])) {
    if (HANDLED.has(k) || k.startsWith('x-')) continue
    if (stable(b.keywords[k]) !== stable(h.keywords[k])) emit(`${dir}-schema-changed`, `\`${k}\` changed`)
  }

  compareProperties(ctx, b, h, where, next)
  compareAdditional(ctx, b, h, where, next, emit)
  if (b.items !== undefined || h.items !== undefined) {
    compareSchemas(ctx, b.items ?? {}, h.items ?? {}, `${where}[]`, { stack: next })
  }

  // Unions on both sides (or a union next to other constraints): pair the groups in order.
  const groups = Math.max(b.variantGroups.length, h.variantGroups.length)
  for (let i = 0; i < groups; i++) {
    const bg = b.variantGroups[i]
    const hg = h.variantGroups[i]
    if (!bg && hg) emit(`${dir}-type-narrowed`, `${hg.keyword} constraint added`)
    else if (bg && !hg) emit(`${dir}-type-widened`, `${bg.keyword} constraint removed`)
    else if (bg && hg) compareGroup(ctx, bg, hg, where, next)
  }
}

/** A schema whose only content is its union (and maybe a `type`). @param {NormalSchema} s */
const isPureUnion = (s) =>
  s.variantGroups.length === 1 &&
  Object.keys(s.properties).length === 0 &&
  s.required.size === 0 &&
  s.items === undefined &&
  s.additionalProperties === undefined &&
  s.enum === null

/**
 * @param {SchemaContext} ctx @param {VariantGroup} bg @param {VariantGroup} hg @param {string} where
 * @param {Set<string>} stack
 */
function compareGroup(ctx, bg, hg, where, stack) {
  const dir = ctx.direction
  /** @param {string} kind @param {string} detail */
  const emit = (kind, detail) => ctx.out.push(change(kind, where, detail))
  const lifted = bg.variants.length === 1 || hg.variants.length === 1
  if (!lifted && bg.keyword !== hg.keyword) {
    emit(bg.keyword === 'anyOf' ? `${dir}-type-narrowed` : `${dir}-type-widened`, `${bg.keyword} → ${hg.keyword}`)
  }
  const { pairs, removed, added } = matchVariants(ctx, bg, hg)
  if (lifted && pairs.length === 0) {
    // A plain schema replaced by a union (or the reverse) that contains nothing like it: one type change.
    /** @param {VariantGroup} g */
    const describe = (g) => (g.variants.length === 1 ? 'a single schema' : `${g.keyword} of ${g.variants.map((v, i) => v.label ?? `#${i + 1}`).join(' | ')}`)
    emit(`${dir}-type-changed`, `${describe(bg)} → ${describe(hg)}`)
    return
  }
  for (const [bv, hv, i] of pairs) {
    const label = hv.label ?? bv.label ?? `#${i + 1}`
    compareSchemas(ctx, bv.schema, hv.schema, `${where}(${label})`, { stack, ignoreNull: lifted })
  }
  for (const [v, i] of removed) emit(`${dir}-variant-removed`, `${bg.keyword} variant ${v.label ?? `#${i + 1}`} removed`)
  for (const [v, i] of added) emit(`${dir}-variant-added`, `${hg.keyword} variant ${v.label ?? `#${i + 1}`} added`)
}

/**
 * Pairs the variants of two unions: same label ($ref name, title, discriminator value), then same JSON, then
 * same `required` list, then same single type, then by position when as many are left on each side.
 * @param {SchemaContext} ctx @param {VariantGroup} bg @param {VariantGroup} hg
 */
function matchVariants(ctx, bg, hg) {
  const bLeft = bg.variants.map((v, i) => /** @type {[import('./schema.mjs').Variant, number]} */ ([v, i]))
  const hLeft = hg.variants.map((v, i) => /** @type {[import('./schema.mjs').Variant, number]} */ ([v, i]))
  /** @type {[import('./schema.mjs').Variant, import('./schema.mjs').Variant, number][]} */
  const pairs = []
  /** @param {(v: import('./schema.mjs').Variant, doc: Json) => string | null} keyOf */
  const pairBy = (keyOf) => {
    for (let bi = 0; bi < bLeft.length; bi++) {
      const [bv] = /** @type {[import('./schema.mjs').Variant, number]} */ (bLeft[bi])
      const k = keyOf(bv, ctx.baseDoc)
      if (k === null) continue
      const matches = hLeft.filter(([hv]) => keyOf(hv, ctx.headDoc) === k)
      const sameOnBase = bLeft.filter(([v]) => keyOf(v, ctx.baseDoc) === k)
      if (matches.length !== 1 || sameOnBase.length !== 1) continue
      const hi = hLeft.indexOf(/** @type {[import('./schema.mjs').Variant, number]} */ (matches[0]))
      const [hv, hIndex] = /** @type {[import('./schema.mjs').Variant, number]} */ (hLeft[hi])
      pairs.push([bv, hv, hIndex])
      bLeft.splice(bi--, 1)
      hLeft.splice(hi, 1)
    }
  }
  pairBy((v) => v.label)
  pairBy((v, doc) => stable(deref(doc, v.schema).value))
  pairBy((v, doc) => {
    const required = [...normalize(doc, v.schema).required].sort()
    return required.length ? required.join() : null
  })
  pairBy((v, doc) => {
    const types = normalize(doc, v.schema).types
    return types && types.size === 1 ? [...types].join() : null
  })
  if (bLeft.length === hLeft.length) {
    // As many unidentified variants on both sides: the same position is the same variant.
    bLeft.forEach(([bv], i) => {
      const [hv, hIndex] = /** @type {[import('./schema.mjs').Variant, number]} */ (hLeft[i])
      pairs.push([bv, hv, hIndex])
    })
    bLeft.length = 0
    hLeft.length = 0
  }
  return { pairs, removed: bLeft, added: hLeft }
}

/** @typedef {(kind: string, detail: string) => void} Emit */

/** @param {NormalSchema} b @param {NormalSchema} h @param {Direction} dir @param {Emit} emit */
function compareEnum(b, h, dir, emit) {
  if (b.enum === null && h.enum === null) return
  if (b.enum === null) return emit(`${dir}-enum-narrowed`, `now restricted to ${fmtValues(/** @type {unknown[]} */ (h.enum))}`)
  if (h.enum === null) return emit(`${dir}-enum-widened`, `no longer restricted to ${fmtValues(b.enum)}`)
  const bSet = new Set(b.enum.map(stable))
  const hSet = new Set(h.enum.map(stable))
  const removed = b.enum.filter((v) => !hSet.has(stable(v)))
  const added = h.enum.filter((v) => !bSet.has(stable(v)))
  if (removed.length) emit(`${dir}-enum-narrowed`, `value${removed.length > 1 ? 's' : ''} ${fmtValues(removed)} removed`)
  if (added.length) emit(`${dir}-enum-widened`, `value${added.length > 1 ? 's' : ''} ${fmtValues(added)} added`)
}

/** @param {NormalSchema} b @param {NormalSchema} h @param {Direction} dir @param {Emit} emit */
function compareConstraints(b, h, dir, emit) {
  /** @param {string} k @param {unknown} from @param {unknown} to */
  const detail = (k, from, to) => `${k} ${from === undefined ? '(none)' : JSON.stringify(from)} → ${to === undefined ? '(none)' : JSON.stringify(to)}`
  for (const k of CONSTRAINTS) {
    const from = b.keywords[k]
    const to = h.keywords[k]
    if (stable(from) === stable(to)) continue
    const isMin = MIN_KEYWORDS.includes(k)
    const isMax = MAX_KEYWORDS.includes(k)
    /** @type {'tightened' | 'loosened' | 'changed'} */
    let verdict
    if (isMin || isMax) {
      if ((from !== undefined && typeof from !== 'number') || (to !== undefined && typeof to !== 'number')) verdict = 'changed'
      else {
        const lo = isMin ? -Infinity : Infinity
        const f = /** @type {number} */ (from ?? lo)
        const t = /** @type {number} */ (to ?? lo)
        verdict = (isMin ? t > f : t < f) ? 'tightened' : 'loosened'
      }
    } else if (k === 'uniqueItems') verdict = to === true ? 'tightened' : 'loosened'
    else verdict = from === undefined ? 'tightened' : to === undefined ? 'loosened' : 'changed'
    emit(`${dir}-constraint-${verdict}`, detail(k, from, to))
  }
}

/** @param {NormalSchema} b @param {NormalSchema} h @param {Direction} dir @param {Emit} emit */
function compareDefault(b, h, dir, emit) {
  const from = b.keywords.default
  const to = h.keywords.default
  if (stable(from) === stable(to)) return
  const detail = `default ${from === undefined ? '(none)' : JSON.stringify(from)} → ${to === undefined ? '(none)' : JSON.stringify(to)}`
  // What the server assumes when a caller omits the field changes; adding or dropping a default only documents.
  if (dir === 'request' && from !== undefined && to !== undefined) emit('request-default-changed', detail)
  else emit('docs-changed', detail)
}

/**
 * @param {Json} doc @param {NormalSchema} s @param {Direction} dir
 * @returns {Map<string, any>} the properties that take part in this direction
 */
function visibleProperties(doc, s, dir) {
  const out = new Map()
  for (const name of new Set([...Object.keys(s.properties), ...s.required])) {
    const schema = s.properties[name] ?? {}
    const { value } = deref(doc, schema)
    const hidden = dir === 'request' ? value?.readOnly === true : value?.writeOnly === true
    if (!hidden) out.set(name, schema)
  }
  return out
}

/**
 * @param {SchemaContext} ctx @param {NormalSchema} b @param {NormalSchema} h @param {string} where
 * @param {Set<string>} stack
 */
function compareProperties(ctx, b, h, where, stack) {
  const req = ctx.direction === 'request'
  const bProps = visibleProperties(ctx.baseDoc, b, ctx.direction)
  const hProps = visibleProperties(ctx.headDoc, h, ctx.direction)
  /** @param {string} kind @param {string} at @param {string} detail */
  const emit = (kind, at, detail) => ctx.out.push(change(kind, at, detail))
  for (const [name, hSchema] of hProps) {
    const at = `${where}.${name}`
    const hReq = h.required.has(name)
    if (!bProps.has(name)) {
      if (req) emit(hReq ? 'request-field-added-required' : 'request-field-added-optional', at, `${name} added (${hReq ? 'required' : 'optional'})`)
      else emit('response-field-added', at, `${name} added (${hReq ? 'always present' : 'optional'})`)
      continue
    }
    const bReq = b.required.has(name)
    if (bReq !== hReq) {
      if (req) emit(hReq ? 'request-field-made-required' : 'request-field-made-optional', at, `${name} is now ${hReq ? 'required' : 'optional'}`)
      else emit(hReq ? 'response-field-made-required' : 'response-field-made-optional', at, `${name} is now ${hReq ? 'always present' : 'optional (may be absent)'}`)
    }
    compareSchemas(ctx, bProps.get(name), hSchema, at, { stack })
  }
  for (const name of bProps.keys()) {
    if (!hProps.has(name)) emit(req ? 'request-field-removed' : 'response-field-removed', `${where}.${name}`, `${name} removed`)
  }
}

/**
 * additionalProperties: `false` closes the object; absent and `true` both leave it open.
 * @param {SchemaContext} ctx @param {NormalSchema} b @param {NormalSchema} h @param {string} where
 * @param {Set<string>} stack @param {Emit} emit
 */
function compareAdditional(ctx, b, h, where, stack, emit) {
  const dir = ctx.direction
  /** @param {any} ap */
  const state = (ap) => (ap === false ? 'closed' : ap === undefined || ap === true ? 'open' : 'schema')
  const from = state(b.additionalProperties)
  const to = state(h.additionalProperties)
  if (from === 'schema' && to === 'schema') {
    compareSchemas(ctx, b.additionalProperties, h.additionalProperties, `${where}.*`, { stack })
  } else if (from !== to) {
    const rank = { closed: 0, schema: 1, open: 2 }
    emit(rank[to] > rank[from] ? `${dir}-type-widened` : `${dir}-type-narrowed`, `additionalProperties ${from} → ${to}`)
  }
}
