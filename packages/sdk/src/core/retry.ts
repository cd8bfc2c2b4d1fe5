// When and how long to wait before trying again. Defaults follow the best of the field (Stainless): 2 retries,
// 0.5 s x 2^n capped at 8 s with up to 25 % jitter, server hints honoured up to 60 s.

export interface RetryOptions {
  /** Retries after the first attempt. Default 2; 0 disables retries. */
  maxRetries?: number | undefined
  /**
   * Also retry operations that are not idempotent (a POST that sends or creates something). Off by default: a
   * retried send can deliver the same message twice when the first attempt reached the server.
   */
  retryNonIdempotent?: boolean | undefined
  /** Longest server-requested wait to honour, in ms. Default 60 000; a longer wait fails at once. */
  maxRetryAfterMs?: number | undefined
}

import { mustBe } from './describe.js'

export interface RetryPolicy {
  maxRetries: number
  retryNonIdempotent: boolean
  maxRetryAfterMs: number
}

export const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504])
const BASE_DELAY_MS = 500
const MAX_BACKOFF_MS = 8_000

export function retryPolicy(options: RetryOptions | undefined): RetryPolicy {
  const maxRetries = options?.maxRetries ?? 2
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0 && maxRetries <= 10)) {
    throw mustBe('retry.maxRetries', 'an integer from 0 to 10', maxRetries)
  }
  const retryNonIdempotent = options?.retryNonIdempotent ?? false
  if (typeof retryNonIdempotent !== 'boolean') {
    throw mustBe('retry.retryNonIdempotent', 'true or false', retryNonIdempotent)
  }
  const maxRetryAfterMs = options?.maxRetryAfterMs ?? 60_000
  if (!(maxRetryAfterMs >= 0)) {
    throw mustBe('retry.maxRetryAfterMs', 'a number of ms, 0 or more', maxRetryAfterMs)
  }
  return { maxRetries, retryNonIdempotent, maxRetryAfterMs }
}

/** Exponential backoff for retry n (0-based): 0.5 s, 1 s, 2 s ... capped at 8 s, minus up to 25 % jitter. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** retry, MAX_BACKOFF_MS)
  return Math.round(base * (1 - random() * 0.25))
}

/**
 * The wait the server asked for, in ms: `retry-after-ms`, else `Retry-After` as seconds or as an HTTP date.
 * Undefined when there is no usable hint.
 */
export function serverDelayMs(headers: Headers, now: number = Date.now()): number | undefined {
  // A hint of 0 (or a date already past) says nothing useful: the normal backoff applies, not a busy loop.
  const ms = Number(headers.get('retry-after-ms') || NaN)
  if (ms > 0 && ms < Infinity) return ms
  const after = headers.get('retry-after')
  if (!after) return undefined
  const seconds = Number(after)
  const wait = Number.isNaN(seconds) ? Date.parse(after) - now : seconds * 1000
  return wait > 0 && wait < Infinity ? wait : undefined
}

/**
 * Resolves after `until` ms, or as `until` (a promise) settles, with its value; rejects with the signal's reason as
 * soon as it aborts (clearing the timer, so an abandoned wait keeps nothing alive).
 */
export function waitFor<T = void>(until: number | Promise<T>, signal?: AbortSignal | null): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const settle = (then: (value: any) => void) => (value?: unknown) => {
      signal?.removeEventListener('abort', onAbort)
      then(value)
    }
    // Timers cap at 2^31-1 ms (a longer one fires at once); a caller that needs longer waits again.
    const timer = typeof until === 'number' ? setTimeout(settle(resolve), Math.min(until, 2e9)) : void until.then(settle(resolve), settle(reject))
    signal?.addEventListener('abort', onAbort)
    if (signal?.aborted) onAbort()
  })
}
