// The proof that processes sharing a credential share its budget through Redis: three processes (12 workers, 120
// Mews calls) against a local API allowing 20 requests per access token in any 2 s window, as bench/limits.mjs runs
// them (its table has the times). The processes load the built packages: `pnpm build` (scripts/test.mjs does) first.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from '@redis/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUDGET, runLoad } from '../../../bench/limits.mjs'
import { createLimitedServer } from '../../../bench/limited-server.mjs'
import { startRedis } from '../../../scripts/redis-server.mjs'
import { ROOT } from '../../../test/support/paths.js'

let redis: Awaited<ReturnType<typeof startRedis>>
let server: Awaited<ReturnType<typeof createLimitedServer>>
const load = { processes: 3, workers: 12, calls: 120, retries: false } as const

beforeAll(async () => {
  for (const built of ['packages/sdk/dist/esm/mews.js', 'packages/rate-limit-redis/dist/esm/index.js']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`pnpm build\` first (scripts/test.mjs does)`)
  }
  redis = await startRedis()
  server = await createLimitedServer(BUDGET)
})

afterAll(async () => {
  await server?.close()
  await redis?.stop()
})

describe('three processes, one access token, 20 requests per 2 s', () => {
  it('sharing a Redis store: all 120 calls succeed with no 429, and Redis holds no credential', { timeout: 60_000 }, async () => {
    // Retries off: a 429 would be a failed call, not hidden by a retry.
    const r = await runLoad({ server, ...load, limiter: 'redis', redisUrl: redis.url })
    expect(r.failures).toEqual({})
    expect({ ok: r.ok, requests: r.requests, limited: r.limited }).toEqual({ ok: 120, requests: 120, limited: 0 })
    expect(r.maxInWindow).toBeLessThanOrEqual(BUDGET.requests)

    const raw = createClient({ url: redis.url })
    await raw.connect()
    try {
      const keys = await raw.keys('*')
      expect(keys.filter((k) => k.startsWith('{parley:mews:'))).toHaveLength(1)
      for (const key of keys) {
        expect(key).toMatch(/^\{parley:(mews|bench):[\w-]+\}:(log|pause)$/)
        expect(key).not.toContain(r.accessToken)
      }
    } finally {
      raw.destroy()
    }
  })

  it('each with its own in-memory limiter: the server refuses what the three together send beyond the budget', { timeout: 30_000 }, async () => {
    // Quick to show: 3 x 10 calls, each process sure it has room for them all; the server takes 20 (each 429 then
    // pauses only the process that got it).
    const r = await runLoad({ server, ...load, calls: 30, limiter: 'memory' })
    expect(r.limited).toBeGreaterThan(0)
    expect(r.failures).toEqual({ 'ApiError 429': r.limited })
  })

  it('without the limiter: 429s', { timeout: 30_000 }, async () => {
    const r = await runLoad({ server, ...load, limiter: false })
    // The first 20 get through; every call after them inside the same 2 s is refused.
    expect(r.ok).toBeGreaterThanOrEqual(BUDGET.requests)
    expect(r.limited).toBe(120 - r.ok)
    expect(r.limited).toBeGreaterThan(0)
  })
})
