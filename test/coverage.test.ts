// Fails when an operation of any spec in specs/ was not exercised by a contract test: at least one call through
// the recorded client that Prism accepted (2xx, no violations). Reads what the contract tests recorded.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { listSpecs } from '../scripts/lib/specs.mjs'
import type { RecordedCall } from './support/contract.js'
import { CALLS_DIR } from './support/paths.js'

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const

function recordedCalls(): RecordedCall[] {
  if (!existsSync(CALLS_DIR)) return []
  return readdirSync(CALLS_DIR).flatMap((f) =>
    readFileSync(join(CALLS_DIR, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RecordedCall),
  )
}

describe('contract coverage', () => {
  const calls = recordedCalls()
  for (const spec of listSpecs()) {
    it(`every operation of specs/${spec.file} has an accepted contract call`, () => {
      const doc = parse(readFileSync(spec.path, 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> }
      const missing: string[] = []
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const method of METHODS) {
          const op = item[method]
          if (!op) continue
          const hit = calls.some((c) => c.api === spec.name && c.method === method && c.path === path && c.accepted)
          if (!hit) missing.push(`${op.operationId} (${method.toUpperCase()} ${path})`)
        }
      }
      expect(missing, `operations with no accepted contract call`).toEqual([])
    })
  }
})
