#!/usr/bin/env node
// Instructions, not seconds: the client's work per listing (pagination.mjs's 1,000 pages of 100 items) and per
// 1,000 GETs (overhead.mjs's single-user GET), counted by valgrind's callgrind. Timed runs on these shared 2-core
// VMs move by 10-20 % from run to run; an instruction count does not depend on what else the machine is doing, so
// it shows changes of a few percent that the timed benchmarks cannot. It is not time: a cache miss or a syscall's
// kernel work counts as little as any instruction, and the kernel is not counted at all. The timed benchmarks
// (`pnpm bench`) stay the measure of the targets.
//   How: each contender runs in its own process under callgrind, with the benchmark's server in a child process that
//   callgrind does not follow. A process warms up (12 runs), then does `n` more; the count for n = 0 is subtracted from
//   the count for n = RUNS, so start-up and warm-up drop out. Twelve: V8 still optimizes functions during the third to
//   eighth listing (`--trace-opt`), and with --predictable that compiling is counted.
//   Repeatable: V8 runs with --predictable (single-threaded: no concurrent compiler or GC threads; no memory reducer),
//   --no-incremental-marking, a 1,500 MB initial old space, a fixed 16 MB young generation and fixed hash and random
//   seeds. Until 2026-11-22 it ran with --single-threaded --predictable-gc-schedule instead, and whole runs differed by
//   3-6 % for the same build: incremental marking sizes its steps by elapsed time, and every full collection
//   deoptimized code that held objects it freed ("weak objects" in --trace-deopt), which V8 then compiled again inside
//   the counted listings (230-390 M of a listing's count was TurboFan). With the flags above, no full collection falls
//   in a run, and two processes of the same build, with fetch answered from memory by an undici dispatcher (an
//   experiment not kept here), counted 1,461.61 M and 1,461.62 M per listing. What remains is layout: the same build
//   loaded from another directory counted 0.6 % more, and one small change moved one contender by 0.9 % and another
//   by nothing. Read differences under 1 % between two builds as none.
//   The price of the flags: collections follow a fixed schedule, with no full collection at all, not the one a running
//   application sees.
// Needs valgrind (Debian: apt-get install valgrind). About 35 minutes for `list` alone on 2 cores; not part of
// `pnpm bench`.
// Run `npx -y pnpm@10 build` first, then `node bench/instructions.mjs [list|get]`. Prints a table, then one JSON line.
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startChildServer } from './lib/child-server.mjs'

const RUNS = 2
const GETS_PER_RUN = 1000
const WARMUP_RUNS = 12
const here = fileURLToPath(import.meta.url)

export const suites = {
  list: { module: './pagination.mjs', flag: 'PARLEY_BENCH_PAGINATION_SERVER', unit: 'listing of 1,000 pages', baseline: 'raw', contenders: ['raw', 'rawTimeout', 'floor', 'sdk', 'sdkNoTimeout', 'pages'] },
  get: { module: './overhead.mjs', flag: 'PARLEY_BENCH_OVERHEAD_SERVER', unit: '1,000 sequential GETs', baseline: 'fetch', contenders: ['fetch', 'openapiFetch', 'facade', 'facadeNoTimeout'] },
}

