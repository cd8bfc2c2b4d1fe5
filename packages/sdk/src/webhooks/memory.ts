// The default dedupe store: one process's memory, bounded. Enough for one server; several processes behind one
// webhook URL need a shared store (`@parley/rate-limit-redis`).
import { describe } from '../core/describe.js'
import { ConfigurationError } from '../errors.js'
import type { WebhookStore } from './store.js'

export interface MemoryWebhookStoreOptions {
  /** Keys kept at most; past it the oldest go first. Default 10 000. */
  maxKeys?: number | undefined
  /** How long a handled event is remembered, in ms. Default 24 h (vendors redeliver for 15 min to 11 h). */
  rememberMs?: number | undefined
  /** How long a claim holds without `done` or `release` (a handler still running, or one that hung). Default 5 min. */
  leaseMs?: number | undefined
}

function positive(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || (value as number) < 1) throw new ConfigurationError(field, `must be a positive integer, got ${describe(value)}`)
  return value as number
}

export function createMemoryWebhookStore(options: MemoryWebhookStoreOptions = {}): WebhookStore {
  const maxKeys = positive(options.maxKeys, 'maxKeys', 10_000)
  const rememberMs = positive(options.rememberMs, 'rememberMs', 24 * 60 * 60 * 1000)
  const leaseMs = positive(options.leaseMs, 'leaseMs', 5 * 60 * 1000)
  // Key -> the time its claim or its memory ends. A Map iterates in insertion order and every write re-inserts,
  // so the first key is the one written longest ago: the one to drop when full.
  const until = new Map<string, number>()
  const put = (key: string, ms: number) => {
    until.delete(key)
    if (until.size >= maxKeys) until.delete(until.keys().next().value!)
    until.set(key, Date.now() + ms)
  }
  return {
    async claim(key) {
      if ((until.get(key) ?? 0) > Date.now()) return false
      put(key, leaseMs)
      return true
    },
    async done(key) {
      put(key, rememberMs)
    },
    async release(key) {
      until.delete(key)
    },
  }
}
