#!/usr/bin/env node
// Per-call overhead on loopback. A node:http server in a child process (so its CPU does not share our event loop)
// answers GET /unified/messaging/users/{id} with a small fixed JSON body over keep-alive. Three contenders make the
// same call with the same headers, interleaved in the same run, over several rounds:
//   facade       createStackOne({ apiKey, accountId, baseUrl }).GET(...)   (auth + timeout + retry + error layer)
// The facade is measured twice: with its default 60 s per-attempt timeout, and with `timeoutMs: Infinity` (auth +
// retry + error layer only). On Node 20 every AbortSignal handed to fetch costs tens of microseconds of CPU inside
// undici; the second figure shows what the facade itself costs.
//   openapiFetch createClient({ baseUrl, headers }).GET(...)               (bare openapi-fetch)
//   fetch        fetch(url, { headers }) + await res.json()                (raw)
// Two variants: sequential requests from one client, and 16 in flight at once. Each round gives every contender the
// same number of requests in short alternating slices (the order rotates every slice); ratios are taken inside a
// round and the median over rounds is reported, for req/s and for client CPU per request.
// Prints JSON when run directly. No garbage collection is forced (bench/README.md, "No forced GC").
import { createServer } from 'node:http'
import { pathToFileURL } from 'node:url'
import { serveInChild, startChildServer } from './lib/child-server.mjs'

const SERVER_FLAG = 'PARLEY_BENCH_OVERHEAD_SERVER'
const PATH = '/unified/messaging/users/{id}'
const ID = 'usr_0001'
export const BODY = Buffer.from(
  JSON.stringify({ data: { id: ID, name: 'Ada Lovelace', email: 'ada@example.com', remote_id: '42' } }),
)
const API_KEY = 'bench-key'
const ACCOUNT_ID = 'bench-account'

export const targets = { vsOpenapiFetch: 0.97, vsFetch: 0.85 }

// ---- server (child process) --------------------------------------------------------------------------------------

function serve() {
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    // The same headers must reach the server from every contender; a call without them would be cheaper.
    if (!req.headers.authorization || req.headers['x-account-id'] !== ACCOUNT_ID) {
      res.writeHead(401, { 'content-type': 'application/json', 'content-length': 2 }).end('{}')
      return
    }
    if (req.method !== 'GET' || !req.url.startsWith('/unified/messaging/users/')) {
      res.writeHead(404, { 'content-type': 'application/json', 'content-length': 2 }).end('{}')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length }).end(BODY)
  })
  serveInChild(server)
}

// ---- contenders --------------------------------------------------------------------------------------------------

