#!/usr/bin/env node
// Where the SDK's CPU goes, layer by layer, with the socket taken out: on loopback a request's CPU is mostly the
// network stack's, and that part moves by tens of percent from run to run, which buries the layers above it. Each
// contender is measured against a raw fetch loop in the same run; the figure that matters is the difference in
// microseconds per page or per call. Two "no SDK" baselines show the floor under any client with the same features.
//   list page   1,000 pages of 100 items (pagination.mjs's bodies), the global fetch replaced by a stub that answers
//               with a real Response (parsing costs what it always costs). Through the real fetch, the garbage of
//               these pages makes the per-page figures swing by +-50 us between runs; the stub keeps them readable.
//               Baseline with no SDK: the raw pages handed out by the smallest async item iterator that can. Then
//               bare openapi-fetch, the facade's GET, pages() and paginate() (timeoutMs: Infinity: the timeout's
//               cost is per request, and the GET rows measure it where fetch really handles the signal).
//   GET call    overhead.mjs's single-user GET through Node's real fetch, answered from memory by an undici dispatcher
//               (Request, headers, the signal's listeners, Response and body stream all run; only the socket is
//               gone). Baseline with no SDK: raw fetch with a per-request timeout done by hand, as hand-written
//               code does it (an AbortController and a timer per request; the facade shares one timer between all
//               attempts in flight). Then bare openapi-fetch and the facade with and without its timeout.
// Client CPU time (process.cpuUsage), rounds interleaved with the order alternating, median per contender. Each timed
// run follows an untimed run of the same contender: a signal handed to fetch leaves a finalizer behind, and garbage
// and finalizers are paid for by whoever runs next, so most of what each contender pays for is its own kind (not
// all of it: compare figures within one run).
// Run `npx -y pnpm@10 build` first, then `node bench/layers.mjs`; prints one JSON object. `SDK=<path to a built
// stackone.js>` measures another build of the SDK (an experiment) against the same baselines. With `node --expose-gc
// bench/layers.mjs --force-gc` every timed run starts with a forced full collection, which shows why no benchmark here
// forces one while timing: it leaves V8 slower for whatever runs next, which no running application sees.
import { pathToFileURL } from 'node:url'
import { contenders, rawGet, BODY as USER_BODY } from './overhead.mjs'
import { ACCOUNT_ID, API_KEY, PAGES, PAGE_SIZE, PATH, RAW_HEADERS, cursorOf, median, nextCursor, query, rawItems, rawListing, renderPages, sdkListing } from './pagination.mjs'

const BASE = 'http://layers.test'
const GET_CALLS = 3000
// Where Node's bundled undici looks up the dispatcher its global fetch uses (undici's setGlobalDispatcher writes it).
const DISPATCHER = Symbol.for('undici.globalDispatcher.1')

/** Swaps in a fetch that answers from `bodyFor(url)` (null: 404) and returns the function that puts the real one back. */
function stubFetch(bodyFor) {
  const real = globalThis.fetch
  const jsonHeaders = (body) => ({ 'content-type': 'application/json', 'content-length': String(body.length) })
  globalThis.fetch = async (input) => {
    const body = bodyFor(typeof input === 'string' ? input : input.url)
    return body ? new Response(body, { headers: jsonHeaders(body) }) : new Response('{}', { status: 404 })
  }
  return () => {
    globalThis.fetch = real
  }
}

/**
 * Makes the global fetch answer every request with `body` (200, JSON), from memory, one event-loop turn later as a
 * socket would; returns the function that puts the real dispatcher back.
 */
function serveFromMemory(body) {
  const previous = globalThis[DISPATCHER]
  const headers = ['content-type', 'application/json', 'content-length', String(body.length)].map((s) => Buffer.from(s))
  globalThis[DISPATCHER] = {
    dispatch(_options, handler) {
      setImmediate(() => {
        handler.onConnect(() => {})
        handler.onHeaders(200, headers, () => {}, 'OK')
        handler.onData(body)
        handler.onComplete([])
      })
      return true
    },
  }
  return () => {
    globalThis[DISPATCHER] = previous
  }
}

/**
 * CPU time (µs) per unit of work of each contender: `rounds` interleaved rounds, order alternating, median. Every
 * timed run comes right after an untimed run of the same contender. `forceGc` collects garbage before every timed
 * run, as these benchmarks once did: kept to show what it does.
 */
