// What every fault suite shares: one FaultServer with its lifecycle hooks, the four clients pointed at it, and the
// init objects and helpers several suites use. Not a test file itself (no `.test.ts`).
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest'
import { createBrevo, createMews, createStackOne, createSunshine } from '../../src/index.js'
import { FaultServer } from './server.js'
import { isolatedStore } from '../limits-store.js'

export interface FaultServerOptions {
  /**
   * Fake setTimeout, clearTimeout and Date before every test (after the reset) and restore real timers after it.
   * Leave off when the suite runs in real time.
   */
  fakeTimers?: boolean
  /**
   * Only restore real timers after every test, for suites whose tests fake the clock themselves. Implied by
   * `fakeTimers`.
   */
  restoreTimers?: boolean
}

/**
 * Registers the hooks of a fault suite and returns its server: started before all tests, closed after them, reset
 * before each test, and after each test no request may have found nothing scripted.
 */
export function useFaultServer({ fakeTimers = false, restoreTimers = fakeTimers }: FaultServerOptions = {}): FaultServer {
  const server = new FaultServer()
  beforeAll(async () => {
    await server.start()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.reset()
    budgets = isolatedStore()
    if (fakeTimers) vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  })
  afterEach(() => {
    if (restoreTimers) vi.useRealTimers()
    expect(server.unscripted, 'requests nothing was scripted for').toBe(0)
  })
  return server
}

// The rate limiter stays on, with its defaults, in budgets of each test's own (a 429's pause must not outlive its test).
let budgets = isolatedStore()

/** The four clients with test credentials, aimed at `server` (read at call time, so after start()). */
export function clientsFor(server: FaultServer) {
  const base = () => ({ baseUrl: server.origin, rateLimit: { store: budgets } })
  return {
    stackone: (extra = {}) => createStackOne({ apiKey: 'sk_test', accountId: 'acc_1', ...base(), ...extra }),
    brevo: (extra = {}) => createBrevo({ apiKey: 'xkeysib-test', ...base(), ...extra }),
    sunshine: (extra = {}) => createSunshine({ keyId: 'app_key', secret: 'sc-secret', ...base(), ...extra }),
    mews: (extra = {}) => createMews({ clientToken: 'CT', accessToken: 'AT', client: 'Parley test', ...base(), ...extra }),
  }
}

export const MESSAGE = { params: { path: { id: 'msg_1' } } }
export const CONVERSATION = { params: { path: { appId: 'app_1', conversationId: 'conv_1' } } }
/** Backoff before retry n (0-based): 0.5 s x 2^n minus up to 25 % jitter. */
export const backoff = (n: number) => (d: number) => d >= 0.75 * 500 * 2 ** n && d <= 500 * 2 ** n
/** What a promise settled with: undefined if it resolved, the error if it rejected. */
export const catchIt = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e)
