import { randomUUID } from 'node:crypto'
import { ConfigurationError, type WebhookStore } from '@parley/sdk'
import { connect, type ConnectionOptions, type RedisSource } from './connection.js'
import { RELEASE } from './lua.js'

export interface RedisWebhookStoreOptions extends ConnectionOptions {
  /** Prepended to every event key. Default `'parley:webhook:'`. */
  prefix?: string | undefined
  /** How long a claim holds without `done` or `release` (a handler still running, or one that crashed). Default 5 min. */
  leaseMs?: number | undefined
  /** How long a handled event is remembered, so a redelivery is skipped. Default 24 h (vendors redeliver for 15 min to 11 h). */
  rememberMs?: number | undefined
}

export interface RedisWebhookStore extends WebhookStore {
  /** Closes the client the store made from a URL; a client you passed stays open. */
  close(): Promise<void>
}

/** Which webhook events were handled, kept in Redis so many processes behind one webhook URL handle each once. */
export function createRedisWebhookStore(source: RedisSource, options: RedisWebhookStoreOptions = {}): RedisWebhookStore {
  const prefix = options.prefix ?? 'parley:webhook:'
  if (typeof prefix !== 'string') throw new ConfigurationError('prefix', `must be a string, got a ${typeof prefix}`)
  const leaseMs = checkMs(options.leaseMs, 5 * 60_000, 'leaseMs')
  const rememberMs = checkMs(options.rememberMs, 24 * 3_600_000, 'rememberMs')
  const redis = connect(source, options)
  // The value of each claim this store holds: release deletes a claim only while it is still ours, so a handler that
  // outlived its lease cannot free the claim of the delivery that took over.
  const claims = new Map<string, string>()

  return {
    async claim(key) {
      const token = randomUUID()
      if ((await redis.command(['SET', prefix + key, token, 'NX', 'PX', String(leaseMs)])) !== null) {
        claims.set(key, token)
        return 'claimed'
      }
      // Held: by a handler (a claim token) or as handled. Gone meanwhile (released, lapsed) counts as busy: the
      // vendor's redelivery claims it.
      return (await redis.command(['GET', prefix + key])) === 'done' ? 'done' : 'busy'
    },
    async done(key) {
      claims.delete(key)
      // Unconditional: an event handled after its lease lapsed was handled all the same.
      await redis.command(['SET', prefix + key, 'done', 'PX', String(rememberMs)])
    },
    async release(key) {
      const token = claims.get(key)
      claims.delete(key)
      if (token) await redis.run(RELEASE, [prefix + key], [token])
    },
    close: () => redis.close(),
  }
}

function checkMs(value: unknown, fallback: number, field: string): number {
  if (value === undefined) return fallback
  if (!(Number.isInteger(value) && (value as number) > 0)) throw new ConfigurationError(field, `must be a positive integer (ms), got ${String(value)}`)
  return value as number
}
