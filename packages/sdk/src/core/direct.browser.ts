// Browser builds (the package.json "browser" map swaps this file in): no direct path. What it saves is CPU that
// Node's fetch (undici) spends copying a Request and a Headers object; in a browser the bytes matter more, and
// openapi-fetch does every call.
import type { DirectCall } from './direct.js'

export const createDirectCall: ((...args: unknown[]) => DirectCall | undefined) | undefined = undefined
