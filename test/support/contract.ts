// Helpers for contract tests: the URL of the Prism mock for an API, a middleware that records every call for the
// coverage check, and the violations Prism reports for a rejected request (from @parley/testing).
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Middleware } from 'openapi-fetch'
import { inject } from 'vitest'
import { CALLS_DIR } from './paths.js'

export function mockUrl(api: string): string {
  const url = inject('mockUrls')[api]
  if (!url) throw new Error(`no Prism mock for "${api}" (is specs/${api}.yaml there?)`)
  return url
}

// What Prism objected to: the `sl-violations` header, or the `validation` array of its own problem+json body.
export { violations, type Violation } from '../../packages/testing/src/index.js'

export interface RecordedCall {
  api: string
  method: string
  path: string
  status: number
  accepted: boolean
}

/** Records each response so the coverage check knows which operations the contract tests really exercised. */
export function recordCalls(api: string): Middleware {
  return {
    onResponse({ request, response, schemaPath }) {
      const call: RecordedCall = {
        api,
        method: request.method.toLowerCase(),
        path: schemaPath,
        status: response.status,
        accepted: response.ok && !response.headers.has('sl-violations'),
      }
      appendFileSync(join(CALLS_DIR, `${process.pid}.jsonl`), `${JSON.stringify(call)}\n`)
      return undefined
    },
  }
}
