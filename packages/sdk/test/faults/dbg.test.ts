import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest'
import { createStackOne } from '../../src/index.js'
import { FaultServer, fault, realDelay } from './server.js'
const server = new FaultServer()
beforeAll(async () => { await server.start() })
afterAll(() => server.close())
beforeEach(() => { server.reset(); vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }) })
afterEach(() => { vi.useRealTimers() })
it.each(Array.from({ length: 30 }, (_, i) => i))('dbg %i', async () => {
  server.script(fault.status(503)).otherwise(fault.json({ data: [] }))
  let done = false
  const call = createStackOne({ apiKey: 'k', accountId: 'a', baseUrl: server.origin }).GET('/unified/messaging/users', { retry: { maxRetries: 0 } }).finally(() => { done = true })
  for (let i = 0; i < 20 && !done; i++) await realDelay(50)
  if (!done) console.log('HANG', server.requests.length, Object.values((globalThis.setTimeout as any).clock.timers).map((t: any) => [t.delay, t.func?.name, String(t.func).slice(0, 80)]))
  expect(done).toBe(true)
  await call
}, 5000)
