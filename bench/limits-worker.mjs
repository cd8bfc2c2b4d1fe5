// One process of the rate-limit proof (bench/limits.mjs forks it): a Mews client with `workers` loops sharing
// `calls` calls against the local limited server. It reports ready once loaded and warm, starts on 'go', and reports
// how many calls succeeded and how the others failed.
import { createRedisRateLimitStore } from '@parley/rate-limit-redis'
import { createMews } from '@parley/sdk/mews'

/** @type {{ url: string, accessToken: string, workers: number, calls: number, limiter: 'memory' | 'redis' | false, redisUrl?: string, budget: { requests: number, perMs: number }, retries: boolean }} */
const job = JSON.parse(process.argv[2])

const store = job.limiter === 'redis' ? createRedisRateLimitStore({ url: job.redisUrl }) : undefined
const mews = createMews({
  clientToken: 'bench-client-token',
  accessToken: job.accessToken,
  client: 'parley-bench',
  baseUrl: job.url,
  rateLimit: job.limiter ? { ...job.budget, ...(store ? { store } : {}) } : false,
  retry: { maxRetries: job.retries ? 2 : 0 },
})
const body = { UpdatedUtc: { StartUtc: '2026-01-01T00:00:00Z', EndUtc: '2026-01-02T00:00:00Z' }, Limitation: { Count: 10 } }

async function run() {
  let next = 0
  let ok = 0
  const failures = {}
  await Promise.all(
    Array.from({ length: job.workers }, async () => {
      while (next < job.calls) {
        next++
        try {
          await mews.orThrow.POST('/api/connector/v1/messageThreads/getAll', { body })
          ok++
        } catch (err) {
          const kind = err?.status ? `${err.name} ${err.status}` : (err?.name ?? 'Error')
          failures[kind] = (failures[kind] ?? 0) + 1
        }
      }
    }),
  )
  return { ok, failures }
}

process.on('message', async (message) => {
  if (message !== 'go') return
  const result = await run()
  await store?.close()
  process.send(result, () => process.disconnect())
})
// Warm up before the clock starts: a process's first fetch loads undici and opens a connection, which delays its
// first requests by up to ~100 ms, more than the limiter's margin on this 2 s window (50 ms; 600 ms on Mews' real
// 30 s). Then a first wave taken at once arrives spread out, and the next wave can land inside the server's window.
// One request on another token (the parent resets the server's counts after), and one round trip to Redis.
await createMews({ clientToken: 'warm', accessToken: 'warm-up', client: 'parley-bench', baseUrl: job.url, rateLimit: false })
  .POST('/api/connector/v1/messageThreads/getAll', { body })
await store?.pause('parley:bench:warm-up', 1)
process.send('ready')
