#!/usr/bin/env node
// pnpm generate [--check] [api...]
//
// Compiles every specs/<api>.yaml into packages/<api>/src/generated/:
//   schema.ts      openapi-typescript's `paths` / `components` / `operations` types
//   operations.ts  the `x-parley-*` behaviour of each operation (idempotency, pagination), as a const map, and the
//                  vendor's rate limit (the top-level `x-parley-rate-limit`)
//   webhook-examples.ts  the examples of each webhook's JSON body, keyed by event name (re-exported by the
//                  package's `/webhooks` subpath, so importing the client never loads them)
// A spec with no package yet gets a scaffolded one (package.json, tsconfig, entry file), so a fifth spec needs no
// change here. With --check nothing is written: the run fails, naming each stale file, when the committed output
// differs from what the specs produce now.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'
import { parse } from 'yaml'
import { ROOT, SPECS_DIR, listSpecs } from './lib/specs.mjs'
import { scaffoldPackage } from './lib/scaffold.mjs'

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
// The cursor dialects are the SDK's modules that export one (packages/sdk/src/pagination/<name>.ts): a new cursor
// shape is a new file there, and this list follows.
const DIALECT_DIR = join(ROOT, 'packages', 'sdk', 'src', 'pagination')
const DIALECTS = new Set(
  readdirSync(DIALECT_DIR)
    .map((file) => file.replace(/\.ts$/, ''))
    .filter((name) => new RegExp(`^export const ${name}: Dialect\\b`, 'm').test(readFileSync(join(DIALECT_DIR, `${name}.ts`), 'utf8'))),
)

const args = process.argv.slice(2)
const check = args.includes('--check')
const only = args.filter((a) => !a.startsWith('--'))

/**
 * Reads the x-parley-* extensions of every operation; a missing or malformed one is an error naming it.
 * @returns {Record<string, { method: string, path: string, idempotent: boolean, pagination?: object }>}
 */
export function operationMetadata(doc, specName) {
  const out = {}
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method]
      if (!op) continue
      const where = `${specName}: ${method.toUpperCase()} ${path}`
      if (!op.operationId) throw new Error(`${where} has no operationId`)
      const idempotent = op['x-parley-idempotent']
      if (typeof idempotent !== 'boolean') {
        throw new Error(`${where} (${op.operationId}) needs "x-parley-idempotent: true|false" (may it be retried?)`)
      }
      const meta = { method, path, idempotent }
      const pagination = op['x-parley-pagination']
      if (pagination !== undefined) {
        if (!DIALECTS.has(pagination?.dialect)) {
          throw new Error(`${where}: x-parley-pagination.dialect must be one of ${[...DIALECTS].join(', ')}`)
        }
        if (typeof pagination.items !== 'string' || pagination.items === '') {
          throw new Error(`${where}: x-parley-pagination.items must name the response property holding the items`)
        }
        meta.pagination = pagination
      }
      out[op.operationId] = meta
    }
  }
  return out
}

const RATE_LIMIT_KEYS = ['per', 'requests', 'perMs', 'confirmed', 'tiers', 'note']
const positiveInteger = (v) => Number.isInteger(v) && v > 0

/**
 * Reads the top-level `x-parley-rate-limit`: what one budget is per (`accessToken`, `apiKey`, `undisclosed`...),
 * the default budget (`requests` per `perMs`; none where the vendor's is unconfirmed or unpublished), named
 * `tiers`, whether the numbers are `confirmed`, and a `note`. A missing or malformed field is an error naming it.
 */
