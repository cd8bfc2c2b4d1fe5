// Walks two versions of one OpenAPI 3.1 document and lists every change that matters to the users of the package
// generated from it (@parley/<name>: `paths`/`components`/`operations` types, the `operations` metadata map, the
// SDK's retry and pagination helpers). The structural classifier decides alone; see rules.mjs for the severities.
//
// What is compared, and how:
//   operations     keyed by `METHOD /path`: a path or method change is a removal plus an addition (breaking);
//                  operationId (a key of the exported `operations` map and types), deprecation, docs
//   x-parley-*     idempotent true -> false is breaking (the SDK stops retrying the operation), false -> true is
//                  additive; pagination added is additive, removed or changed is breaking; other x-parley-* keys
//                  are additive; any other x-* extension is documentation
//   parameters     keyed by `in.name` (header names case-insensitive), path-level ones merged under the
//                  operation's; required-ness, style/explode (serialization), schema in the request direction
//   requestBody    presence, required-ness, media types, schema in the request direction
//   responses      status codes (a 2xx added or removed is breaking, an error status is additive either way), body
//                  presence, media types, headers (presence, required-ness, schema) and body schemas, all in the
//                  response direction
//   servers        top-level, path- and operation-level: the default (first) URL changed or a URL removed is
//                  breaking, a URL appended is additive
//   security       top-level, and per operation when it declares its own: an alternative removed (or changed) is
//                  breaking, an alternative added is additive; a changed security scheme is breaking
//   webhooks       keyed by event name (`WEBHOOK <name>`), for the receivers of the events, so in the response
//                  direction ("what must the receiver handle"): an event removed is breaking, one added is
//                  additive; a parameter (the vendor's signature or token) removed or made optional is breaking,
//                  one added or made required is additive; the JSON body is compared like a response body (a payload
//                  field removed, made optional or nullable, a new enum value or union variant is breaking; a field
//                  added is additive). Each webhook's body is its own, so a new event does not widen another's.
//   components     a schema/response/parameter/requestBody/header/pathItem removed is breaking (its exported
//                  `components[...]` type is gone), one added is additive; their content is compared where the
//                  operations use them
//   docs           info, tags, summaries, descriptions, examples -> docs-changed
import { compareSchemas, docsDiff, isParleyExtension } from './compare-schema.mjs'
import { bumpFor, change, sortChanges } from './rules.mjs'
import { deref, stable } from './refs.mjs'

/** @typedef {import('./rules.mjs').Change} Change */
/** @typedef {import('./rules.mjs').Bump} Bump */
/** @typedef {import('./refs.mjs').Json} Json */
/** @typedef {{bump: Bump, changes: Change[]}} SpecDiff */
/** @typedef {{path: string, method: string, item: Json, op: Json}} Operation */

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const COMPONENT_SECTIONS = ['schemas', 'responses', 'parameters', 'requestBodies', 'headers', 'pathItems']

/**
 * Classifies the changes between two versions of a spec. `base` null: the spec is new (every operation added);
 * `head` null: the spec was deleted.
 * @param {Json | null} base @param {Json | null} head @returns {SpecDiff}
 */
export function diffSpecs(base, head) {
  /** @type {Change[]} */
  const out = []
  if (base && !head) out.push(change('spec-removed', 'spec', 'the spec was deleted: every operation of the package is gone'))
  else if (!base && head) {
    for (const [key, { op }] of operationsOf(head)) out.push(change('operation-added', key, `${op.operationId ?? key} added (new spec)`))
    for (const key of webhooksOf(head).keys()) out.push(change('webhook-added', key, `${key.slice('WEBHOOK '.length)} added (new spec)`))
  } else if (base && head) compareDocuments(base, head, out)
  const changes = sortChanges(out)
  return { bump: bumpFor(changes), changes }
}

