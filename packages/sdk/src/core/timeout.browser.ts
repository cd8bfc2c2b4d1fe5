// Browser builds (the package.json "browser" map swaps this file in): a timer per attempt. Sharing one timer
// (timeout.ts) pays off where each timer costs a list set-up and an event-loop reference (Node); here it would cost
// bytes for nothing.

/** Aborts `controller` once `ms` have passed, unless `settleTimeout` is called with what this returns first. */
export const startTimeout = (controller: AbortController, ms: number): unknown => setTimeout(() => controller.abort(), ms)

// Looked up per call, as setTimeout is: fake timers installed after this module loaded must clear their own timers.
export const settleTimeout = (timeout: unknown) => clearTimeout(timeout as ReturnType<typeof setTimeout>)
