// The generated operation metadata comes in two forms over the same objects: `operations` keyed by operationId (for
// people and types) and `operationList` (what @parley/sdk reads, so its bundles carry no operation ids).
import * as brevo from '@parley/brevo-conversations'
import * as mews from '@parley/mews-message-threads'
import * as stackone from '@parley/stackone-messaging'
import * as sunshine from '@parley/sunshine-conversations'
import { describe, expect, it } from 'vitest'

const packages = { stackone, brevo, sunshine, mews }

describe.each(Object.entries(packages))('%s: generated operation metadata', (_name, pkg) => {
  it('operations and operationList hold the same objects, in spec order', () => {
    const keyed = Object.values(pkg.operations)
    expect(keyed.length).toBeGreaterThan(0)
    expect(pkg.operationList).toHaveLength(keyed.length)
    keyed.forEach((op, i) => expect(op).toBe(pkg.operationList[i]))
  })

  it('no two entries describe the same method and path', () => {
    const keys = pkg.operationList.map((op) => `${op.method} ${op.path}`)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

// The cursor dialects a spec may name are the SDK's pagination modules: one list, read by the generator.
describe('x-parley-pagination.dialect', () => {
  const spec = (dialect: string) => ({
    paths: { '/items': { get: { operationId: 'ListItems', 'x-parley-idempotent': true, 'x-parley-pagination': { dialect, items: 'data' } } } },
  })

  it('accepts each dialect the SDK implements, and names them when a spec asks for another', async () => {
    const { operationMetadata } = (await import('../scripts/generate.mjs')) as {
      operationMetadata: (doc: unknown, name: string) => Record<string, { pagination: { dialect: string } }>
    }
    for (const dialect of ['stackone', 'sunshine', 'mews']) expect(operationMetadata(spec(dialect), 'test').ListItems!.pagination.dialect).toBe(dialect)
    expect(() => operationMetadata(spec('offset'), 'test')).toThrow(/x-parley-pagination\.dialect must be one of mews, stackone, sunshine/)
    expect(() => operationMetadata(spec('engine'), 'test')).toThrow(/must be one of/)
  })
})
