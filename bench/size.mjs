// Bundle size of one StackOne list call through @parley/sdk/stackone (esbuild, ESM, minified, browser), gzip -9,
// next to the same call on openapi-fetch alone. test/bundle-size.test.ts asserts the budget; `pnpm bench` prints it.
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

/** 7 KiB gzip: 6 KiB for the client, 1 KiB for the rate limiter it carries by default. */
export const BUDGET_BYTES = 7_168

export const entries = {
  sdk: `import { createStackOne } from '@parley/sdk/stackone'
const so = createStackOne({ apiKey: 'k', accountId: 'a' })
for await (const c of so.paginate('/unified/messaging/conversations', { params: { query: { page_size: '50' } } })) console.log(c.id)`,
  openapiFetch: `import createClient from 'openapi-fetch'
const c = createClient({ baseUrl: 'https://api.stackone.com' })
console.log(await c.GET('/unified/messaging/conversations', { params: { query: { page_size: '50' } } }))`,
}

/** The minified bundle of `contents`, resolved from bench/ against the built packages. */
export async function bundle(contents) {
  const out = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    tsconfigRaw: {}, // the repo's tsconfig paths point @parley/* at sources; measure what is published
    write: false,
    logLevel: 'silent',
  })
  return out.outputFiles[0].contents
}

const gzipSize = async (contents) => gzipSync(await bundle(contents), { level: 9 }).length

export async function measure() {
  const sdk = await gzipSize(entries.sdk)
  const openapiFetch = await gzipSize(entries.openapiFetch)
  return { sdkGzip: sdk, openapiFetchGzip: openapiFetch, ratio: Math.round((sdk / openapiFetch) * 100) / 100 }
}
