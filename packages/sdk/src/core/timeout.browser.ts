// Browser builds (the package.json "browser" map swaps this file in): a timer and a controller per attempt. Sharing
// one timer and reusing controllers (timeout.ts) pays off where each costs a list set-up, an event-loop reference or
// undici's per-signal work (Node); here it would cost bytes for nothing.

/** A controller that aborts once `ms` have passed, unless `settleTimeout` gets it first. */
export const startTimeout = (ms: number): AbortController => {
  const controller = new AbortController() as AbortController & { t?: unknown }
  controller.t = setTimeout(() => controller.abort(), ms)
  return controller
}

// Looked up per call, as setTimeout is: fake timers installed after this module loaded must clear their own timers.
export const settleTimeout = (controller: AbortController | undefined) => clearTimeout((controller as { t?: any } | undefined)?.t)
