#!/usr/bin/env node
// Per-call overhead on loopback. A node:http server in a child process (so its CPU does not share our event loop)
// answers GET /unified/messaging/users/{id} with a small fixed JSON body over keep-alive. Three contenders make the
// same call with the same headers, interleaved in the same run, over several rounds:
//   facade       createStackOne({ apiKey, accountId, baseUrl }).GET(...)   (auth + timeout + retry + error layer)
//   openapiFetch createClient({ baseUrl, headers }).GET(...)               (bare openapi-fetch)
//   fetch        fetch(url, { headers }) + await res.json()                (raw)
// Two variants: sequential requests from one client, and 16 in flight at once. Each round runs every contender once
// (the order rotates every round), ratios are taken inside a round and the median over rounds is reported.
// Prints JSON when run directly; `node --expose-gc` lets it collect garbage between blocks.
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'

const SERVER_FLAG = 'PARLEY_BENCH_OVERHEAD_SERVER'
const PATH = '/unified/messaging/users/{id}'
const ID = 'usr_0001'
const BODY = Buffer.from(
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
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
  // Gone parent, gone server: never outlive the benchmark.
  process.on('disconnect', () => process.exit(0))
}

async function startServer() {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, [SERVER_FLAG]: '1' },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.port))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`bench server exited early (${code})`)))
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  return { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid, stop }
}

// ---- contenders --------------------------------------------------------------------------------------------------

async function contenders(baseUrl) {
  const { createStackOne } = await import('@parley/sdk/stackone')
  const { default: createClient } = await import('openapi-fetch')
  // The headers the facade sends: HTTP basic with the API key as user and no password, plus the account.
  const headers = { 'x-account-id': ACCOUNT_ID, authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}` }
  const facade = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl })
  const bare = createClient({ baseUrl, headers })
  const url = `${baseUrl}${PATH.replace('{id}', encodeURIComponent(ID))}`
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
    fetch: async () => {
      const res = await fetch(url, { headers })
      if (!res.ok) throw new Error(`fetch: ${res.status}`)
      return await res.json()
    },
  }
}

/** `count` calls with `concurrency` in flight; returns requests per second. */
async function block(call, count, concurrency) {
  globalThis.gc?.()
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      await call()
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  return (count / (performance.now() - start)) * 1000
}

// Every order of the three contenders; round r uses ORDERS[r % 6], so each one goes first, middle and last.
const ORDERS = [
  ['facade', 'openapiFetch', 'fetch'],
  ['fetch', 'openapiFetch', 'facade'],
  ['openapiFetch', 'fetch', 'facade'],
  ['facade', 'fetch', 'openapiFetch'],
  ['fetch', 'facade', 'openapiFetch'],
  ['openapiFetch', 'facade', 'fetch'],
]

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

async function variant(calls, { rounds, count, concurrency, warmup }) {
  for (const name of Object.keys(calls)) await block(calls[name], warmup, concurrency)
  const perRound = []
  for (let r = 0; r < rounds; r++) {
    const rps = {}
    for (const name of ORDERS[r % ORDERS.length]) rps[name] = await block(calls[name], count, concurrency)
    perRound.push(rps)
  }
  const med = (name) => Math.round(median(perRound.map((x) => x[name])))
  return {
    concurrency,
    requestsPerRound: count,
    rounds,
    reqPerSec: { facade: med('facade'), openapiFetch: med('openapiFetch'), fetch: med('fetch') },
    ratioVsOpenapiFetch: +median(perRound.map((x) => x.facade / x.openapiFetch)).toFixed(3),
    ratioVsFetch: +median(perRound.map((x) => x.facade / x.fetch)).toFixed(3),
    perRound: perRound.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, Math.round(v)]))),
  }
}

export async function measure({ rounds = 7, sequential = 2000, concurrent = 4000, warmup = 1000 } = {}) {
  const server = await startServer()
  try {
    const calls = await contenders(server.baseUrl)
    // Same answer from everyone before anything is timed.
    const expected = JSON.stringify(JSON.parse(BODY.toString()))
    for (const [name, call] of Object.entries(calls)) {
      const got = JSON.stringify(await call())
      if (got !== expected) throw new Error(`${name} returned ${got}`)
    }
    const seq = await variant(calls, { rounds, count: sequential, concurrency: 1, warmup })
    const c16 = await variant(calls, { rounds, count: concurrent, concurrency: 16, warmup })
    return { node: process.version, gc: typeof globalThis.gc === 'function', targets, sequential: seq, concurrent16: c16 }
  } finally {
    await server.stop()
  }
}

if (process.env[SERVER_FLAG] === '1') serve()
else if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await measure(), null, 2))
