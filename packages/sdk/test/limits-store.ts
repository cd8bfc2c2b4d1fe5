// Budgets are shared process-wide (that is the point), so state left by one test (a 429's pause, a spent window)
// would hold the next test's calls. A test gets a budget space of its own on the SDK's real in-memory store.
import type { RateLimitStore } from '../src/limits/store.js'
import { memoryStore } from '../src/limits/window.js'

let spaces = 0

/** The SDK's in-memory store, with budgets no other `isolatedStore()` sees. */
export function isolatedStore(): RateLimitStore {
  const space = `space${++spaces}/`
  return {
    take: (key, requests, perMs) => memoryStore.take(space + key, requests, perMs),
    pause: (key, ms) => memoryStore.pause(space + key, ms),
  }
}
