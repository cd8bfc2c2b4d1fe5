// A local API that keeps a vendor's kind of rate limit: at most `requests` per credential in ANY window of `perMs`
// (a sliding log, as strict as a vendor that does not say how it counts), answering 429 with Retry-After beyond it.
// It proves that the SDK's limiter keeps a budget: packages/sdk/test/limits*.test.ts and the rate-limit benchmarks
// use it, in one process or as the one server many processes share.
//
// The credential is the Mews `AccessToken` of a JSON body, else the `api-key` header (Brevo), else `authorization`
// (StackOne, Sunshine). Credentials are kept in memory only; stats and the log number them (1, 2, ...) instead.
// Every 2xx answer is `{}` (a Mews or StackOne listing reads it as one empty, last page), unless `body` says otherwise.
import { createServer } from 'node:http'
import { performance } from 'node:perf_hooks'

/**
 * Starts the server on 127.0.0.1 (a free port).
 * @param {{ requests: number, perMs: number, retryAfter?: boolean, body?: (req: { method: string, path: string, json: any }) => unknown }} options
 *   `retryAfter: false` answers 429 without a Retry-After header.
 * @returns {Promise<{
 *   url: string,
 *   close(): Promise<void>,
 *   stats(): { total: number, ok: number, limited: number, keys: number, firstAt?: number, lastAt?: number, maxInWindow: number },
 *   log(): { n: number, at: number, key: number, status: number, method: string, path: string }[],
 *   reset(): void,
 * }>}
 *   `at` is ms since the server started (performance.now); `maxInWindow` is the most requests accepted for one
 *   credential within one window (never more than `requests`, by construction: the rest were refused).
 */
export async function createLimitedServer({ requests, perMs, retryAfter = true, body = () => ({}) }) {
  if (!(Number.isInteger(requests) && requests > 0)) throw new Error(`createLimitedServer: requests must be a positive integer, got ${requests}`)
  if (!(perMs > 0)) throw new Error(`createLimitedServer: perMs must be a positive number of ms, got ${perMs}`)
  const started = performance.now()
  /** credential -> { id, accepted: arrival times (ms) within the last window, oldest first } */
  let budgets = new Map()
  let entries = []

  const keyOf = (req, json) => json?.AccessToken ?? req.headers['api-key'] ?? req.headers.authorization ?? ''

  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      // Arrival is when the whole request is in, so that the log stays in time order.
      const at = performance.now() - started
      let json
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {}
      const key = keyOf(req, json)
      let budget = budgets.get(key)
      if (!budget) budgets.set(key, (budget = { id: budgets.size + 1, accepted: [] }))
      // Only accepted requests count: a vendor that counted refused ones too would be stricter still.
      while (budget.accepted.length && budget.accepted[0] <= at - perMs) budget.accepted.shift()
      const path = (req.url ?? '/').split('?')[0]
      const room = budget.accepted.length < requests
      entries.push({ n: entries.length + 1, at, key: budget.id, status: room ? 200 : 429, method: req.method ?? 'GET', path })
      if (room) {
        budget.accepted.push(at)
        const answer = Buffer.from(JSON.stringify(body({ method: req.method ?? 'GET', path, json })))
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer)
        return
      }
      const waitS = Math.max(1, Math.ceil((budget.accepted[0] + perMs - at) / 1000))
      const answer = Buffer.from(JSON.stringify({ Message: 'Too many requests.', message: 'Too many requests.' }))
      const headers = { 'content-type': 'application/json', 'content-length': answer.length }
      if (retryAfter) headers['retry-after'] = String(waitS)
      res.writeHead(429, headers).end(answer)
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(() => resolve()))
    },
    stats() {
      const ok = entries.filter((e) => e.status === 200)
      let maxInWindow = 0
      for (const id of new Set(ok.map((e) => e.key))) {
        const times = ok.filter((e) => e.key === id).map((e) => e.at)
        for (let i = 0, j = 0; i < times.length; i++) {
          while (times[j] <= times[i] - perMs) j++
          maxInWindow = Math.max(maxInWindow, i - j + 1)
        }
      }
      return {
        total: entries.length,
        ok: ok.length,
        limited: entries.length - ok.length,
        keys: budgets.size,
        firstAt: ok[0]?.at,
        lastAt: ok.at(-1)?.at,
        maxInWindow,
      }
    },
    log: () => entries.map((e) => ({ ...e })),
    reset() {
      budgets = new Map()
      entries = []
    },
  }
}
