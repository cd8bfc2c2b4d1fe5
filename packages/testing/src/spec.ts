// What the testing helpers need from a spec: where it is, what the API is called, and per operation its method,
// path template, documented statuses and pagination dialect.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { parse } from 'yaml'

export interface Operation {
  /** `METHOD /path/{template}`, as the SDK's errors name operations. */
  readonly id: string
  readonly method: string
  readonly path: string
  /** The numeric statuses the spec documents for it (a `default` or `4XX` response is not a status Prism can force). */
  readonly statuses: readonly number[]
  /** The cursor dialect of a list operation (`x-parley-pagination.dialect`). */
  readonly dialect?: string
  /** Sunshine lists that page backwards (newest first) send `page[before]`. */
  readonly backward?: boolean
  readonly pattern: RegExp
}

export interface SpecInfo {
  /** The API's short name: `stackone-messaging` for `@parley/stackone-messaging` or `specs/stackone-messaging.yaml`. */
  readonly name: string
  /** Absolute path of the spec file. */
  readonly path: string
  readonly operations: readonly Operation[]
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']

/**
 * `api` is an installed package that ships `openapi.yaml` (`@parley/stackone-messaging`) or a spec file path.
 * Packages are resolved from `from` (the project directory), as the project's own code would resolve them.
 */
export function resolveSpec(api: string, from = process.cwd()): string {
  if (typeof api !== 'string' || api === '') throw new TypeError(`api must be a package name or a spec path, got ${String(api)}`)
  if (/\.(ya?ml|json)$/.test(api)) return resolve(from, api)
  try {
    return createRequire(join(from, 'package.json')).resolve(`${api}/openapi.yaml`)
  } catch {
    throw new Error(`api "${api}" is neither a spec file nor an installed package that ships openapi.yaml (resolved from ${from})`)
  }
}

/** A package's spec is `<pkg>/openapi.yaml`, so it is named by its folder; a spec file by its own name. */
export function specName(path: string): string {
  const file = basename(path)
  return file === 'openapi.yaml' ? basename(dirname(path)) : file.slice(0, -extname(file).length)
}

const cache = new Map<string, SpecInfo>()

export function loadSpec(path: string): SpecInfo {
  const cached = cache.get(path)
  if (cached) return cached
  const doc = parse(readFileSync(path, 'utf8')) as { paths?: Record<string, Record<string, any>> }
  const operations: Operation[] = []
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method]
      if (!op) continue
      const statuses = Object.keys(op.responses ?? {}).filter((s) => /^\d{3}$/.test(s)).map(Number)
      const paging = op['x-parley-pagination']
      operations.push({
        id: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        path: template,
        statuses,
        ...(paging?.dialect ? { dialect: String(paging.dialect), backward: paging.direction === 'backward' } : {}),
        pattern: templatePattern(template),
      })
    }
  }
  // A literal segment wins over a parameter (`/conversations/messages` before `/conversations/{id}`).
  operations.sort((a, b) => paramCount(a.path) - paramCount(b.path))
  const info = { name: specName(path), path, operations }
  cache.set(path, info)
  return info
}

/** The operation a request to `pathname` (relative to the mock's URL) with `method` is for. */
export function findOperation(spec: SpecInfo, method: string, pathname: string): Operation | undefined {
  return spec.operations.find((op) => op.method === method && op.pattern.test(pathname))
}

function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('[^/]+')}$`)
}

function paramCount(template: string): number {
  return template.split('{').length - 1
}
