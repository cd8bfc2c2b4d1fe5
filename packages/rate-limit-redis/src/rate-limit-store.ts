import { randomUUID } from 'node:crypto'
import { ConfigurationError, createMemoryRateLimitStore, type RateLimitStore } from '@parley/sdk'
import { connect, type ConnectionOptions, type RedisSource } from './connection.js'
import { BUDGET } from './lua.js'

export interface RedisRateLimitStoreOptions extends ConnectionOptions {
  /** Prepended to every Redis key. Default `''`: the SDK's budget keys already start with `parley:`. */
  prefix?: string | undefined
  /**
   * What a call does when Redis cannot be used (unreachable, closed, refusing commands):
   * `'reject'` (default) fails it with a `RedisStoreError`; `'in-process'` keeps the budget in this process until
   * Redis is back (each process then keeps the whole budget to itself, so together they may send more).
   */
  onUnavailable?: 'reject' | 'in-process' | undefined
}

export interface RedisRateLimitStore extends RateLimitStore {
  /** Closes the client the store made from a URL; a client you passed stays open. */
  close(): Promise<void>
}

/**
 * A rate-limit budget kept in Redis, shared by every process that uses the same Redis and credential: at most
 * `requests` in any `perMs` window, counted by one Lua script on Redis's clock.
 */
export function createRedisRateLimitStore(source: RedisSource, options: RedisRateLimitStoreOptions = {}): RedisRateLimitStore {
  const prefix = options.prefix ?? ''
  if (typeof prefix !== 'string') throw new ConfigurationError('prefix', `must be a string, got a ${typeof prefix}`)
  const onUnavailable = options.onUnavailable ?? 'reject'
  if (onUnavailable !== 'reject' && onUnavailable !== 'in-process') {
    throw new ConfigurationError('onUnavailable', `must be 'reject' or 'in-process', got ${JSON.stringify(onUnavailable)}`)
  }
  const redis = connect(source, options)
  const local = onUnavailable === 'in-process' ? createMemoryRateLimitStore() : undefined
  // Sorted-set members must be unique across processes: one random id per store, one counter per take.
  const id = randomUUID()
  let taken = 0
  // The hash tag keeps a budget's two keys in one Redis Cluster slot.
  const keys = (key: string) => [`${prefix}{${key}}:log`, `${prefix}{${key}}:pause`]

  async function guarded<T>(viaRedis: () => Promise<T>, locally: (store: RateLimitStore) => Promise<T>): Promise<T> {
    // While Redis is known to be down, go straight to the local window instead of waiting on Redis each call.
    if (local && redis.down) return locally(local)
    try {
      return await viaRedis()
    } catch (err) {
      if (local && (err as Error)?.name === 'RedisStoreError') return locally(local)
      throw err
    }
  }

  return {
    take(key, requests, perMs) {
      return guarded(
        async () => Number(await redis.run(BUDGET, keys(key), ['take', String(requests), String(perMs), `${id}:${++taken}`])),
        (store) => store.take(key, requests, perMs),
      )
    },
    pause(key, ms) {
      return guarded(
        async () => {
          await redis.run(BUDGET, keys(key), ['pause', String(Math.ceil(ms))])
        },
        (store) => store.pause(key, ms),
      )
    },
    close: () => redis.close(),
  }
}
