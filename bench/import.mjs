#!/usr/bin/env node
// Cold import time: a fresh `node` process per sample (nothing cached in memory), timing inside the child with
// performance.now() around `await import(...)`, so node's own start-up is not counted. '@parley/sdk' (the root
// entry, every vendor) against 'openapi-fetch', both resolved from bench/ like any consumer would; runs are
// interleaved pairwise with the order alternating, and the figure is the median of the per-pair ratios.
// '@parley/sdk/stackone' (one vendor) is timed alongside for information. Prints JSON when run directly.
import { spawnSync } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

export const target = 3
export const specifiers = { sdk: '@parley/sdk', openapiFetch: 'openapi-fetch', sdkStackone: '@parley/sdk/stackone' }

/** Milliseconds one fresh node process spends in `await import(specifier)`. */
export function coldImportMs(specifier) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t))`
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: here, // bare specifiers resolve from bench/node_modules
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  if (res.status !== 0) {
    const why = (res.stderr || String(res.error)).split('\n').filter((l) => /Error|Cannot/.test(l))[0] ?? res.stderr
    throw new Error(`import('${specifier}') failed in a fresh node (built? run \`npx -y pnpm@10 build\`): ${why}`)
  }
  return Number(res.stdout)
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export async function measure({ runs = 15 } = {}) {
  const names = Object.keys(specifiers)
  for (const name of names) coldImportMs(specifiers[name]) // warm the file-system cache, not the process
  const ms = Object.fromEntries(names.map((n) => [n, []]))
  for (let i = 0; i < runs; i++) {
    for (const name of i % 2 ? [...names].reverse() : names) ms[name].push(coldImportMs(specifiers[name]))
  }
  const r2 = (x) => Math.round(x * 100) / 100
  const ratios = (name) => ms[name].map((x, i) => x / ms.openapiFetch[i])
  return {
    runs,
    medianMs: Object.fromEntries(names.map((n) => [n, r2(median(ms[n]))])),
    ratio: r2(median(ratios('sdk'))),
    stackoneRatio: r2(median(ratios('sdkStackone'))),
    target,
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await measure(), null, 2))
}