/** @param {Json} doc @returns {Map<string, Operation>} */
export function operationsOf(doc) {
  const ops = new Map()
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem).value ?? {}
    for (const method of HTTP_METHODS) {
      const op = item[method]
      if (op && typeof op === 'object') ops.set(`${method.toUpperCase()} ${path}`, { path, method, item, op })
    }
  }
  return ops
}

/** One schema-comparison memo per pair of documents (see compare-schema.mjs). */
const memos = new WeakMap()
/** @param {Json} base @param {Json} head @returns {Map<string, any>} */
function memoOf(base, head) {
  let byHead = memos.get(base)
  if (!byHead) memos.set(base, (byHead = new WeakMap()))
  let memo = byHead.get(head)
  if (!memo) byHead.set(head, (memo = new Map()))
  return memo
}

/** @param {Json} base @param {Json} head @param {Change[]} out */
function compareDocuments(base, head, out) {
  /** @param {string} kind @param {string} where @param {string} detail */
  const emit = (kind, where, detail) => out.push(change(kind, where, detail))

  const info = docsDiff(base.info, head.info, ['title', 'summary', 'description', 'version', 'termsOfService', 'contact', 'license'])
  if (info.length) emit('docs-changed', 'info', `${info.join(', ')} changed`)
  const top = docsDiff(base, head, ['tags', 'externalDocs', 'openapi'])
  if (top.length) emit('docs-changed', 'document', `${top.join(', ')} changed`)
  extensionChanges(base, head, 'document', emit)

  compareServers(base.servers, head.servers, 'servers', emit)
  compareSecurity(base.security, head.security, 'security', emit)
  compareSecuritySchemes(base, head, emit)
  compareComponentNames(base, head, emit)

  const bOps = operationsOf(base)
  const hOps = operationsOf(head)
  /** @param {Map<string, Operation>} ops @param {string} id */
  const byId = (ops, id) => [...ops].find(([, o]) => id !== undefined && o.op.operationId === id)?.[0]
  for (const [key, { op }] of bOps) {
    if (hOps.has(key)) continue
    const movedTo = byId(hOps, op.operationId)
    emit('operation-removed', key, movedTo && !bOps.has(movedTo) ? `${op.operationId} moved to ${movedTo}` : `${op.operationId ?? key} removed`)
  }
  for (const [key, { op }] of hOps) {
    if (bOps.has(key)) continue
    const movedFrom = byId(bOps, op.operationId)
    emit('operation-added', key, movedFrom && !hOps.has(movedFrom) ? `${op.operationId} moved from ${movedFrom}` : `${op.operationId ?? key} added`)
  }
  for (const [key, b] of bOps) {
    const h = hOps.get(key)
    if (h) compareOperation(base, head, key, b, h, out)
  }
  compareWebhooks(base, head, out)
}

/**
 * The inbound events of a spec (OpenAPI 3.1 `webhooks`), keyed `WEBHOOK <name>` (plus the method when it is not
 * POST, the only one vendors use).
 * @param {Json} doc @returns {Map<string, Json>} key -> operation
 */
export function webhooksOf(doc) {
  const out = new Map()
  for (const [name, rawItem] of Object.entries(doc.webhooks ?? {})) {
    const item = deref(doc, rawItem).value ?? {}
    for (const method of HTTP_METHODS) {
      const op = item[method]
      if (op && typeof op === 'object') out.set(`WEBHOOK ${name}${method === 'post' ? '' : ` ${method.toUpperCase()}`}`, op)
    }
  }
  return out
}

