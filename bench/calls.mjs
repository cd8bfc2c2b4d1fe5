// Requests per second of one GET at a time through @parley/sdk/stackone, with its default per-attempt timeout and
// with `timeoutMs: Infinity`, against the same GET on bare openapi-fetch with the same headers.
import createClient from 'openapi-fetch'
import { createStackOne } from '@parley/sdk/stackone'
import { compare, interleave, time } from './measure.mjs'
import { ACCOUNT_ID, API_KEY, HEADERS, USER, startServer } from './server.mjs'

export const targets = { timeout: 0.75, noTimeout: 0.9 }

const PATH = '/unified/messaging/users/{id}'
// The rate limiter stays on, with a budget no loop here reaches: its cost is measured, not StackOne's 1,000 per minute.
const rateLimit = { requests: 2 ** 31 - 1, perMs: 1 }
const init = { params: { path: { id: 'usr_0001' } } }

export async function measure({ calls = 1000, rounds = 15 } = {}) {
  const server = await startServer()
  try {
    const baseUrl = server.origin
    const sdk = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl, rateLimit })
    const sdkNoTimeout = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl, timeoutMs: Infinity, rateLimit })
    const bare = createClient({ baseUrl, headers: HEADERS })
    const get = {
      openapiFetch: () => bare.GET(PATH, init),
      sdk: () => sdk.GET(PATH, init),
      sdkNoTimeout: () => sdkNoTimeout.GET(PATH, init),
    }
    for (const [name, call] of Object.entries(get)) {
      const { data } = await call()
      if (JSON.stringify(data) !== JSON.stringify(USER)) throw new Error(`${name} got ${JSON.stringify(data)}`)
    }
    const contenders = {}
    for (const [name, call] of Object.entries(get)) {
      contenders[name] = () =>
        time(async () => {
          for (let i = 0; i < calls; i++) await call()
        })
    }
    await interleave(contenders, 1) // warm-up
    const samples = await interleave(contenders, rounds)
    const perSecond = (ms) => Math.round((calls / ms) * 1000)
    // Time of the baseline over time of the SDK: the SDK's req/s as a fraction of openapi-fetch's.
    const ratio = (name) => {
      const { ratio, ms } = compare(samples, 'openapiFetch', name)
      return { ratio, reqPerSec: perSecond(ms[name]), baselineReqPerSec: perSecond(ms.openapiFetch) }
    }
    return { calls, rounds, timeout: ratio('sdk'), noTimeout: ratio('sdkNoTimeout') }
  } finally {
    await server.stop()
  }
}
