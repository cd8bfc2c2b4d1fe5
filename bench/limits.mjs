// The rate-limit proof: Mews calls from worker loops in one or three processes against a local API that allows 20
// requests per access token in any 2 s window (bench/limited-server.mjs), with the SDK's limiter (in memory, or
// shared through Redis) and without it. For each: the calls, the 429s the server answered, the calls that failed,
// the wall time and the floor (the earliest the last call can go: one window per 20 calls after the first 20).
// `pnpm bench:limits` prints the table; `pnpm bench` adds the limiter rows to its own. The shared-budget test
// (packages/rate-limit-redis/test/shared-budget.test.ts) runs the same load and asserts the zeros.
import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { startRedis } from '../scripts/redis-server.mjs'
import { createLimitedServer } from './limited-server.mjs'

export const BUDGET = { requests: 20, perMs: 2000 }
const WORKER = fileURLToPath(new URL('./limits-worker.mjs', import.meta.url))

/** The earliest the last of `calls` can be sent: every full budget after the first costs a window. */
export const floorMs = (calls, { requests, perMs } = BUDGET) => (Math.ceil(calls / requests) - 1) * perMs

/**
 * Runs `calls` calls from `processes` processes of `workers` loops each (the calls split evenly), on a fresh access
 * token, and reads what the server saw.
 * @param {{ server: Awaited<ReturnType<typeof createLimitedServer>>, processes: number, workers: number, calls: number,
 *   limiter: 'memory' | 'redis' | false, retries: boolean, redisUrl?: string }} load
 */
export async function runLoad({ server, processes, workers, calls, limiter, retries, redisUrl }) {
  const accessToken = `proof-${randomUUID()}`
  const children = Array.from({ length: processes }, (_, i) => {
    const share = Math.floor(calls / processes) + (i < calls % processes ? 1 : 0)
    const job = { url: server.url, accessToken, workers: workers / processes, calls: share, limiter, redisUrl, budget: BUDGET, retries }
    return fork(WORKER, [JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  })
  try {
    const message = (child) =>
      new Promise((resolve, reject) => {
        child.once('message', resolve)
        child.once('exit', (code) => reject(new Error(`limits worker ${child.pid} exited (${code}) before answering`)))
      })
    await Promise.all(children.map(message))
    server.reset() // the workers' warm-up requests are not part of the load
    const started = performance.now()
    const results = await Promise.all(children.map((child) => (child.send('go'), message(child))))
    const wallMs = performance.now() - started
    const stats = server.stats()
    const failures = {}
    for (const r of results) for (const [kind, n] of Object.entries(r.failures)) failures[kind] = (failures[kind] ?? 0) + n
    return {
      calls,
      ok: results.reduce((sum, r) => sum + r.ok, 0),
      failed: Object.values(failures).reduce((sum, n) => sum + n, 0),
      failures,
      requests: stats.total,
      limited: stats.limited,
      maxInWindow: stats.maxInWindow,
      wallMs,
      floorMs: floorMs(calls),
      accessToken,
    }
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
}

// `proof`: the limiter must send no request the server refuses, within 1.25x of the floor (issue 29's targets).
const ONE = { processes: 1, workers: 8, calls: 64 }
const THREE = { processes: 3, workers: 12, calls: 120 }
export const SCENARIOS = [
  { name: '1 process x 8 workers, in-memory limiter', ...ONE, limiter: 'memory', retries: true, proof: true },
  { name: '1 process x 8 workers, no limiter, retries on', ...ONE, limiter: false, retries: true },
  { name: '1 process x 8 workers, no limiter, retries off', ...ONE, limiter: false, retries: false },
  { name: '3 processes x 4 workers, Redis store', ...THREE, limiter: 'redis', retries: true, proof: true },
  { name: '3 processes x 4 workers, in-memory limiter each', ...THREE, limiter: 'memory', retries: true },
  { name: '3 processes x 4 workers, no limiter, retries on', ...THREE, limiter: false, retries: true },
  { name: '3 processes x 4 workers, no limiter, retries off', ...THREE, limiter: false, retries: false },
]

/** Runs every scenario against one limited server and one Redis; both are stopped before it returns. */
export async function measure(scenarios = SCENARIOS) {
  const server = await createLimitedServer(BUDGET)
  const redis = scenarios.some((s) => s.limiter === 'redis') ? await startRedis() : undefined
  try {
    const rows = []
    for (const s of scenarios) {
      process.stderr.write(`  ${s.name} ...\n`)
      rows.push({ ...s, ...(await runLoad({ server, redisUrl: redis?.url, ...s })) })
    }
    return rows
  } finally {
    await server.close()
    await redis?.stop()
  }
}

export function table(rows) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`
  const cells = [
    ['scenario', 'calls', 'requests', '429s', 'failed', 'wall', 'floor', 'wall/floor'],
    ...rows.map((r) => [r.name, r.calls, r.requests, r.limited, r.failed, s(r.wallMs), s(r.floorMs), `${(r.wallMs / r.floorMs).toFixed(2)}x`]),
  ].map((row) => row.map(String))
  const width = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)))
  return cells.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ')).join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stderr.write(`bench: limits (${BUDGET.requests} requests per ${BUDGET.perMs} ms per access token) ...\n`)
  const rows = await measure()
  console.log(table(rows))
  console.log(`\nrequests: what the server received (retries included); failed: calls that ended in an error.`)
  console.log(`floor: the earliest the last call can be sent under the budget. node ${process.version}.`)
}
