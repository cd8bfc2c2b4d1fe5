// `pnpm bench`: builds, then runs every benchmark against its baseline from the same run and prints one table.
// `node bench/run.mjs calls pagination` runs only the named ones. A missed target is marked MISS and the exit code
// stays 0 (benchmarks are not tests); only a benchmark that cannot run at all exits 1.
import { cpus, loadavg } from 'node:os'

const fmt = (x, unit) => `${Math.round(x).toLocaleString('en-US')} ${unit}`
const atMost = (ratio, max) => ({ ratio, target: `<= ${max}x`, ok: ratio <= max })
const atLeast = (ratio, min) => ({ ratio, target: `>= ${min}x`, ok: ratio >= min })

const benchmarks = {
  async size() {
    const { BUDGET_BYTES, measure } = await import('./size.mjs')
    const r = await measure()
    return [{
      name: 'bundle, one StackOne list call (gzip)',
      figure: `sdk ${fmt(r.sdkGzip, 'B')}`,
      baseline: `openapi-fetch ${fmt(r.openapiFetchGzip, 'B')}`,
      ratio: r.ratio,
      target: `sdk <= ${fmt(BUDGET_BYTES, 'B')}`,
      ok: r.sdkGzip <= BUDGET_BYTES,
    }]
  },
  async import() {
    const { measure, target } = await import('./import.mjs')
    const r = await measure()
    const row = { name: `cold import (median of ${r.rounds})`, figure: `@parley/sdk ${r.ms.sdk.toFixed(1)} ms` }
    return [{ ...row, baseline: `openapi-fetch ${r.ms.openapiFetch.toFixed(1)} ms`, ...atMost(r.ratio, target) }]
  },
  async calls() {
    const { measure, targets } = await import('./calls.mjs')
    const r = await measure()
    const row = (label, x, min) => ({
      name: `GET req/s, ${label} (${r.rounds} x ${r.calls})`,
      figure: `sdk ${fmt(x.reqPerSec, 'req/s')}`,
      baseline: `openapi-fetch ${fmt(x.baselineReqPerSec, 'req/s')}`,
      ...atLeast(x.ratio, min),
    })
    return [row('timeoutMs: Infinity', r.noTimeout, targets.noTimeout), row('default timeout', r.timeout, targets.timeout)]
  },
  async pagination() {
    const { measure, target } = await import('./pagination.mjs')
    const r = await measure()
    return [{
      name: `paginate() ${r.items.toLocaleString('en-US')} items / ${r.pages} pages (median of ${r.rounds})`,
      figure: `sdk ${fmt(r.ms.sdk, 'ms')}`,
      baseline: `raw fetch loop ${fmt(r.ms.raw, 'ms')}`,
      ...atMost(r.ratio, target),
    }]
  },
  async limits() {
    const { measure } = await import('./limits.mjs')
    const rows = await measure()
    // The rows the limiter must win (in memory in one process, Redis across three) have a target: no 429, and the
    // last call within 1.25x of the floor. The others show what happens without it.
    return rows.map((r) => ({
      name: `rate limit: ${r.name} (${r.calls} calls)`,
      figure: `${r.limited} x 429, ${r.failed} failed, ${(r.wallMs / 1000).toFixed(2)} s`,
      baseline: `floor ${(r.floorMs / 1000).toFixed(2)} s`,
      ratio: Math.round((r.wallMs / r.floorMs) * 100) / 100,
      target: r.proof ? '0 x 429, <= 1.25x' : '',
      ok: r.proof ? r.limited === 0 && r.wallMs <= 1.25 * r.floorMs : '',
    }))
  },
  async types() {
    const { MAX_RATIO, measure } = await import('../test/type-cost/instantiations.mjs')
    const r = measure()
    const row = { name: 'type-check, four clients (instantiations)', figure: `sdk ${r.sdk.toLocaleString('en-US')}` }
    return [{ ...row, baseline: `openapi-fetch ${r.openapiFetch.toLocaleString('en-US')}`, ...atMost(r.ratio, MAX_RATIO) }]
  },
}

const only = process.argv.slice(2)
const rows = []
for (const [key, run] of Object.entries(benchmarks)) {
  if (only.length && !only.includes(key)) continue
  process.stderr.write(`bench: ${key} ...\n`)
  try {
    rows.push(...(await run()))
  } catch (err) {
    process.stderr.write(`${err?.stack ?? err}\n`)
    rows.push({ name: key, figure: `did not run: ${String(err?.message ?? err).split('\n')[0]}`, baseline: '', ratio: '', target: '', ok: 'ERROR' })
  }
}

const columns = ['name', 'figure', 'baseline', 'ratio', 'target', 'ok']
const header = { name: 'benchmark', figure: 'figure', baseline: 'baseline (same run)', ratio: 'ratio', target: 'target', ok: '' }
const cells = [header, ...rows.map((r) => ({ ...r, ok: r.ok === true ? 'ok' : r.ok === false ? 'MISS' : r.ok }))]
const width = (c) => Math.max(...cells.map((r) => String(r[c]).length))
for (const r of cells) console.log(columns.map((c) => String(r[c]).padEnd(width(c))).join('  ').trimEnd())
const load = loadavg().map((x) => x.toFixed(1)).join(' ')
console.log(`\nnode ${process.version}, ${cpus().length} CPUs, load ${load}. Ratios compare contenders of the same run.`)
if (rows.some((r) => r.ok === 'ERROR')) process.exitCode = 1