// The headers the facade sends: HTTP basic with the API key as user and no password, plus the account.
const HEADERS = { 'x-account-id': ACCOUNT_ID, authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}` }

/**
 * The raw-fetch contender: fetch the user, parse it. With `timeoutMs`, each call also gets a timeout done by hand, as
 * hand-written code does it (an AbortController and a timer per request): layers.mjs shows what that costs with no
 * SDK around it.
 */
export function rawGet(baseUrl, timeoutMs = Infinity) {
  const url = `${baseUrl}${PATH.replace('{id}', encodeURIComponent(ID))}`
  return async () => {
    const controller = timeoutMs < Infinity ? new AbortController() : undefined
    const timer = controller && setTimeout(() => controller.abort(), timeoutMs)
    const res = await fetch(url, controller ? { headers: HEADERS, signal: controller.signal } : { headers: HEADERS })
    if (!res.ok) throw new Error(`fetch: ${res.status}`)
    const body = await res.json()
    clearTimeout(timer)
    return body
  }
}

export async function contenders(baseUrl, facadeOptions = {}) {
  const { createStackOne } = await import('@parley/sdk/stackone')
  const { default: createClient } = await import('openapi-fetch')
  const facade = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl, ...facadeOptions })
  const bare = createClient({ baseUrl, headers: HEADERS })
  const init = { params: { path: { id: ID } } }
  return {
    facade: async () => {
      const { data, error } = await facade.GET(PATH, init)
      if (error !== undefined) throw new Error(`facade: ${JSON.stringify(error)}`)
      return data
    },
    openapiFetch: async () => {
      const { data, error } = await bare.GET(PATH, init)
      if (error !== undefined) throw new Error(`openapi-fetch: ${JSON.stringify(error)}`)
      return data
    },
    fetch: rawGet(baseUrl),
  }
}

/** `count` calls with `concurrency` in flight; returns wall time (ms) and this process's CPU time (µs). */
async function block(call, count, concurrency) {
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      await call()
    }
  }
  const cpu = process.cpuUsage()
  const start = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { ms, cpuUs: used.user + used.system }
}

// Every order of the three contenders; slice k uses ORDERS[k % 6], so each one goes first, middle and last.
const ORDERS = [
  ['facade', 'openapiFetch', 'fetch'],
  ['fetch', 'openapiFetch', 'facade'],
  ['openapiFetch', 'fetch', 'facade'],
  ['facade', 'fetch', 'openapiFetch'],
  ['fetch', 'facade', 'openapiFetch'],
  ['openapiFetch', 'facade', 'fetch'],
]
const NAMES = ORDERS[0]

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * One round = `count` requests per contender, cut into `slices` short blocks that alternate between contenders
 * (so a burst of load from elsewhere on the machine hits all three alike). Ratios are taken within a round;
 * the figures reported are medians over rounds.
 */
async function variant(calls, { rounds, count, slices, concurrency, warmup }) {
  for (const name of NAMES) await block(calls[name], warmup, concurrency)
  const per = Math.ceil(count / slices)
  const perRound = []
  for (let r = 0; r < rounds; r++) {
    const acc = Object.fromEntries(NAMES.map((n) => [n, { ms: 0, cpuUs: 0, n: 0 }]))
    for (let s = 0; s < slices; s++) {
      for (const name of ORDERS[(r * slices + s) % ORDERS.length]) {
        const { ms, cpuUs } = await block(calls[name], per, concurrency)
        acc[name].ms += ms
        acc[name].cpuUs += cpuUs
        acc[name].n += per
      }
    }
    perRound.push(
      Object.fromEntries(NAMES.map((n) => [n, { rps: (acc[n].n / acc[n].ms) * 1000, cpuUs: acc[n].cpuUs / acc[n].n }])),
    )
  }
  const med = (f) => median(perRound.map(f))
  const round1 = (x) => Math.round(x * 10) / 10
  return {
    concurrency,
    requestsPerRound: per * slices,
    rounds,
    slices,
    reqPerSec: Object.fromEntries(NAMES.map((n) => [n, Math.round(med((x) => x[n].rps))])),
    ratioVsOpenapiFetch: +med((x) => x.facade.rps / x.openapiFetch.rps).toFixed(3),
    ratioVsFetch: +med((x) => x.facade.rps / x.fetch.rps).toFixed(3),
    // Client-side CPU per request (this process only, the server runs elsewhere): less sensitive to other load.
    cpuUsPerRequest: Object.fromEntries(NAMES.map((n) => [n, round1(med((x) => x[n].cpuUs))])),
    cpuRatioVsOpenapiFetch: +med((x) => x.openapiFetch.cpuUs / x.facade.cpuUs).toFixed(3),
    cpuRatioVsFetch: +med((x) => x.fetch.cpuUs / x.facade.cpuUs).toFixed(3),
    perRound: perRound.map((x) => Object.fromEntries(NAMES.map((n) => [n, Math.round(x[n].rps)]))),
  }
}

export async function measure({ rounds = 11, sequential = 1200, concurrent = 1600, slices = 12, warmup = 500 } = {}) {
  const server = await startChildServer(import.meta.url, SERVER_FLAG)
  try {
    const calls = await contenders(server.origin)
    // Same answer from everyone before anything is timed.
    const expected = JSON.stringify(JSON.parse(BODY.toString()))
    for (const [name, call] of Object.entries(calls)) {
      const got = JSON.stringify(await call())
      if (got !== expected) throw new Error(`${name} returned ${got}`)
    }
    const seq = await variant(calls, { rounds, count: sequential, slices, concurrency: 1, warmup })
    const c16 = await variant(calls, { rounds, count: concurrent, slices, concurrency: 16, warmup })
    const bare = await contenders(server.origin, { timeoutMs: Infinity })
    const seqNoTimeout = await variant(bare, { rounds, count: sequential, slices, concurrency: 1, warmup })
    const c16NoTimeout = await variant(bare, { rounds, count: concurrent, slices, concurrency: 16, warmup })
    return {
      node: process.version,
      targets,
      sequential: seq,
      concurrent16: c16,
      sequentialNoTimeout: seqNoTimeout,
      concurrent16NoTimeout: c16NoTimeout,
    }
  } finally {
    await server.stop()
  }
}

if (process.env[SERVER_FLAG] === '1') serve()
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(await measure(), null, 2))
