// The proof that the limiter keeps a budget a strict server enforces: one process, 8 workers sharing one Mews access
// token, 64 requests, against a local API that allows 20 per access token in ANY 2 s window and answers 429 beyond
// (bench/limited-server.mjs). With the limiter: no 429. Without: some. A proof test, run after the rest of the suite
// (vitest project 'proofs'): a CPU kept busy by other tests could delay one request past the limiter's margin.
// bench/limits.mjs times the same loads; the three-process version with Redis is in @parley/rate-limit-redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMews } from '../src/mews.js'
import { createLimitedServer } from '../../../bench/limited-server.mjs'
import { isolatedStore } from './limits-store.js'

const ADD_THREAD = '/api/connector/v1/messageThreads/add'

function mews(baseUrl: string, accessToken: string, rateLimit: Record<string, unknown> | false) {
  return createMews({
    clientToken: 'CT',
    accessToken,
    client: 'Parley limits proof',
    baseUrl,
    rateLimit: rateLimit && { store: isolatedStore(), ...rateLimit },
    retry: { maxRetries: 0 },
  })
}

describe('one process, 8 workers, 64 requests against a server keeping 20 per 2 s per access token', () => {
  let server: Awaited<ReturnType<typeof createLimitedServer>>
  beforeAll(async () => {
    server = await createLimitedServer({ requests: 20, perMs: 2000 })
  })
  afterAll(() => server.close())

  async function load(rateLimit: Record<string, unknown> | false) {
    // A first fetch opens its connection late (up to ~100 ms, as much as the margin on this short window): warm up
    // on another token first, so the first wave arrives when it was sent.
    await mews(server.url, 'AT-warm-up', false).POST(ADD_THREAD, { body: { OriginalSender: 'Guest', Subject: 'warm' } })
    server.reset()
    const client = mews(server.url, `AT-shared-inbox-${rateLimit ? 'limited' : 'unlimited'}`, rateLimit)
    let next = 0
    const worker = async () => {
      while (next < 64) {
        const n = next++
        await client.POST(ADD_THREAD, { body: { OriginalSender: 'Guest', Subject: `request ${n}` } })
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    return server.stats()
  }

  it('with the limiter: all 64 answered 200, never more than 20 in any 2 s, the last not before 3 windows', async () => {
    const stats = await load({ requests: 20, perMs: 2000 })
    expect(stats).toMatchObject({ total: 64, ok: 64, limited: 0 })
    expect(stats.maxInWindow).toBe(20)
    // Requests 21, 41 and 61 each had to wait out a whole window after the one 20 before them.
    expect(stats.lastAt! - stats.firstAt!).toBeGreaterThanOrEqual(6000)
  }, 20_000)

  it('without it (rateLimit: false): the same load gets 429s', async () => {
    const stats = await load(false)
    expect(stats.total).toBe(64)
    expect(stats.limited).toBeGreaterThan(0)
  })
})
