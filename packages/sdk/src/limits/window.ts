// The in-memory RateLimitStore: each budget's recent requests as a sliding log (when each leaves the window, oldest
// first), so the count holds in ANY window of the length asked, not only in fixed ones (a token bucket or fixed
// window could let 2N through around a boundary).
import type { RateLimitStore } from './store.js'

/** When each request taken in the last window leaves it, oldest first, and when the budget's pause ends. */
type Log = number[] & { pausedUntil?: number }

// Date.now, like every other clock the SDK reads, so that fake timers in a caller's tests move budgets too.
export const now = () => Date.now()

/**
 * A RateLimitStore in this process's memory: budgets shared by the clients given it, in one process. Every client
 * uses one such store unless given another, so clients sharing a credential share its budget.
 */
export function createMemoryRateLimitStore(): RateLimitStore {
  const logs = new Map<string, Log>()
  const logOf = (key: string, at: number): Log => {
    let log = logs.get(key)
    if (!log) {
      // A new budget (a credential not seen lately) sweeps out the idle ones (empty window, no pause): nothing is lost
      // with them, and the map holds no more than the budgets in use.
      for (const [k, l] of logs) if (!(l.pausedUntil! > at || l.at(-1)! > at)) logs.delete(k)
      logs.set(key, (log = []))
    }
    return log
  }
  return {
    async take(key, requests, perMs) {
      const at = now()
      const log = logOf(key, at)
      if (log.pausedUntil! > at) return log.pausedUntil! - at
      while (log[0]! <= at) log.shift()
      if (log.length < requests) return log.push(at + perMs) && 0
      // Room comes back when the oldest of the newest `requests` leaves the window.
      return log[log.length - requests]! - at
    },
    async pause(key, ms) {
      const at = now()
      const log = logOf(key, at)
      log.pausedUntil = Math.max(log.pausedUntil ?? 0, at + ms)
    },
  }
}

export const memoryStore = /* @__PURE__ */ createMemoryRateLimitStore()