export function rateLimitMetadata(doc, specName) {
  const where = `${specName}: x-parley-rate-limit`
  const limit = doc['x-parley-rate-limit']
  if (!limit || typeof limit !== 'object' || Array.isArray(limit)) {
    throw new Error(`${where} is missing: declare the vendor's budget (per, requests, perMs, confirmed), or per and confirmed: false when none is published`)
  }
  const unknown = Object.keys(limit).filter((k) => !RATE_LIMIT_KEYS.includes(k))
  if (unknown.length) throw new Error(`${where}.${unknown[0]} is not a field (fields: ${RATE_LIMIT_KEYS.join(', ')})`)
  if (typeof limit.per !== 'string' || !/^[a-z][A-Za-z]*$/.test(limit.per)) {
    throw new Error(`${where}.per must name what one budget is per, in camelCase (accessToken, apiKey, undisclosed)`)
  }
  if (typeof limit.confirmed !== 'boolean') throw new Error(`${where}.confirmed must be true or false (found in the vendor's own docs?)`)
  const budget = (value, field) => {
    if ((value.requests === undefined) !== (value.perMs === undefined)) throw new Error(`${where}${field}: requests and perMs go together`)
    if (value.requests !== undefined && !positiveInteger(value.requests)) throw new Error(`${where}${field}.requests must be a positive integer`)
    if (value.perMs !== undefined && !positiveInteger(value.perMs)) throw new Error(`${where}${field}.perMs must be a positive integer (ms)`)
  }
  budget(limit, '')
  if (limit.confirmed && limit.requests === undefined) throw new Error(`${where}: a confirmed budget needs requests and perMs`)
  if (limit.tiers !== undefined) {
    if (!limit.tiers || typeof limit.tiers !== 'object' || Array.isArray(limit.tiers)) throw new Error(`${where}.tiers must map tier names to { requests, perMs }`)
    for (const [name, tier] of Object.entries(limit.tiers)) {
      const field = `.tiers.${name}`
      if (!tier || typeof tier !== 'object' || tier.requests === undefined || Object.keys(tier).some((k) => k !== 'requests' && k !== 'perMs')) {
        throw new Error(`${where}${field} must be { requests, perMs }`)
      }
      budget(tier, field)
    }
  }
  if (limit.note !== undefined && typeof limit.note !== 'string') throw new Error(`${where}.note must be a string`)
  return limit
}

function renderOperations(meta, limit, specFile) {
  const ids = Object.keys(meta)
  const list = ids.map((id) => JSON.stringify(meta[id], null, 2).replace(/^/gm, '  ')).join(',\n')
  const { note, ...budget } = limit
  const doc = [
    `The vendor's rate limit (x-parley-rate-limit): ${budget.requests ? `${budget.requests} requests per ${budget.perMs} ms` : 'no default budget'}, per ${budget.per}${budget.confirmed ? '' : ' (unconfirmed)'}.`,
    ...(note ? [note] : []),
  ]
  return `// Generated by scripts/generate.mjs from specs/${specFile} (x-parley-idempotent, x-parley-pagination,
// x-parley-rate-limit). Do not edit: change the spec and run \`pnpm generate\`.
//
// \`operationList\` holds each operation's behaviour; \`operations\` keys the same objects by operationId. A bundle
// that reads only the list (as @parley/sdk does) drops the keyed object, and every operation id with it.

export const operationList = [
${list},
] as const

/**
${doc.map((line) => wrap(line, 115).map((l) => ` * ${l}`).join('\n')).join('\n *\n')}
 */
export const rateLimit = ${JSON.stringify(budget, null, 2)} as const

export const operations: {
${ids.map((id, i) => `  readonly ${JSON.stringify(id)}: (typeof operationList)[${i}]`).join('\n')}
} = /* @__PURE__ */ byOperationId(operationList, ${JSON.stringify(ids)})

export type Operations = typeof operations

function byOperationId(list: readonly object[], ids: readonly string[]): any {
  return Object.fromEntries(ids.map((id, i) => [id, list[i]]))
}
`
}

/** `text` cut into lines of at most `width` characters, at spaces. */
function wrap(text, width) {
  const lines = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) lines.push(line), (line = '')
    line = line ? `${line} ${word}` : word
  }
  return [...lines, line]
}

