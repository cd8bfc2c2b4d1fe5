// Keeps the browser bundle of one StackOne list call through @parley/sdk/stackone at or under 7 KiB gzip
// (esbuild, ESM, minified, browser platform; measured on the built packages, so `pnpm build` runs first).
import { describe, expect, it } from 'vitest'
import { operations } from '@parley/stackone-messaging'
import { BUDGET_BYTES, bundle, entries, measure } from '../bench/size.mjs'

describe('bundle size', () => {
  it(`one StackOne list call through @parley/sdk/stackone is <= ${BUDGET_BYTES} bytes gzip`, async () => {
    const { sdkGzip, openapiFetchGzip } = (await measure()) as { sdkGzip: number; openapiFetchGzip: number }
    expect(openapiFetchGzip).toBeGreaterThan(1_000) // the baseline measured something real
    expect(sdkGzip).toBeLessThanOrEqual(BUDGET_BYTES)
  }, 60_000)

  it('the bundle carries the operation metadata but no operation ids (the SDK reads the generated operationList)', async () => {
    const text = new TextDecoder().decode((await bundle(entries.sdk)) as Uint8Array)
    expect(text).toContain('/unified/messaging/conversations/{id}/messages')
    const ids = Object.keys(operations)
    expect(ids).toHaveLength(11)
    expect(ids.filter((id) => text.includes(id))).toEqual([])
  }, 60_000)
})
