#!/usr/bin/env node
// Bundle size of one StackOne list call through @parley/sdk/stackone (esbuild, ESM, minified, browser), gzip -9,
// next to openapi-fetch alone bundled the same way. Prints JSON: { sdkGzip, openapiFetchGzip, ratio }.
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

/** The budget for that bundle: 6 kB gzip (the test suite and `pnpm bench` both check it). */
export const BUDGET_BYTES = 6_000

export const entries = {
  sdk: `import { createStackOne } from '@parley/sdk/stackone'
const so = createStackOne({ apiKey: 'k', accountId: 'a' })
for await (const c of so.paginate('/unified/messaging/conversations', { params: { query: { page_size: '50' } } })) console.log(c.id)`,
  openapiFetch: `import createClient from 'openapi-fetch'
const c = createClient({ baseUrl: 'https://api.stackone.com' })
console.log(await c.GET('/unified/messaging/conversations', { params: { query: { page_size: '50' } } }))`,
}

/** The minified bundle of `contents` as the size check builds it. */
export async function bundle(contents) {
  const out = await build({
    stdin: { contents, resolveDir: here, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    // Measure the published build: ignore the repo's tsconfig paths, which point @parley/* at sources.
    tsconfigRaw: {},
    write: false,
    logLevel: 'silent',
  })
  return out.outputFiles[0].contents
}

export async function gzipSize(contents) {
  return gzipSync(await bundle(contents), { level: 9 }).length
}

export async function measure() {
  const sdkGzip = await gzipSize(entries.sdk)
  const openapiFetchGzip = await gzipSize(entries.openapiFetch)
  return { sdkGzip, openapiFetchGzip, ratio: +(sdkGzip / openapiFetchGzip).toFixed(2) }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await measure()))
