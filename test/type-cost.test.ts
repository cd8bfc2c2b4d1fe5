// What the SDK's types cost a user's editor: a consumer of the four clients (test/type-cost/sdk.ts) may cost tsc at
// most 1.5x the type instantiations of the same calls on bare openapi-fetch (test/type-cost/openapi-fetch.ts).
// Both compile against the built declarations, as a user's project does, so `pnpm build` runs first.
import { describe, expect, it } from 'vitest'
import { MAX_RATIO, measure } from './type-cost/instantiations.mjs'

describe('type-check cost', () => {
  it(`a consumer of the four clients costs at most ${MAX_RATIO}x the instantiations of bare openapi-fetch`, () => {
    const { sdk, openapiFetch, ratio } = measure() as { sdk: number; openapiFetch: number; ratio: number }
    const figures = `sdk.ts ${sdk.toLocaleString('en-US')} instantiations, openapi-fetch.ts ${openapiFetch.toLocaleString('en-US')}: ${ratio}x (max ${MAX_RATIO}x)`
    expect(sdk / openapiFetch, figures).toBeLessThanOrEqual(MAX_RATIO)
  }, 60_000)
})
