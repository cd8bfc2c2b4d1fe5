#!/usr/bin/env node
// Where the SDK's CPU goes, layer by layer. The global fetch is replaced by a stub that answers at once with a real
// Response (so parsing costs what it always costs) and no socket: what is left is the work of each layer, which on
// loopback is buried under the network stack's own CPU and its noise. Each contender is measured against a raw
// fetch loop in the same run; the figure that matters is the difference in microseconds per page or per call.
//   list page   1,000 pages of 100 items (pagination.mjs's bodies): raw fetch loop, bare openapi-fetch, the facade's
//               GET, pages(), paginate() (these three with timeoutMs: Infinity), and paginate() with the default timeout
//   GET call    overhead.mjs's single-user GET: raw fetch, bare openapi-fetch, the facade with and without a timeout
// Client CPU time (process.cpuUsage), rounds interleaved with the order alternating, median per contender.
// Run `npx -y pnpm@10 build` first, then `node bench/layers.mjs`; prints one JSON object. With `node --expose-gc
// bench/layers.mjs --force-gc` every timed run starts with a forced full collection, which shows why no benchmark here
// forces one while timing: it leaves V8 slower for whatever runs next, which no running application sees.
import { pathToFileURL } from 'node:url'
import { contenders, BODY as USER_BODY } from './overhead.mjs'
import { ACCOUNT_ID, API_KEY, PAGES, PAGE_SIZE, PATH, cursorOf, median, nextCursor, query, rawListing, renderPages, sdkListing } from './pagination.mjs'

const BASE = 'http://layers.test'
const GET_CALLS = 4000

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
 * CPU time (µs) per unit of work of each contender: `rounds` interleaved rounds, order alternating, median.
 * `forceGc` collects garbage before every timed run, as these benchmarks once did: kept to show what it does.
 */
async function cpuPerUnit(calls, units, rounds, forceGc) {
  const names = Object.keys(calls)
  for (const name of names) await calls[name]() // warm-up, and a crash shows before anything is timed
  const samples = Object.fromEntries(names.map((n) => [n, []]))
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? names : [...names].reverse()) {
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
    const headers = { 'x-account-id': ACCOUNT_ID, authorization: `Basic ${btoa(`${API_KEY}:`)}` }
    const so = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl: BASE, timeoutMs: Infinity })
    const soDefault = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl: BASE })
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
    const calls = {
      raw: () => rawListing(BASE, headers),
      openapiFetch: getLoop(bare.GET),
      facadeGet: getLoop(so.GET),
      pages: pagesListing,
      paginate: () => sdkListing(so),
      paginateDefaultTimeout: () => sdkListing(soDefault),
    }
    for (const [name, call] of Object.entries(calls)) {
      const { count } = await call()
      if (count !== PAGES * PAGE_SIZE) throw new Error(`${name}: ${count} items, expected ${PAGES * PAGE_SIZE}`)
    }
    const us = await cpuPerUnit(calls, PAGES, rounds, forceGc)
    return { unit: 'us of client CPU per page', pages: PAGES, itemsPerPage: PAGE_SIZE, rounds, us, overRawUs: overRaw(us, 'raw') }
  } finally {
    restore()
  }
}

async function getCall(rounds, forceGc) {
  const restore = stubFetch((url) => (url.startsWith(BASE) ? USER_BODY : null))
  try {
    const calls = await contenders(BASE)
    const noTimeout = await contenders(BASE, { timeoutMs: Infinity })
    const many = (call) => async () => {
      for (let i = 0; i < GET_CALLS; i++) await call()
    }
    const us = await cpuPerUnit(
      { raw: many(calls.fetch), openapiFetch: many(calls.openapiFetch), facade: many(noTimeout.facade), facadeDefaultTimeout: many(calls.facade) },
      GET_CALLS,
      rounds,
      forceGc,
    )
    return { unit: 'us of client CPU per call', calls: GET_CALLS, rounds, us, overRawUs: overRaw(us, 'raw') }
  } finally {
    restore()
  }
}

export async function measure({ rounds = 9, forceGc = false } = {}) {
  if (forceGc && typeof globalThis.gc !== 'function') throw new Error('--force-gc needs node --expose-gc')
  const { createStackOne } = await import('@parley/sdk/stackone')
  const { default: createClient } = await import('openapi-fetch')
  const listPageResult = await listPage(createStackOne, createClient, rounds, forceGc)
  return { node: process.version, forceGc, listPage: listPageResult, getCall: await getCall(rounds, forceGc) }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await measure({ forceGc: process.argv.includes('--force-gc') }), null, 2))
}
