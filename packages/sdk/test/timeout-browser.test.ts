// The browser build's per-attempt timer (core/timeout.browser.ts, swapped in by the package.json "browser" map): the
// Node test run never loads it through the package, so it is checked here on its own.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { settleTimeout, startTimeout } from '../src/core/timeout.browser.js'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('browser timeouts', () => {
  it('abort the controller once the time has passed, not before', async () => {
    const controller = new AbortController()
    startTimeout(controller, 1_000)
    await vi.advanceTimersByTimeAsync(999)
    expect(controller.signal.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(controller.signal.aborted).toBe(true)
  })

  it('never abort an attempt that settled in time', async () => {
    const controller = new AbortController()
    settleTimeout(startTimeout(controller, 1_000))
    await vi.advanceTimersByTimeAsync(5_000)
    expect(controller.signal.aborted).toBe(false)
  })
})
