/** One attempt's signal: aborted once `ms` have passed (unless `ms` is Infinity) or when the caller's signal aborts. */
export interface Attempt {
  readonly signal: AbortSignal | undefined
  /** Whether the timer, not the caller, ended the attempt. */
  timedOut(): boolean
  /** Stops the timer and lets go of the caller's signal. */
  end(): void
}

export function startAttempt(ms: number, caller: AbortSignal | null | undefined): Attempt {
  if (ms === Infinity) return { signal: caller ?? undefined, timedOut: () => false, end() {} }
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, ms)
  const onAbort = () => controller.abort(caller!.reason)
  caller?.addEventListener('abort', onAbort)
  if (caller?.aborted) onAbort()
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    end() {
      clearTimeout(timer)
      caller?.removeEventListener('abort', onAbort)
    },
  }
}