/** @param {Json} base @param {Json} head @param {Change[]} out */
function compareWebhooks(base, head, out) {
  /** @param {string} kind @param {string} where @param {string} detail */
  const emit = (kind, where, detail) => out.push(change(kind, where, detail))
  const bHooks = webhooksOf(base)
  const hHooks = webhooksOf(head)
  const name = (/** @type {string} */ key) => key.slice('WEBHOOK '.length)
  for (const key of bHooks.keys()) if (!hHooks.has(key)) emit('webhook-removed', key, `event ${name(key)} removed: receivers lose its type`)
  for (const key of hHooks.keys()) if (!bHooks.has(key)) emit('webhook-added', key, `event ${name(key)} added`)
  for (const [key, bOp] of bHooks) {
    const hOp = hHooks.get(key)
    if (!hOp) continue
    // The operationId names the webhook's entry in the exported `operations` type.
    if (bOp.operationId !== hOp.operationId) emit('operation-id-changed', key, `operationId ${bOp.operationId} → ${hOp.operationId}`)
    const docs = docsDiff(bOp, hOp, ['summary', 'description', 'externalDocs', 'tags'])
    if (docs.length) emit('docs-changed', key, `${docs.join(', ')} changed`)
    if (!!bOp.deprecated !== !!hOp.deprecated) emit('deprecated', key, hOp.deprecated ? 'event now deprecated' : 'event no longer deprecated')
    compareWebhookParameters(base, head, key, bOp, hOp, out)
    const bBody = deref(base, bOp.requestBody).value
    const hBody = deref(head, hOp.requestBody).value
    if (docsDiff(bBody, hBody, ['description']).length) emit('docs-changed', `${key} body`, 'description changed')
    compareContent(base, head, 'response', `${key} body`, bBody?.content ?? {}, hBody?.content ?? {}, out)
  }
}

/**
 * What the vendor sends with a delivery (its signature header, its token), from the receiver's side.
 * @param {Json} base @param {Json} head @param {string} key @param {Json} bOp @param {Json} hOp @param {Change[]} out
 */
