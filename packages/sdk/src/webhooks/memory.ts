// The default dedupe store: one process's memory, bounded. Enough for one server; several processes behind one
// webhook URL need a shared store (`@parley/rate-limit-redis`).
import { mustBe } from '../core/describe.js'
import type { WebhookStore } from './store.js'

export interface MemoryWebhookStoreOptions {
  /**
   * Keys kept at most; past it the handled event remembered longest ago goes first. A claim in progress is never
   * dropped: when every key is one, a new claim is `busy` (the vendor is asked to deliver again). Default 10 000.
   */
  maxKeys?: number | undefined
  /** How long a handled event is remembered, in ms. Default 24 h (vendors redeliver for 15 min to 11 h). */
  rememberMs?: number | undefined
  /** How long a claim holds without `done` or `release` (a handler still running, or one that hung). Default 5 min. */
  leaseMs?: number | undefined
}

function positive(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || (value as number) < 1) throw mustBe(field, 'a positive integer', value)
  return value as number
}

export function createMemoryWebhookStore(options: MemoryWebhookStoreOptions = {}): WebhookStore {
  const maxKeys = positive(options.maxKeys, 'maxKeys', 10_000)
  const rememberMs = positive(options.rememberMs, 'rememberMs', 24 * 60 * 60 * 1000)
  const leaseMs = positive(options.leaseMs, 'leaseMs', 5 * 60 * 1000)
  // Key -> when its claim or its memory ends, and whether it was handled. A Map iterates in insertion order and every
  // write re-inserts, so the first handled key met is the one remembered longest ago.
  const keys = new Map<string, { until: number; done: boolean }>()
  /** Makes room for one key: drops a lapsed key or the oldest handled one, never a claim in progress. */
  const room = () => {
    if (keys.size < maxKeys) return true
    const now = Date.now()
    for (const [key, entry] of keys) {
      if (entry.done || entry.until <= now) return keys.delete(key)
    }
    return false
  }
  return {
    async claim(key) {
      const entry = keys.get(key)
      if (entry && entry.until > Date.now()) return entry.done ? 'done' : 'busy'
      keys.delete(key)
      if (!room()) return 'busy'
      keys.set(key, { until: Date.now() + leaseMs, done: false })
      return 'claimed'
    },
    async done(key) {
      keys.delete(key)
      // With no room (every key a claim in progress), a redelivery of this event would be handled again.
      if (room()) keys.set(key, { until: Date.now() + rememberMs, done: true })
    },
    async release(key) {
      keys.delete(key)
    },
  }
}