/** Follows a local `$ref` (`#/components/...`); the specs are single files. */
function deref(doc, node) {
  let value = node
  for (let hops = 0; value && typeof value.$ref === 'string' && hops < 16; hops++) {
    value = value.$ref.slice(2).split('/').reduce((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc)
  }
  return value
}

/** Reads the examples of each webhook's JSON body; a webhook without one is an error naming it. */
export function webhookExamples(doc, specName) {
  const out = {}
  for (const [event, rawItem] of Object.entries(doc.webhooks ?? {})) {
    const where = `${specName}: webhook ${event}`
    const op = deref(doc, rawItem)?.post
    if (!op) throw new Error(`${where} has no post operation`)
    const media = deref(doc, op.requestBody)?.content?.['application/json']
    if (!media) throw new Error(`${where} has no application/json request body`)
    const values = media.examples
      ? Object.entries(media.examples).map(([name, raw]) => {
          const example = deref(doc, raw)
          if (!example || !('value' in example)) throw new Error(`${where}: example ${name} needs a \`value\` (externalValue is not read)`)
          return example.value
        })
      : 'example' in media
        ? [media.example]
        : []
    if (values.length === 0) throw new Error(`${where} needs at least one example of its body (the sample deliveries users test with)`)
    out[event] = values
  }
  return out
}

function renderWebhookExamples(examples, specFile) {
  const entries = Object.entries(examples).map(([event, values]) => `  ${JSON.stringify(event)}: ${JSON.stringify(values, null, 2).replace(/\n/g, '\n  ')},\n`)
  return `// Generated by scripts/generate.mjs from specs/${specFile} (the examples of each webhook's request body).
// Do not edit: change the spec and run \`pnpm generate\`.
import type { webhooks } from './schema.js'

/** The JSON body of one delivery of the webhook event \`E\`, as the spec declares it. */
export type WebhookBody<E extends keyof webhooks> = NonNullable<webhooks[E]['post']['requestBody']>['content']['application/json']

/** The spec's example deliveries of each webhook event, in spec order: parsed JSON bodies to test a receiver with. */
export const webhookExamples: { readonly [E in keyof webhooks]: readonly WebhookBody<E>[] } = {
${entries.join('')}}
`
}

async function renderSchema(specPath) {
  const ast = await openapiTS(pathToFileURL(specPath), {
    // Unknown-keyed objects (proxy, metadata) should stay `Record<string, unknown>`, not become `any`.
    emptyObjectsUnknown: true,
    silent: true,
  })
  return COMMENT_HEADER + astToString(ast)
}

async function main() {
  const specs = listSpecs().filter((s) => only.length === 0 || only.includes(s.name))
  if (specs.length === 0) throw new Error(`no spec matches ${only.join(', ')} in ${SPECS_DIR}`)
  const stale = []
  for (const spec of specs) {
    const started = performance.now()
    const doc = parse(readFileSync(spec.path, 'utf8'))
    const files = {
      'schema.ts': await renderSchema(spec.path),
      'operations.ts': renderOperations(operationMetadata(doc, spec.file), rateLimitMetadata(doc, spec.file), spec.file),
      'webhook-examples.ts': renderWebhookExamples(webhookExamples(doc, spec.file), spec.file),
    }
    const pkgDir = join(ROOT, 'packages', spec.name)
    const outDir = join(pkgDir, 'src', 'generated')
    for (const [file, content] of Object.entries(files)) {
      const target = join(outDir, file)
      const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined
      if (current === content) continue
      if (check) {
        stale.push(`packages/${spec.name}/src/generated/${file}`)
        continue
      }
      mkdirSync(outDir, { recursive: true })
      writeFileSync(target, content)
    }
    if (!check && !existsSync(join(pkgDir, 'package.json'))) {
      scaffoldPackage(spec, doc)
      console.log(`scaffolded packages/${spec.name} (review its src/index.ts)`)
    }
    const ms = (performance.now() - started).toFixed(0)
    console.log(`${check ? 'checked' : 'generated'} ${spec.file} -> packages/${spec.name}/src/generated (${ms} ms)`)
  }
  const orphans = readdirSync(join(ROOT, 'packages')).filter(
    (dir) => existsSync(join(ROOT, 'packages', dir, 'src', 'generated')) && !listSpecs().some((s) => s.name === dir),
  )
  if (orphans.length) stale.push(...orphans.map((d) => `packages/${d}/src/generated (its spec is gone)`))
  if (stale.length) {
    console.error(`\nGenerated code is stale; run \`pnpm generate\` and commit the result:\n  ${stale.join('\n  ')}`)
    process.exit(1)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(`generate failed: ${err.message}`)
    process.exit(1)
  })
}
