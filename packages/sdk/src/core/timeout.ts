// Per-attempt timeouts. One timer serves every attempt in flight, set for the earliest deadline, so that an attempt
// adds an entry to a Map rather than a timer: on Node a setTimeout and clearTimeout per attempt set up and tear down
// a timer list and the event loop's reference around every request. Browser builds swap in timeout.browser.ts, a
// timer per attempt.

// Attempt -> the Date.now() by which it must have ended. Date rather than performance.now(): fake timers (vitest,
// sinon) move Date together with setTimeout, so timeouts stay testable with them.
const deadlines = new Map<AbortController, number>()
let timer: ReturnType<typeof setTimeout> | undefined
let timerAt = Infinity
// The setTimeout that armed `timer`: if fake timers were installed or removed since, that timer may never fire.
let armedWith: typeof setTimeout | undefined
// Whether the runtime lets a timer not hold the process open (Node, Bun). Elsewhere (Deno) the timer is cleared as
// soon as nothing is in flight, which costs the set-up per attempt again but never delays an exit.
let unrefs = false

function arm(at: number, now: number) {
  if (armedWith !== setTimeout) {
    // Fake timers were installed or removed since `timer` was set, so it may never fire: start over, from the
    // earliest deadline in flight.
    armedWith = setTimeout
    timerAt = Infinity
    for (const other of deadlines.values()) at = Math.min(at, other)
  } else if (at >= timerAt) return
  else clearTimeout(timer)
  timerAt = at
  timer = setTimeout(expireAttempts, at - now)
  const t = timer as { unref?: () => void }
  // The request in flight keeps the process alive; a timer that may outlive it must not.
  if (t.unref) {
    t.unref()
    unrefs = true
  }
}

function expireAttempts() {
  timerAt = Infinity
  const now = Date.now()
  for (const [controller, at] of deadlines) {
    if (at <= now) {
      deadlines.delete(controller)
      controller.abort()
    } else arm(at, now)
  }
}

/** Aborts `controller` once `ms` have passed, unless `settleTimeout` is called with what this returns first. */
export function startTimeout(controller: AbortController, ms: number): unknown {
  const now = Date.now()
  deadlines.set(controller, now + ms)
  arm(now + ms, now)
  return controller
}

export function settleTimeout(timeout: unknown) {
  if (deadlines.delete(timeout as AbortController) && !deadlines.size && !unrefs) {
    clearTimeout(timer)
    timerAt = Infinity
  }
}
