// Per-attempt timeouts. One timer serves every attempt in flight, set for the earliest deadline, so that an attempt
// adds an entry to a Map rather than a timer: on Node a setTimeout and clearTimeout per attempt set up and tear down
// a timer list and the event loop's reference around every request. Browser builds swap in timeout.browser.ts, a
// timer and a controller per attempt.
//
// Controllers are reused. On Node 20 creating an AbortController (its signal's EventTarget) is among the dearer steps
// of a call, and undici raises each new signal's listener limit the first time it sees it: a cost per page of a
// listing, for a signal thrown away once the page is read. A controller goes back to the pool only when its request is
// over and its body read to the end (direct.ts says so through `bodyRead`). The listener undici left on its signal
// (removed only once the Request is collected) then ignores a later abort: undici returns early for a request that has
// completed, and a body read to its end has nothing left to cancel. A response whose body may still be read (parseAs
// 'stream'), a failed attempt, or a call through openapi-fetch (a caller's fetch or middleware, which may keep the
// signal) never hands its controller back.

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

const idle: AbortController[] = []
// Enough for the attempts a busy client has in flight at once; beyond that, controllers are left to the GC.
const MAX_IDLE = 64
// Each use leaves one finished request's listener on the signal until the GC collects that request. Retired after
// this many uses, a signal never holds more than EventTarget's default limit of 10, whose overrun Node reports as a
// possible leak: undici raises the limit, a fetch polyfill may not.
const MAX_USES = 8
const uses = new WeakMap<AbortController, number>()
// Signals whose request has completed with its body read (told by `bodyRead`, taken by `settleTimeout`).
const bodiesRead = new WeakSet<AbortSignal>()

/** A controller that aborts once `ms` have passed, unless `settleTimeout` gets it first. */
export function startTimeout(ms: number): AbortController {
  const controller = idle.pop() ?? new AbortController()
  const now = Date.now()
  deadlines.set(controller, now + ms)
  arm(now + ms, now)
  return controller
}

/** The request given `signal` has completed and its body is read: its controller may serve another attempt. */
export function bodyRead(signal: AbortSignal) {
  bodiesRead.add(signal)
}

/** Disarms the attempt's timer; its controller, if `bodyRead` said so and it was never aborted, is reused. */
export function settleTimeout(controller: AbortController | undefined) {
  if (!controller) return
  if (deadlines.delete(controller) && !deadlines.size && !unrefs) {
    clearTimeout(timer)
    timerAt = Infinity
  }
  if (bodiesRead.delete(controller.signal) && !controller.signal.aborted && idle.length < MAX_IDLE) {
    // Attempts served so far, this one included.
    const served = uses.get(controller) ?? 1
    if (served < MAX_USES) {
      uses.set(controller, served + 1)
      idle.push(controller)
    }
  }
}
