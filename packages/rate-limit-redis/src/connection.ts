// One Redis connection as the stores use it: wait (a bounded time) until it is ready, run a command or a Lua script
// (waiting a bounded time for its answer), and turn every failure into a RedisStoreError that names host:port and never the URL's credentials.
import { createHash } from 'node:crypto'
import { createClient } from '@redis/client'
import { ConfigurationError } from '@parley/sdk'
import { RedisStoreError } from './errors.js'

/**
 * The part of a node-redis client the stores use: `createClient()` from `redis` or `@redis/client`, v5 or v6.
 * A client you pass is yours: connect it first; `close()` leaves it open.
 */
export interface NodeRedisClient {
  readonly isOpen: boolean
  readonly isReady: boolean
  sendCommand(args: string[]): Promise<unknown>
  on(event: 'ready', listener: () => void): unknown
  off(event: 'ready', listener: () => void): unknown
}

/** Where Redis is: a `redis://` / `rediss://` URL (the store makes and owns its client), or a client of yours. */
export type RedisSource = { url: string } | { client: NodeRedisClient }

export interface ConnectionOptions {
  /** How long a call waits for Redis to be connected before it fails (or falls back). Default 2000 ms. */
  connectTimeoutMs?: number | undefined
  /**
   * How long a call waits for Redis to answer a command before it fails (or falls back) with a RedisStoreError, so a
   * Redis that hangs holds no call, and no call queued behind it, for longer. Default 2000 ms.
   */
  commandTimeoutMs?: number | undefined
}

export interface Script {
  readonly source: string
  readonly sha: string
}

export function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') }
}

export interface Connection {
  /** `host:port`, for messages. */
  readonly address: string
  /** True while Redis is known to be unreachable: calls fail at once instead of waiting again. */
  readonly down: boolean
  command(args: string[]): Promise<unknown>
  /** EVALSHA, and EVAL (which caches the script again) when Redis answers NOSCRIPT, as it does after a restart. */
  run(script: Script, keys: string[], args: string[]): Promise<unknown>
  close(): Promise<void>
}

const RECONNECT_MAX_MS = 1000

