// The in-memory RateLimitStore: each budget's recent requests as a sliding log (their times, oldest first), so the
// count holds in ANY window of the length asked, not only in fixed ones (a token bucket or fixed window could let
// 2N through around a boundary).
import type { RateLimitStore } from './store.js'

interface Log {
  /** When each request of the current window was taken, oldest first. */
  times: number[]
  pausedUntil: number
}

// A process juggling more budgets than this (one per credential) starts them all over, as after a restart.
const MAX_BUDGETS = 1000

// Date.now, like every other clock the SDK reads, so that fake timers in a caller's tests move budgets too.
export const now = () => Date.now()

const logs = new Map<string, Log>()

function logOf(key: string): Log {
  const log = logs.get(key) ?? { times: [], pausedUntil: 0 }
  if (logs.size >= MAX_BUDGETS) logs.clear()
  logs.set(key, log)
  return log
}

/**
 * The store every client uses unless given one: this process's memory, so clients sharing a credential share its
 * budget.
 */
export const memoryStore: RateLimitStore = {
  async take(key, requests, perMs) {
    const at = now()
    const log = logOf(key)
    if (log.pausedUntil > at) return log.pausedUntil - at
    const times = (log.times = log.times.filter((t) => t > at - perMs))
    if (times.length < requests) {
      times.push(at)
      return 0
    }
    // Room comes back when the oldest of the newest `requests` leaves the window.
    return times[times.length - requests]! + perMs - at
  },
  async pause(key, ms) {
    const at = now()
    const log = logOf(key)
    log.pausedUntil = Math.max(log.pausedUntil, at + ms)
  },
}
