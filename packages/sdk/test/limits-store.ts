// Budgets are shared by every client of a store (that is the point), so state left by one test (a 429's pause, a
// spent window) would hold the next test's calls. A test gets a store of its own: the SDK's real in-memory one.
import type { RateLimitStore } from '../src/limits/store.js'
import { createMemoryRateLimitStore } from '../src/limits/window.js'

/** The SDK's in-memory store, with budgets no other `isolatedStore()` sees. */
export const isolatedStore = (): RateLimitStore => createMemoryRateLimitStore()