async function cpuPerUnit(calls, units, rounds, forceGc) {
  const names = Object.keys(calls)
  for (const name of names) await calls[name]() // warm-up, and a crash shows before anything is timed
  const samples = Object.fromEntries(names.map((n) => [n, []]))
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? names : [...names].reverse()) {
      await calls[name]()
      if (forceGc) globalThis.gc()
      const before = process.cpuUsage()
      await calls[name]()
      const used = process.cpuUsage(before)
      samples[name].push((used.user + used.system) / units)
    }
  }
  return Object.fromEntries(names.map((n) => [n, +median(samples[n]).toFixed(1)]))
}

const overRaw = (us, raw) => Object.fromEntries(Object.entries(us).map(([k, v]) => [k, +(v - us[raw]).toFixed(1)]))

async function listPage(createStackOne, createClient, rounds, forceGc) {
  const bodies = renderPages(PAGES)
  const pageOf = new Map(Array.from({ length: PAGES }, (_, p) => [cursorOf(p), p]))
  const restore = stubFetch((url) => {
    const at = url.indexOf('next=')
    return bodies[at < 0 ? 0 : pageOf.get(decodeURIComponent(url.slice(at + 5)))]
  })
  try {
    const headers = RAW_HEADERS
    const so = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl: BASE, timeoutMs: Infinity })
    const bare = createClient({ baseUrl: BASE, headers })
    // The same cursor loop over a typed GET (openapi-fetch's, then the facade's): one call per page, no pagination layer.
    const getLoop = (get) => async () => {
      let count = 0
      let next
      do {
        const { data } = await get(PATH, { params: { query: next === undefined ? query.params.query : { ...query.params.query, next } } })
        count += data.data.length
        next = nextCursor(data)
      } while (next !== undefined)
      return { count }
    }
    const pagesListing = async () => {
      let count = 0
      for await (const page of so.pages(PATH, query)) for (const _ of page.items) count++
      return { count }
    }
    const itemListing = async () => {
      let count = 0
      for await (const _ of rawItems(BASE, headers)) count++
      return { count }
    }
    const calls = {
      raw: () => rawListing(BASE, headers),
      rawItemIterator: itemListing,
      openapiFetch: getLoop(bare.GET),
      facadeGet: getLoop(so.GET),
      pages: pagesListing,
      paginate: () => sdkListing(so),
    }
    for (const [name, call] of Object.entries(calls)) {
      const { count } = await call()
      if (count !== PAGES * PAGE_SIZE) throw new Error(`${name}: ${count} items, expected ${PAGES * PAGE_SIZE}`)
    }
    const us = await cpuPerUnit(calls, PAGES, rounds, forceGc)
    const overRawUs = overRaw(us, 'raw')
    // What the SDK adds beyond what any item-by-item async API pays.
    const sdkBeyondFloorUs = +(overRawUs.paginate - overRawUs.rawItemIterator).toFixed(1)
    return { unit: 'us of client CPU per page', pages: PAGES, itemsPerPage: PAGE_SIZE, rounds, us, overRawUs, sdkBeyondFloorUs }
  } finally {
    restore()
  }
}

async function getCall(rounds, forceGc) {
  const restore = serveFromMemory(USER_BODY)
  try {
    const calls = await contenders(BASE)
    const noTimeout = await contenders(BASE, { timeoutMs: Infinity })
    const many = (call) => async () => {
      for (let i = 0; i < GET_CALLS; i++) await call()
    }
    const us = await cpuPerUnit(
      { raw: many(calls.fetch), rawTimeout: many(rawGet(BASE, 60_000)), openapiFetch: many(calls.openapiFetch), facade: many(noTimeout.facade), facadeDefaultTimeout: many(calls.facade) },
      GET_CALLS,
      rounds,
      forceGc,
    )
    const overRawUs = overRaw(us, 'raw')
    return { unit: 'us of client CPU per call', calls: GET_CALLS, rounds, us, overRawUs, sdkBeyondFloorUs: +(overRawUs.facadeDefaultTimeout - overRawUs.rawTimeout).toFixed(1) }
  } finally {
    restore()
  }
}

export async function measure({ rounds = 7, forceGc = false } = {}) {
  if (forceGc && typeof globalThis.gc !== 'function') throw new Error('--force-gc needs node --expose-gc')
  const { createStackOne } = await import(process.env.SDK ?? '@parley/sdk/stackone')
  const { default: createClient } = await import('openapi-fetch')
  const listPageResult = await listPage(createStackOne, createClient, rounds, forceGc)
  return { node: process.version, forceGc, listPage: listPageResult, getCall: await getCall(rounds, forceGc) }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await measure({ forceGc: process.argv.includes('--force-gc') }), null, 2))
}
