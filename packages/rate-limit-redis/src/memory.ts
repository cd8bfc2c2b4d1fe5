// The in-process window a Redis store falls back to while Redis is away (`onUnavailable: 'in-process'`): the same
// sliding log, per process. (@parley/sdk keeps its own in-memory store private; this is the few lines it takes.)
import type { RateLimitStore } from '@parley/sdk'

export function createLocalWindow(now: () => number = () => performance.now()): RateLimitStore {
  const logs = new Map<string, number[]>()
  const pausedUntil = new Map<string, number>()
  return {
    async take(key, requests, perMs) {
      const t = now()
      const until = pausedUntil.get(key) ?? 0
      if (until > t) return Math.ceil(until - t)
      let log = logs.get(key)
      if (!log) logs.set(key, (log = []))
      while (log.length && log[0]! <= t - perMs) log.shift()
      if (log.length < requests) {
        log.push(t)
        return 0
      }
      return Math.max(1, Math.ceil(log[0]! + perMs - t))
    },
    async pause(key, ms) {
      pausedUntil.set(key, Math.max(pausedUntil.get(key) ?? 0, now() + ms))
    },
  }
}