export function connect(source: RedisSource, options: ConnectionOptions = {}): Connection {
  const connectTimeoutMs = options.connectTimeoutMs ?? 2000
  const commandTimeoutMs = options.commandTimeoutMs ?? 2000
  for (const [field, ms] of Object.entries({ connectTimeoutMs, commandTimeoutMs })) {
    if (!(ms > 0 && ms < 2 ** 31)) throw new ConfigurationError(field, `must be 1 to 2^31-1 (ms), got ${String(ms)}`)
  }
  const own = 'url' in source
  let client: NodeRedisClient & { connect?(): Promise<unknown>; close?(): Promise<void>; destroy?(): void }
  let address: string
  let redact = (message: string) => message
  if (own) {
    const url = parseUrl(source.url)
    address = `${url.hostname}:${url.port || 6379}`
    const secrets = [url.password, url.username].filter(Boolean).flatMap((s) => [s, decodeURIComponent(s)])
    redact = (message) => secrets.reduce((m, s) => m.split(s).join('***'), message)
    client = createClient({
      url: source.url,
      // RESP2 works with every Redis the scripts need (>= 5) and with proxies that reject HELLO 3.
      RESP: 2,
      // A call while Redis is away fails (or falls back) after connectTimeoutMs instead of queueing unbounded.
      disableOfflineQueue: true,
      socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, RECONNECT_MAX_MS) },
    }) as unknown as typeof client
  } else {
    if (!source.client || typeof source.client.sendCommand !== 'function') {
      throw new ConfigurationError('client', 'must be a node-redis client (createClient() from `redis` or `@redis/client`)')
    }
    client = source.client
    address = addressOf(client)
  }

  let started = !own
  let down = false
  let lastError = ''
  let waiting: Promise<void> | undefined
  const onReady = () => {
    down = false
  }
  client.on('ready', onReady)
  // Our own client's connection errors arrive here (and would crash the process unheard); a caller's client has
  // its owner's listener.
  if (own) (client as unknown as NodeJS.EventEmitter).on('error', (err: Error) => (lastError = redact(err.message)))

  const unreachable = () => new RedisStoreError(address, `is unreachable (${lastError || `no connection within ${connectTimeoutMs} ms`})`)

  async function ready(): Promise<void> {
    if (client.isReady) return
    if (!started) {
      started = true
      // connect() settles only once connected; readiness is awaited below, with a bound.
      client.connect!().catch(() => {})
    }
    if (!client.isOpen) {
      throw new RedisStoreError(address, own ? 'is not connected: the store was closed' : 'is not connected: connect the client (await client.connect()) before the first call')
    }
    if (down) throw unreachable()
    // One wait shared by every call that arrives meanwhile (one 'ready' listener, not one per call).
    waiting ??= new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        client.off('ready', done)
        waiting = undefined
        resolve()
      }
      const timer = setTimeout(done, connectTimeoutMs)
      client.on('ready', done)
    })
    await waiting
    if (!client.isReady) {
      down = true
      throw unreachable()
    }
  }

  async function send(args: string[]): Promise<unknown> {
    await ready()
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      // Our own timer rather than the client's option: a client you pass may be one (v5) whose timeout does not
      // cover a command already sent. A late answer is dropped; a take it counted stays counted (the safe side).
      return await Promise.race([
        client.sendCommand(args),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new RedisStoreError(address, `did not answer within ${commandTimeoutMs} ms`)), commandTimeoutMs)
        }),
      ])
    } catch (err) {
      if (isReplyError(err) || (err as Error)?.name === 'RedisStoreError') throw err
      throw new RedisStoreError(address, `failed: ${redact((err as Error)?.message ?? String(err))}`, { cause: err })
    } finally {
      clearTimeout(timer)
    }
  }

  const refused = (err: unknown) => new RedisStoreError(address, `refused the command: ${redact((err as Error).message)}`, { cause: err })

  return {
    address,
    get down() {
      return down
    },
    async command(args) {
      try {
        return await send(args)
      } catch (err) {
        throw isReplyError(err) ? refused(err) : err
      }
    },
    async run(script, keys, args) {
      const tail = [String(keys.length), ...keys, ...args]
      try {
        return await send(['EVALSHA', script.sha, ...tail])
      } catch (err) {
        if (!isReplyError(err)) throw err
        if (!(err as Error).message.startsWith('NOSCRIPT')) throw refused(err)
      }
      try {
        return await send(['EVAL', script.source, ...tail])
      } catch (err) {
        throw isReplyError(err) ? refused(err) : err
      }
    },
    async close() {
      client.off('ready', onReady)
      if (!own || !client.isOpen) return
      if (client.isReady) await client.close!().catch(() => client.destroy!())
      else client.destroy!()
    },
  }
}

function parseUrl(value: unknown): URL {
  // The URL may hold a password: messages describe it, never echo it.
  if (typeof value !== 'string') throw new ConfigurationError('url', `must be a redis:// or rediss:// URL string, got ${value === null ? 'null' : `a ${typeof value}`}`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigurationError('url', 'must be a redis:// or rediss:// URL, got a string that is not a URL')
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigurationError('url', `must be a redis:// or rediss:// URL, got a ${url.protocol.slice(0, -1)}: URL`)
  }
  return url
}

/** host:port of a client you passed, from its own options (a node-redis client keeps them). */
function addressOf(client: NodeRedisClient): string {
  const options = (client as { options?: { url?: string; socket?: { host?: string; port?: number; path?: string } } }).options
  if (options?.url) {
    try {
      const url = new URL(options.url)
      return `${url.hostname}:${url.port || 6379}`
    } catch {}
  }
  const socket = options?.socket
  if (socket?.path) return socket.path
  return `${socket?.host ?? 'localhost'}:${socket?.port ?? 6379}`
}

/** Redis answered with an error reply (the connection is fine). Matched by name: the caller's client may come from another copy of node-redis. */
function isReplyError(err: unknown): boolean {
  for (let p = err && Object.getPrototypeOf(err); p && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
    if (p.constructor?.name === 'ErrorReply') return true
  }
  return false
}