/** One run of `contender` against the server at `origin`. */
async function runner(suite, contender, origin) {
  if (suite === 'list') {
    const p = await import('./pagination.mjs')
    const { createStackOne } = await import('@parley/sdk/stackone')
    const base = `${origin}/fast`
    const client = (timeoutMs) => createStackOne({ apiKey: p.API_KEY, accountId: p.ACCOUNT_ID, baseUrl: base, timeoutMs })
    const run = {
      raw: () => p.rawListing(base, p.RAW_HEADERS),
      rawTimeout: () => p.rawListing(base, p.RAW_HEADERS, 60_000),
      // The API floor: paginate()'s item-at-a-time for-await over the raw pages, no SDK, no timeout.
      floor: () => p.countItems(p.rawItems(base, p.RAW_HEADERS)),
      sdk: () => p.sdkListing(client(undefined)),
      sdkNoTimeout: () => p.sdkListing(client(Infinity)),
      // The SDK's pages() at defaults, its items in a plain for...of: the SDK without the per-item await.
      pages: async () => {
        let count = 0
        for await (const page of client(undefined).pages(p.PATH, p.query)) for (const _ of page.items) count++
        return { count }
      },
    }[contender]
    return async () => {
      const { count } = await run()
      if (count !== p.PAGES * p.PAGE_SIZE) throw new Error(`${contender}: ${count} items`)
    }
  }
  const o = await import('./overhead.mjs')
  const calls = await o.contenders(origin)
  const call = contender === 'facadeNoTimeout' ? (await o.contenders(origin, { timeoutMs: Infinity })).facade : calls[contender]
  return async () => {
    for (let i = 0; i < GETS_PER_RUN; i++) await call()
  }
}

async function child(suite, contender, n) {
  const server = await startChildServer(new URL(suites[suite].module, import.meta.url).href, suites[suite].flag)
  try {
    const run = await runner(suite, contender, server.origin)
    for (let i = 0; i < WARMUP_RUNS + n; i++) await run()
  } finally {
    await server.stop()
  }
}

/** Instructions callgrind counted in one child process. */
function count(suite, contender, n) {
  return new Promise((resolve, reject) => {
    // Why each flag: "Repeatable" in the header comment.
    const v8 = ['--predictable', '--no-incremental-marking', '--initial-old-space-size=1500', '--min-semi-space-size=16', '--max-semi-space-size=16', '--hash-seed=1', '--random-seed=1']
    const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...v8, here, '--child', suite, contender, String(n)]
    const vg = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    vg.stderr.on('data', (d) => (err += d))
    vg.on('error', (e) => reject(e.code === 'ENOENT' ? new Error('valgrind not found (Debian: apt-get install valgrind)') : e))
    vg.on('close', (code) => {
      const m = err.match(/Collected : (\d+)/)
      if (code !== 0 || !m) reject(new Error(`callgrind ${suite}/${contender}/${n} exited ${code}:\n${err.slice(-2000)}`))
      else resolve(Number(m[1]))
    })
  })
}

/** Runs `jobs` (functions returning promises) `width` at a time, results in order. */
async function pool(jobs, width) {
  const out = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++
      out[i] = await jobs[i]()
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
  return out
}

export async function measure(which = Object.keys(suites)) {
  const plan = which.flatMap((suite) => suites[suite].contenders.flatMap((contender) => [0, RUNS].map((n) => ({ suite, contender, n }))))
  const counts = await pool(
    plan.map((p) => () => count(p.suite, p.contender, p.n)),
    Math.max(1, Math.min(2, availableParallelism())),
  )
  const result = { node: process.version, runs: RUNS }
  for (const suite of which) {
    const { unit, baseline, contenders } = suites[suite]
    const per = {}
    for (const contender of contenders) {
      const at = (n) => counts[plan.findIndex((p) => p.suite === suite && p.contender === contender && p.n === n)]
      per[contender] = Math.round((at(RUNS) - at(0)) / RUNS)
    }
    const ratio = Object.fromEntries(contenders.map((c) => [c, +(per[c] / per[baseline]).toFixed(3)]))
    result[suite] = { unit, baseline, instructions: per, ratio }
  }
  return result
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], Number(process.argv[5]))
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const which = process.argv[2] ? [process.argv[2]] : Object.keys(suites)
  const result = await measure(which)
  for (const suite of which) {
    const r = result[suite]
    console.log(`${suite}: instructions per ${r.unit}, ratio to ${r.baseline}`)
    for (const [c, n] of Object.entries(r.instructions)) console.log(`  ${c.padEnd(16)} ${(n / 1e6).toFixed(1).padStart(9)} M   ${r.ratio[c].toFixed(3)}`)
  }
  console.log(JSON.stringify(result))
}
