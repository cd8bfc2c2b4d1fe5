// Keeps a client within its vendor's rate limit. Each credential has one budget, named `parley:<api>:<hash>`;
// every attempt takes a slot of it from a RateLimitStore before it is sent. Calls of one budget take turns in order
// (FIFO within a process, across every client of that credential): only the call whose turn it is asks the store,
// and sleeps until room may free up. A call whose wait would pass `maxWaitMs` fails at once with a RateLimitError
// (what is foreseen: the wait of the call whose turn it is, a window per budget of calls ahead); one whose turn comes
// later than foreseen fails then, unsent.
import { mustBe } from '../core/describe.js'
import { RateLimitError } from '../errors.js'
import type { RateLimitStore } from './store.js'
import { waitFor } from '../core/retry.js'
import { memoryStore, now } from './window.js'

export interface RateLimitOptions {
  /**
   * Requests allowed in ANY window of `perMs` ms (a sliding window), with `perMs`. Defaults to the vendor's
   * documented budget where it is confirmed (Mews 200 per 30 s, StackOne 1,000 per 60 s); elsewhere (Brevo,
   * Sunshine) there is none, and calls are paced only by what the server says.
   */
  requests?: number | undefined
  /** The window of `requests`, in ms. */
  perMs?: number | undefined
  /** Where budgets are kept. Default: this process's memory. `@parley/rate-limit-redis` shares them across processes. */
  store?: RateLimitStore | undefined
  /**
   * Longest a call may wait for its budget (its turn included), in ms. Default 60 000; a call fails with a
   * RateLimitError at once when its wait is foreseen to be longer, and unsent when its turn comes later than this.
   */
  maxWaitMs?: number | undefined
  /** Called each time a call, its turn come, sleeps for room in its budget (the store said wait). */
  onLimited?: ((info: RateLimitInfo) => void) | undefined
}

export interface RateLimitInfo {
  /** How long the call will wait at least, in ms. */
  waitMs: number
  /** `METHOD /path/template` of the call. */
  operation: string
  /** The budget's name (`parley:<api>:<hash>`), never the credential. */
  key: string
}

/** A budget as the API package generates it from the spec's x-parley-rate-limit. */
export interface DeclaredRateLimit {
  /** What the vendor counts a budget by (`accessToken`, `apiKey`, `undisclosed`); `credential` reads it. */
  readonly per: string
  readonly requests?: number
  readonly perMs?: number
}

/** What a client's budgets are: `api` names them, `declared` is the spec's, `credential` reads what they count by. */
export interface BudgetOf<Init> {
  api: string
  declared: DeclaredRateLimit
  credential(init: Init): string
}

/** A client's limiter. Budgets are named by `key`; the other methods act on one. */
export interface Limiter {
  /** The budget of a credential (the one the vendor counts requests by): `parley:<api>:<hash>`. */
  key(credential: string): Promise<string>
  /** Resolves when this attempt may be sent; rejects with a RateLimitError, the signal's reason or a store's error. */
  take(key: string, operation: string, signal?: AbortSignal | null): Promise<void>
  /** Where the budgets are kept; its `pause` holds back every caller of a budget (a 429, a spent window). */
  store: RateLimitStore
}

interface Queue {
  /** Settles when the last call in line has had its turn (or left): the next call's turn starts then. */
  tail: Promise<unknown>
  /** Calls in line, the one whose turn it is included. */
  waiting: number
}

// A budget's queue lives while calls wait for it, so this holds no more than the budgets in use.
const queues = new Map<string, Queue>()
// The key of each credential seen, by API: hashing on every call would cost more than the rest. Shared, so the
// first calls of two clients of one credential queue in the order they were made, not as their hashes finish.
const keys = new Map<string, Promise<string>>()

/** The client's limiter: undefined for `rateLimit: false`. */
export function createLimiter({ api, declared }: BudgetOf<never>, options: RateLimitOptions | false | undefined): Limiter | undefined {
  if (options === false) return undefined
  if (typeof options !== 'object' && options !== undefined) throw mustBe('rateLimit', 'an object or false', options)
  const { requests, perMs, store = memoryStore, maxWaitMs = 60_000, onLimited } = options ?? {}
  // A budget is both numbers: one without the other is refused, naming the missing one.
  for (const [field, value] of Object.entries({ requests, perMs })) {
    if ((requests ?? perMs) !== undefined && !(Number.isInteger(value) && value! > 0 && value! < 2 ** 31)) {
      throw mustBe(`rateLimit.${field}`, 'an integer from 1 to 2^31-1', value)
    }
  }
  if (!(maxWaitMs >= 0)) throw mustBe('rateLimit.maxWaitMs', 'a number of ms, 0 or more', maxWaitMs)
  if (typeof store?.take !== 'function' || typeof store.pause !== 'function') throw mustBe('rateLimit.store', 'a RateLimitStore', store)
  if (onLimited !== undefined && typeof onLimited !== 'function') throw mustBe('rateLimit.onLimited', 'a function', onLimited)
  // Without a budget (none given, none declared) only pauses hold calls back.
  const budgetMs = perMs ?? declared.perMs ?? 1
  const budgetRequests = requests ?? declared.requests ?? 2 ** 31
  // Each slot is held a little past the window (2 % and 100 ms): jitter between taking a slot and the request's
  // arrival could otherwise land N+1 arrivals in one of the server's windows.
  const windowMs = Math.ceil(budgetMs * 1.02) + 100

  return {
    key(credential) {
      // No API's name starts another's, so the pair cannot be mistaken for another.
      const id = api + credential
      let key = keys.get(id)
      if (!key) {
        if (keys.size >= 1000) keys.clear()
        // `parley:<api>:` and the first 16 hex digits of the credential's SHA-256.
        key = crypto.subtle
          .digest('SHA-256', new TextEncoder().encode(credential))
          .then((digest) => `parley:${api}:${new DataView(digest).getBigUint64(0).toString(16).padStart(16, '0')}`)
        keys.set(id, key)
      }
      return key
    },
    async take(key, operation, signal) {
      const start = now()
      /** Fails now when this call would still be waiting at `until`, past its maxWaitMs. */
      const check = (until: number) => {
        if (until - start > maxWaitMs) throw new RateLimitError(operation, until - start, maxWaitMs, key)
      }
      const q = queues.get(key) ?? { tail: Promise.resolve(), waiting: 0 }
      queues.set(key, q)
      const ahead = q.waiting++
      const turn = q.tail
      let leave!: () => void
      q.tail = new Promise<void>((resolve) => (leave = resolve))
      try {
        // A window for each `requests` calls ahead of this one, at least.
        check(start + Math.floor(ahead / budgetRequests) * windowMs)
        await waitFor(turn, signal)
        // The calls ahead took longer than foreseen (one slept for room, a store was slow): a turn that comes more than
        // 50 ms past maxWaitMs is not used. The spare is for calls that merely queued behind others that went at once.
        check(now() - 50)
        // The signal holds while the store answers too (a store that hangs must not hold the call).
        for (let waitMs; (waitMs = await waitFor(store.take(key, budgetRequests, windowMs), signal)) > 0; ) {
          check(now() + waitMs)
          onLimited?.({ waitMs, operation, key })
          await waitFor(waitMs, signal)
        }
      } finally {
        if (--q.waiting === 0) queues.delete(key)
        // The next call's turn comes once this one's has come and this one has left (sent, failed or aborted).
        void turn.then(leave)
      }
    },
    store,
  }
}