function compareWebhookParameters(base, head, key, bOp, hOp, out) {
  /** @param {Json} doc @param {Json} op @returns {Map<string, Json>} */
  const byId = (doc, op) => {
    const params = new Map()
    for (const raw of op.parameters ?? []) {
      const p = deref(doc, raw).value
      if (p && typeof p.name === 'string') params.set(`${p.in}.${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p)
    }
    return params
  }
  const bParams = byId(base, bOp)
  const hParams = byId(head, hOp)
  for (const [id, hp] of hParams) {
    const where = `${key} ${id}`
    const bp = bParams.get(id)
    if (!bp) {
      out.push(change('webhook-parameter-added', where, `${hp.in} parameter ${hp.name} added`))
      continue
    }
    if (!!bp.required !== !!hp.required) {
      out.push(change(hp.required ? 'webhook-parameter-made-required' : 'webhook-parameter-made-optional', where, `${hp.name} is now ${hp.required ? 'always sent' : 'optional (may be absent)'}`))
    }
    const docs = docsDiff(bp, hp, ['description', 'example', 'examples'])
    if (docs.length) out.push(change('docs-changed', where, `${docs.join(', ')} changed`))
    compareSchemas({ baseDoc: base, headDoc: head, direction: 'response', out, memo: memoOf(base, head) }, parameterSchema(bp), parameterSchema(hp), where)
  }
  for (const [id, bp] of bParams) {
    if (!hParams.has(id)) out.push(change('webhook-parameter-removed', `${key} ${id}`, `${bp.in} parameter ${bp.name} removed`))
  }
}

/**
 * @param {Json | undefined} a @param {Json | undefined} b @param {string} where
 * @param {(kind: string, where: string, detail: string) => void} emit
 */
function extensionChanges(a, b, where, emit) {
  for (const k of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
    if (isParleyExtension(k) && stable(a?.[k]) !== stable(b?.[k])) emit('extension-changed', where, `${k} changed`)
  }
}

/**
 * @param {Json} base @param {Json} head @param {string} key @param {Operation} b @param {Operation} h
 * @param {Change[]} out
 */
function compareOperation(base, head, key, b, h, out) {
  /** @param {string} kind @param {string} where @param {string} detail */
  const emit = (kind, where, detail) => out.push(change(kind, where, detail))
  const bOp = b.op
  const hOp = h.op

  if (bOp.operationId !== hOp.operationId) emit('operation-id-changed', key, `operationId ${bOp.operationId} → ${hOp.operationId}`)
  const docs = [
    ...docsDiff(bOp, hOp, ['summary', 'description', 'externalDocs', 'tags']),
    ...docsDiff(b.item, h.item, ['summary', 'description']).map((k) => `path ${k}`),
  ]
  if (docs.length) emit('docs-changed', key, `${docs.join(', ')} changed`)
  if (!!bOp.deprecated !== !!hOp.deprecated) emit('deprecated', key, hOp.deprecated ? 'operation now deprecated' : 'operation no longer deprecated')

  const bIdem = bOp['x-parley-idempotent'] === true
  const hIdem = hOp['x-parley-idempotent'] === true
  if (bIdem && !hIdem) emit('idempotency-removed', key, 'x-parley-idempotent true → false: the SDK no longer retries it')
  if (!bIdem && hIdem) emit('idempotency-added', key, 'x-parley-idempotent false → true: the SDK may now retry it')
  const bPage = bOp['x-parley-pagination']
  const hPage = hOp['x-parley-pagination']
  if (bPage === undefined && hPage !== undefined) emit('pagination-added', key, `x-parley-pagination added (${hPage?.dialect}, items ${hPage?.items})`)
  else if (bPage !== undefined && hPage === undefined) emit('pagination-removed', key, 'x-parley-pagination removed')
  else if (stable(bPage) !== stable(hPage)) emit('pagination-changed', key, `x-parley-pagination ${stable(bPage)} → ${stable(hPage)}`)
  const otherExt = (/** @type {Json} */ o) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => isParleyExtension(k) && k !== 'x-parley-idempotent' && k !== 'x-parley-pagination'))
  extensionChanges(otherExt(bOp), otherExt(hOp), key, emit)

  if (bOp.servers || hOp.servers || b.item.servers || h.item.servers) {
    compareServers(bOp.servers ?? b.item.servers ?? base.servers, hOp.servers ?? h.item.servers ?? head.servers, `${key} servers`, emit)
  }
  if (bOp.security !== undefined || hOp.security !== undefined) {
    compareSecurity(bOp.security ?? base.security, hOp.security ?? head.security, `${key} security`, emit)
  }

  compareParameters(base, head, key, b, h, out)
  compareRequestBody(base, head, key, bOp.requestBody, hOp.requestBody, out)
  compareResponses(base, head, key, bOp.responses ?? {}, hOp.responses ?? {}, out)
}

/** @param {Json} doc @param {Operation} o @returns {Map<string, Json>} `in.name` -> resolved parameter */
function parametersOf(doc, o) {
  const params = new Map()
  for (const raw of [...(o.item.parameters ?? []), ...(o.op.parameters ?? [])]) {
    const p = deref(doc, raw).value
    if (!p || typeof p.name !== 'string') continue
    params.set(`${p.in}.${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p)
  }
  return params
}

/** @param {Json} p */
const serialization = (p) => {
  const style = p.style ?? (p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple')
  return stable({ style, explode: p.explode ?? style === 'form', allowReserved: !!p.allowReserved, content: p.content ? Object.keys(p.content) : [] })
}

/** @param {Json} p @returns {any} the schema of a parameter (or of its single media type) */
const parameterSchema = (p) => p.schema ?? Object.values(p.content ?? {})[0]?.schema ?? {}

/**
 * @param {Json} base @param {Json} head @param {string} key @param {Operation} b @param {Operation} h
 * @param {Change[]} out
 */
function compareParameters(base, head, key, b, h, out) {
  /** @param {string} kind @param {string} where @param {string} detail */
  const emit = (kind, where, detail) => out.push(change(kind, where, detail))
  const bParams = parametersOf(base, b)
  const hParams = parametersOf(head, h)
  /** @param {Json} p */
  const required = (p) => p.in === 'path' || p.required === true
  for (const [id, hp] of hParams) {
    const where = `${key} ${id}`
    const bp = bParams.get(id)
    if (!bp) {
      emit(required(hp) ? 'parameter-added-required' : 'parameter-added-optional', where, `${hp.in} parameter ${hp.name} added (${required(hp) ? 'required' : 'optional'})`)
      continue
    }
    if (required(bp) !== required(hp)) {
      emit(required(hp) ? 'parameter-made-required' : 'parameter-made-optional', where, `${hp.name} is now ${required(hp) ? 'required' : 'optional'}`)
    }
    if (!!bp.deprecated !== !!hp.deprecated) emit('deprecated', where, hp.deprecated ? 'parameter now deprecated' : 'parameter no longer deprecated')
    const docs = docsDiff(bp, hp, ['description', 'example', 'examples'])
    if (docs.length) emit('docs-changed', where, `${docs.join(', ')} changed`)
    if (serialization(bp) !== serialization(hp)) emit('parameter-serialization-changed', where, `serialization ${serialization(bp)} → ${serialization(hp)}`)
    compareSchemas({ baseDoc: base, headDoc: head, direction: 'request', out, memo: memoOf(base, head) }, parameterSchema(bp), parameterSchema(hp), where)
  }
  for (const [id, bp] of bParams) {
    if (!hParams.has(id)) emit('parameter-removed', `${key} ${id}`, `${bp.in} parameter ${bp.name} removed`)
  }
}

/** @param {string} base @param {string} mediaType */
const atMedia = (base, mediaType) => (mediaType === 'application/json' ? base : `${base}[${mediaType}]`)

/**
 * @param {Json} base @param {Json} head @param {string} key @param {any} bRaw @param {any} hRaw @param {Change[]} out
 */
function compareRequestBody(base, head, key, bRaw, hRaw, out) {
  const where = `${key} requestBody`
  /** @param {string} kind @param {string} detail @param {string} [at] */
  const emit = (kind, detail, at = where) => out.push(change(kind, at, detail))
  const b = bRaw === undefined ? undefined : deref(base, bRaw).value
  const h = hRaw === undefined ? undefined : deref(head, hRaw).value
  if (!b && !h) return
  if (!b) return emit(h.required ? 'request-body-added-required' : 'request-body-added-optional', `request body added (${h.required ? 'required' : 'optional'})`)
  if (!h) return emit('request-body-removed', 'request body removed')
  if (!!b.required !== !!h.required) emit(h.required ? 'request-body-made-required' : 'request-body-made-optional', `request body is now ${h.required ? 'required' : 'optional'}`)
  const docs = docsDiff(b, h, ['description'])
  if (docs.length) emit('docs-changed', `${docs.join(', ')} changed`)
  compareContent(base, head, 'request', where, b.content ?? {}, h.content ?? {}, out)
}

/**
 * @param {Json} base @param {Json} head @param {'request' | 'response'} direction @param {string} where
 * @param {Json} bContent @param {Json} hContent @param {Change[]} out
 */
function compareContent(base, head, direction, where, bContent, hContent, out) {
  for (const [mt, hMedia] of Object.entries(hContent)) {
    const bMedia = bContent[mt]
    if (!bMedia) {
      out.push(change(`${direction}-media-type-added`, atMedia(where, mt), `media type ${mt} added`))
      continue
    }
    const docs = docsDiff(bMedia, hMedia, ['example', 'examples'])
    if (docs.length) out.push(change('docs-changed', atMedia(where, mt), `${docs.join(', ')} changed`))
    if (stable(bMedia.encoding) !== stable(hMedia.encoding)) {
      out.push(change(`${direction}-schema-changed`, atMedia(where, mt), 'encoding changed'))
    }
    compareSchemas({ baseDoc: base, headDoc: head, direction, out, memo: memoOf(base, head) }, bMedia.schema ?? {}, hMedia.schema ?? {}, atMedia(where, mt))
  }
  for (const mt of Object.keys(bContent)) {
    if (!(mt in hContent)) out.push(change(`${direction}-media-type-removed`, atMedia(where, mt), `media type ${mt} removed`))
  }
}

/** @param {string} code */
const isSuccess = (code) => /^2/.test(code)

/**
 * @param {Json} base @param {Json} head @param {string} key @param {Json} bResponses @param {Json} hResponses
 * @param {Change[]} out
 */
function compareResponses(base, head, key, bResponses, hResponses, out) {
  for (const code of Object.keys(hResponses)) {
    if (!(code in bResponses)) {
      out.push(change(isSuccess(code) ? 'response-status-added' : 'error-status-added', `${key} responses.${code}`, `status ${code} added`))
    }
  }
  for (const code of Object.keys(bResponses)) {
    const where = `${key} responses.${code}`
    if (!(code in hResponses)) {
      out.push(change(isSuccess(code) ? 'response-status-removed' : 'error-status-removed', where, `status ${code} removed`))
      continue
    }
    const b = deref(base, bResponses[code]).value ?? {}
    const h = deref(head, hResponses[code]).value ?? {}
    const docs = docsDiff(b, h, ['description'])
    if (docs.length) out.push(change('docs-changed', where, `${docs.join(', ')} changed`))
    compareHeaders(base, head, where, b.headers ?? {}, h.headers ?? {}, out)
    const bHas = Object.keys(b.content ?? {}).length > 0
    const hHas = Object.keys(h.content ?? {}).length > 0
    if (bHas && !hHas) out.push(change('response-body-removed', where, 'response body removed'))
    else if (!bHas && hHas) out.push(change('response-body-added', where, 'response body added'))
    else if (bHas && hHas) compareContent(base, head, 'response', where, b.content, h.content, out)
  }
}

/**
 * @param {Json} base @param {Json} head @param {string} where @param {Json} bHeaders @param {Json} hHeaders
 * @param {Change[]} out
 */
function compareHeaders(base, head, where, bHeaders, hHeaders, out) {
  /** @param {Json} doc @param {Json} headers @returns {Map<string, Json>} */
  const byName = (doc, headers) => new Map(Object.entries(headers).map(([n, raw]) => [n.toLowerCase(), deref(doc, raw).value ?? {}]))
  const bMap = byName(base, bHeaders)
  const hMap = byName(head, hHeaders)
  for (const [name, h] of hMap) {
    const at = `${where}.headers.${name}`
    const b = bMap.get(name)
    if (!b) {
      out.push(change('response-header-added', at, `header ${name} added`))
      continue
    }
    if (!!b.required !== !!h.required) {
      out.push(change(h.required ? 'response-header-made-required' : 'response-header-made-optional', at, `header ${name} is now ${h.required ? 'always sent' : 'optional'}`))
    }
    const docs = docsDiff(b, h, ['description', 'example', 'examples'])
    if (docs.length) out.push(change('docs-changed', at, `${docs.join(', ')} changed`))
    compareSchemas({ baseDoc: base, headDoc: head, direction: 'response', out, memo: memoOf(base, head) }, parameterSchema(b), parameterSchema(h), at)
  }
  for (const name of bMap.keys()) {
    if (!hMap.has(name)) out.push(change('response-header-removed', `${where}.headers.${name}`, `header ${name} removed`))
  }
}

/**
 * @param {Json[] | undefined} bList @param {Json[] | undefined} hList @param {string} where
 * @param {(kind: string, where: string, detail: string) => void} emit
 */
function compareServers(bList, hList, where, emit) {
  /** @param {Json[] | undefined} list @returns {Json[]} */
  const norm = (list) => (Array.isArray(list) && list.length ? list : [{ url: '/' }])
  const b = norm(bList)
  const h = norm(hList)
  const bUrls = b.map((s) => s.url)
  const hUrls = h.map((s) => s.url)
  const skip = new Set()
  if (bUrls[0] !== hUrls[0]) {
    emit('server-changed', where, `default server ${bUrls[0]} → ${hUrls[0]}`)
    skip.add(bUrls[0]).add(hUrls[0])
  }
  for (const url of bUrls) if (!skip.has(url) && !hUrls.includes(url)) emit('server-changed', where, `server ${url} removed`)
  for (const url of hUrls) if (!skip.has(url) && !bUrls.includes(url)) emit('server-added', where, `server ${url} added`)
  /** @param {Json | undefined} vars */
  const semantic = (vars) => stable(Object.fromEntries(Object.entries(vars ?? {}).map(([k, v]) => [k, { enum: v?.enum, default: v?.default }])))
  for (const bs of b) {
    const hs = h.find((s) => s.url === bs.url)
    if (!hs) continue
    if (semantic(bs.variables) !== semantic(hs.variables)) emit('server-changed', where, `variables of ${bs.url} changed`)
    if (docsDiff(bs, hs, ['description']).length) emit('docs-changed', where, `description of ${bs.url} changed`)
  }
}

/** @param {Json[] | undefined} reqs @returns {string[]} one canonical string per alternative */
function alternatives(reqs) {
  const list = Array.isArray(reqs) && reqs.length ? reqs : [{}]
  return list.map((r) => {
    const parts = Object.keys(r).sort().map((name) => {
      const scopes = Array.isArray(r[name]) ? [...r[name]].sort() : []
      return scopes.length ? `${name}(${scopes.join(' ')})` : name
    })
    return parts.length ? `{${parts.join(' + ')}}` : '{} (anonymous)'
  })
}

/**
 * @param {Json[] | undefined} bReqs @param {Json[] | undefined} hReqs @param {string} where
 * @param {(kind: string, where: string, detail: string) => void} emit
 */
function compareSecurity(bReqs, hReqs, where, emit) {
  const b = alternatives(bReqs)
  const h = alternatives(hReqs)
  const removed = b.filter((x) => !h.includes(x))
  const added = h.filter((x) => !b.includes(x))
  if (removed.length) {
    emit('security-changed', where, `requirement ${removed.join(', ')} removed${added.length ? `; ${added.join(', ')} added` : ''}`)
  } else if (added.length) emit('security-alternative-added', where, `alternative ${added.join(', ')} added`)
}

/** @param {Json} base @param {Json} head @param {(kind: string, where: string, detail: string) => void} emit */
function compareSecuritySchemes(base, head, emit) {
  const bSchemes = base.components?.securitySchemes ?? {}
  const hSchemes = head.components?.securitySchemes ?? {}
  for (const [name, raw] of Object.entries(bSchemes)) {
    if (!(name in hSchemes)) continue
    const b = deref(base, raw).value ?? {}
    const h = deref(head, hSchemes[name]).value ?? {}
    const where = `securitySchemes.${name}`
    /** @param {Json} s */
    const semantic = (s) => stable(Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'description' && !k.startsWith('x-'))))
    if (semantic(b) !== semantic(h)) emit('security-scheme-changed', where, `${semantic(b)} → ${semantic(h)}`)
    if (docsDiff(b, h, ['description']).length) emit('docs-changed', where, 'description changed')
  }
}

/** @param {Json} base @param {Json} head @param {(kind: string, where: string, detail: string) => void} emit */
function compareComponentNames(base, head, emit) {
  for (const section of COMPONENT_SECTIONS) {
    const b = Object.keys(base.components?.[section] ?? {})
    const h = Object.keys(head.components?.[section] ?? {})
    for (const name of b) if (!h.includes(name)) emit('component-removed', `components.${section}.${name}`, `${section}.${name} removed`)
    for (const name of h) if (!b.includes(name)) emit('component-added', `components.${section}.${name}`, `${section}.${name} added`)
  }
}
