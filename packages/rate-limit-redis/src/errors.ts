import { ParleyError } from '@parley/sdk'

/**
 * Redis could not be used: unreachable, closed, or it refused a command. `address` is `host:port` (never the URL's
 * user or password). Retryable: the same call can succeed once Redis is back.
 */
export class RedisStoreError extends ParleyError {
  declare readonly address: string
  constructor(address: string, problem: string, options?: ErrorOptions) {
    super(`Redis at ${address} ${problem}`, { address, retryable: true }, options)
  }
}

RedisStoreError.prototype.name = 'RedisStoreError'
