#!/usr/bin/env node
// Pagination cost of @parley/sdk (StackOne dialect, built package) over a local node:http server that runs in a
// child process (its CPU does not share our event loop) and answers from pre-rendered page bodies.
//   throughput  100,000 items over 1,000 pages: createStackOne(...).paginate(...) vs a hand-written fetch loop over
//               the same server, in 64 back-to-back pairs (order alternating), median of the per-pair sdk/raw ratio
//               with a 90 % bootstrap interval, before any other contender has run. Then, for information, six
//               contenders in balanced orders: also the SDK without a timeout, that loop with a per-page timeout by
//               hand, and the API floor: the same requests behind a hand-written for-await item iterator (no SDK),
//               with and without that timeout
//   heap        one SDK listing of 1,000 pages whose caller keeps nothing: heapUsed after GC at pages 100/500/1000
//   prefetch    50 pages, server adds 5 ms per page, caller does 5 ms of work per page: prefetch on vs off
// Run `npx -y pnpm@10 build` first, then `node --expose-gc bench/pagination.mjs` (without --expose-gc the heap
// figures are taken without forcing a GC and say so). Prints a table, then one JSON line.
import { createServer } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { serveInChild, startChildServer } from './lib/child-server.mjs'

const SERVER_FLAG = 'PARLEY_BENCH_PAGINATION_SERVER'
export const PATH = '/unified/messaging/conversations'
export const API_KEY = 'bench-key'
export const ACCOUNT_ID = 'bench-account'
export const PAGE_SIZE = 100
export const PAGES = 1000
const SLOW_PAGES = 50
const SLOW_MS = 5
const WORK_MS = 5

export const targets = { sdkOverRaw: 1.1, prefetchOverSequential: 0.6 }

// ---- server (child process) --------------------------------------------------------------------------------------

// Opaque cursors (base64, so '=' must survive URL encoding), like StackOne's.
export const cursorOf = (page) => Buffer.from(`conversations:page=${page}`).toString('base64')

export function renderPages(count) {
  const bodies = []
  for (let p = 0; p < count; p++) {
    const data = []
    for (let i = 0; i < PAGE_SIZE; i++) {
      const n = p * PAGE_SIZE + i + 1
      data.push({
        id: `conv_${String(n).padStart(6, '0')}`,
        remote_id: String(900000 + n),
        name: `Conversation ${n}`,
        participants: ['usr_0001', `usr_${String(n % 977).padStart(4, '0')}`],
        private: n % 3 === 0,
        created_at: '2024-05-14T10:20:31.512Z',
        last_message_at: '2024-05-15T08:00:00.000Z',
      })
    }
    bodies.push(Buffer.from(JSON.stringify(p + 1 < count ? { data, next: cursorOf(p + 1) } : { data })))
  }
  return bodies
}

function serve() {
  const routes = { '/fast': { bodies: renderPages(PAGES), delay: 0 }, '/slow': { bodies: renderPages(SLOW_PAGES), delay: SLOW_MS } }
  const pageOf = new Map(Array.from({ length: PAGES }, (_, p) => [cursorOf(p), p]))
  const send = (res, status, body) => res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length }).end(body)
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const url = new URL(req.url, 'http://x')
    const prefix = url.pathname.slice(0, 5)
    const route = routes[prefix]
    // Both contenders must send the same headers and query: a cheaper request would not be the same work.
    if (!route || url.pathname.slice(5) !== PATH || url.searchParams.get('page_size') !== String(PAGE_SIZE)) return send(res, 404, Buffer.from('{}'))
    if (!req.headers.authorization || req.headers['x-account-id'] !== ACCOUNT_ID) return send(res, 401, Buffer.from('{}'))
    const next = url.searchParams.get('next')
    const page = next === null ? 0 : pageOf.get(next)
    if (page === undefined || page >= route.bodies.length) return send(res, 400, Buffer.from('{"message":"bad cursor"}'))
    if (route.delay) setTimeout(() => send(res, 200, route.bodies[page]), route.delay)
    else send(res, 200, route.bodies[page])
  })
  serveInChild(server)
}

// ---- contenders --------------------------------------------------------------------------------------------------

export const query = { params: { query: { page_size: String(PAGE_SIZE) } } }

/** The headers the SDK sends (HTTP basic with the API key as user, the account), written out for the raw contenders. */
export const RAW_HEADERS = { 'x-account-id': ACCOUNT_ID, authorization: `Basic ${btoa(`${API_KEY}:`)}` }

/** Counts every item of a listing (and keeps the last id, to check the ids arrive in order); keeps nothing else. */
export async function countItems(listing) {
  let count = 0
  let last = ''
  for await (const c of listing) {
    count++
    last = c.id
  }
  return { count, last }
}

/** The SDK: every item of every page; the caller only counts. */
export const sdkListing = (so) => countItems(so.paginate(PATH, query))

/** StackOne's stop rule, as a user would write it: a non-blank `next` is the next cursor. */
export const nextCursor = (body) => (typeof body.next === 'string' && body.next.trim() !== '' ? body.next : undefined)

/** The URL of the page at `next` (undefined: the first page), encoded as a user would. */
export const pageUrl = (base, next) => `${base}${PATH}?page_size=${PAGE_SIZE}${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`

/**
 * One page as a user would fetch it without the SDK: same headers, parsed body. With `timeoutMs`, the page also gets
 * a timeout done by hand, as hand-written code does it (an AbortController and a timer per request, as in
 * overhead.mjs's rawGet): the floor for the SDK at its default 60 s timeout. Every no-SDK contender fetches its
 * pages here, so they all do the same work per page.
 */
export async function rawPage(base, headers, next, timeoutMs = Infinity) {
  const controller = timeoutMs < Infinity ? new AbortController() : undefined
  const timer = controller && setTimeout(() => controller.abort(), timeoutMs)
  const res = await fetch(pageUrl(base, next), controller ? { headers, signal: controller.signal } : { headers })
  if (!res.ok) throw new Error(`raw: HTTP ${res.status}`)
  const body = await res.json()
  clearTimeout(timer)
  return body
}

/** What a user would write without the SDK: fetch, parse, follow `next` (same stop rule), items in a plain for...of. */
export async function rawListing(base, headers, timeoutMs = Infinity) {
  let count = 0
  let last = ''
  let next
  do {
    const body = await rawPage(base, headers, next, timeoutMs)
    for (const c of body.data) {
      count++
      last = c.id
    }
    next = nextCursor(body)
  } while (next !== undefined)
  return { count, last }
}

/**
 * The raw pages handed out one item at a time by the smallest async iterator that can: no SDK, just the pattern
 * `paginate()` offers. Counted with `for await`, its distance from rawListing is what that API costs before any SDK
 * does anything: one awaited promise per item instead of a plain for...of (and, with `timeoutMs`, the signal per
 * request the SDK's default timeout also pays).
 */
export function rawItems(base, headers, timeoutMs = Infinity) {
  let items = []
  let index = 0
  let next
  let fetched = false
  const iterator = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      while (index >= items.length) {
        if (fetched && next === undefined) return { value: undefined, done: true }
        const body = await rawPage(base, headers, next, timeoutMs)
        fetched = true
        items = body.data
        index = 0
        next = nextCursor(body)
      }
      return { value: items[index++], done: false }
    },
  }
  return iterator
}

/**
 * Orders for n contenders (n even) in which each one runs in each place once and follows each other one exactly
 * once (a Williams design). Rotating a fixed order would give every contender the same predecessor in every round,
 * and a listing pays for the garbage the one before it left (with the SDK first in the list, plain rotation put the
 * raw loop after the SDK without timeout in every round).
 */
export function balancedOrders(n) {
  // With an odd n the square is not balanced (it would need its mirror image too).
  if (n % 2) throw new Error(`balancedOrders: ${n} contenders; add one or drop one (n must be even)`)
  const first = [0]
  for (let k = 1, lo = 1, hi = n - 1; k < n; k++) first.push(k % 2 ? lo++ : hi--)
  return Array.from({ length: n }, (_, r) => first.map((x) => (x + r) % n))
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * A 90 % bootstrap interval for the median of `xs` (2,000 resamples, seeded, so the same samples always give the
 * same interval). A ratio from a few dozen noisy listings is an estimate; this says how far it could be off.
 */
export function medianInterval(xs, resamples = 2000) {
  let seed = 0x9e3779b9
  // mulberry32: small, seeded, good enough to resample with.
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const medians = Array.from({ length: resamples }, () => median(xs.map(() => xs[Math.floor(random() * xs.length)])))
  medians.sort((x, y) => x - y)
  return [medians[Math.floor(resamples * 0.05)], medians[Math.ceil(resamples * 0.95) - 1]].map((x) => +x.toFixed(3))
}

/** Wall time of one listing, and this process's CPU time for it (steadier than wall time on a busy machine). */
async function timed(fn, expectCount) {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const { count } = await fn()
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  if (count !== expectCount) throw new Error(`expected ${expectCount} items, got ${count}`)
  return { ms, cpuMs: (used.user + used.system) / 1000 }
}

async function throughput(createStackOne, origin, { pairs, rounds }) {
  const base = `${origin}/fast`
  const so = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl: base })
  // The same listing without the per-attempt timeout: on Node 20 each AbortSignal handed to fetch costs CPU.
  const soNoTimeout = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl: base, timeoutMs: Infinity })
  const total = PAGES * PAGE_SIZE
  const calls = {
    sdk: () => sdkListing(so),
    sdkNoTimeout: () => sdkListing(soNoTimeout),
    raw: () => rawListing(base, RAW_HEADERS),
    // The SDK's default timeout, done by hand: what passing a signal to fetch for every page costs without any SDK.
    rawTimeout: () => rawListing(base, RAW_HEADERS, 60_000),
    // The same API with no SDK behind it (see rawItems), at the default timeout and without one.
    floor: () => countItems(rawItems(base, RAW_HEADERS, 60_000)),
    floorNoTimeout: () => countItems(rawItems(base, RAW_HEADERS)),
  }
  // Same answer from all before anything is timed (also the warm-up). The target's two contenders go first and alone:
  // until the breakdown, V8's feedback in the code they share (fetch, JSON, timers) has seen only their two call
  // shapes, as in an application that runs one of them, not six.
  const first = {}
  const warm = async (names) => {
    for (const name of names) first[name] = await calls[name]()
    if (names.some((n) => first[n].count !== total || first[n].last !== first.raw.last)) throw new Error(`contenders disagree: ${JSON.stringify(first)}`)
  }
  await warm(['raw', 'sdk', 'raw', 'sdk'])
  // No forced GC between listings: a forced full collection leaves V8 slower for whatever runs next (see layers.mjs
  // --force-gc), which no running application sees. Alternating orders spread the garbage one contender leaves to
  // the next evenly.
  const timeRound = async (order) => {
    const t = {}
    for (const name of order) t[name] = await timed(calls[name], total)
    return t
  }
  const ratios = (samples, a, b, unit = 'ms') => samples.map((x) => x[a][unit] / x[b][unit])
  const med = (samples, name, unit = 'ms') => Math.round(median(samples.map((x) => x[name][unit])))
  const ratioOf = (samples, a, b) => +median(ratios(samples, a, b)).toFixed(3)

  // The target's figure: the SDK at defaults against the raw loop, back to back, the order alternating (sdk, raw /
  // raw, sdk). One listing moves by 15-20 % on these shared machines, so most of the run goes to this one pair. The
  // ratio itself drifts too: within one process, the medians of successive blocks of 16 pairs ranged from 1.035 to
  // 1.139 (same build), so 64 pairs (about a minute) rather than a stretch short enough to fall in one bad spell.
  const headline = []
  for (let i = 0; i < pairs; i++) headline.push(await timeRound(i % 2 ? ['raw', 'sdk'] : ['sdk', 'raw']))
  // Where the rest comes from (informative): all six contenders in balanced orders, fewer rounds.
  const names = Object.keys(calls)
  await warm(names)
  const perRound = []
  const orders = balancedOrders(names.length)
  for (let r = 0; r < rounds; r++) perRound.push(await timeRound(orders[r % orders.length].map((i) => names[i])))
  return {
    items: total,
    pages: PAGES,
    pairs,
    sdkMs: med(headline, 'sdk'),
    rawMs: med(headline, 'raw'),
    ratio: ratioOf(headline, 'sdk', 'raw'),
    ratioInterval: medianInterval(ratios(headline, 'sdk', 'raw')),
    sdkCpuMs: med(headline, 'sdk', 'cpuMs'),
    rawCpuMs: med(headline, 'raw', 'cpuMs'),
    cpuRatio: +median(ratios(headline, 'sdk', 'raw', 'cpuMs')).toFixed(3),
    // The breakdown: every figure below comes from its own rounds, ratios within a round.
    rounds,
    breakdownRawMs: med(perRound, 'raw'),
    breakdownSdkMs: med(perRound, 'sdk'),
    // The headline's ratio again, among six contenders: shared code (fetch, JSON) then sees six callers' shapes.
    breakdownRatio: ratioOf(perRound, 'sdk', 'raw'),
    sdkNoTimeoutMs: med(perRound, 'sdkNoTimeout'),
    ratioNoTimeout: ratioOf(perRound, 'sdkNoTimeout', 'raw'),
    rawTimeoutMs: med(perRound, 'rawTimeout'),
    // The floor at the default timeout: the same per-page timeout by hand, no SDK.
    timeoutFloor: ratioOf(perRound, 'rawTimeout', 'raw'),
    ratioOverRawTimeout: ratioOf(perRound, 'sdk', 'rawTimeout'),
    floorMs: med(perRound, 'floor'),
    floorNoTimeoutMs: med(perRound, 'floorNoTimeout'),
    // What the API itself costs, no SDK: items through `for await`, with and without the default timeout.
    floorRatio: ratioOf(perRound, 'floor', 'raw'),
    floorNoTimeoutRatio: ratioOf(perRound, 'floorNoTimeout', 'raw'),
    // What the SDK adds to that: the part of the ratio its code is responsible for.
    ratioOverFloor: ratioOf(perRound, 'sdk', 'floor'),
    ratioNoTimeoutOverFloor: ratioOf(perRound, 'sdkNoTimeout', 'floorNoTimeout'),
    perPair: headline.map((x) => ({ sdk: Math.round(x.sdk.ms), raw: Math.round(x.raw.ms) })),
    perRound: perRound.map((x) => Object.fromEntries(Object.entries(x).map(([name, t]) => [name, Math.round(t.ms)]))),
  }
}

async function heap(createStackOne, origin) {
  const gc = typeof globalThis.gc === 'function'
  const so = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl: `${origin}/fast` })
  const marks = new Set([100, 500, 1000].map((p) => p * PAGE_SIZE))
  const heapUsedMB = {}
  const measure = () => {
    if (gc) {
      globalThis.gc()
      globalThis.gc()
    }
    return +(process.memoryUsage().heapUsed / 2 ** 20).toFixed(2)
  }
  const before = measure()
  let count = 0
  // The caller keeps nothing: each item is dropped as soon as it is counted.
  for await (const _ of so.paginate(PATH, query)) {
    if (marks.has(++count)) heapUsedMB[`page${count / PAGE_SIZE}`] = measure()
  }
  return {
    gc,
    beforeMB: before,
    heapUsedMB,
    growth100to1000MB: +(heapUsedMB.page1000 - heapUsedMB.page100).toFixed(2),
    growth500to1000MB: +(heapUsedMB.page1000 - heapUsedMB.page500).toFixed(2),
  }
}

async function prefetch(createStackOne, origin, rounds) {
  const so = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl: `${origin}/slow` })
  const listing = async (prefetch) => {
    let count = 0
    for await (const page of so.pages(PATH, query, { prefetch })) {
      count += page.items.length
      await sleep(WORK_MS) // the caller's own work on this page
    }
    return { count }
  }
  const total = SLOW_PAGES * PAGE_SIZE
  await listing(true)
  await listing(false)
  const perRound = []
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ['off', 'on'] : ['on', 'off']
    const ms = {}
    for (const name of order) ms[name] = (await timed(() => listing(name === 'on'), total)).ms
    perRound.push(ms)
  }
  return {
    pages: SLOW_PAGES,
    serverMsPerPage: SLOW_MS,
    callerMsPerPage: WORK_MS,
    rounds,
    prefetchMs: Math.round(median(perRound.map((x) => x.on))),
    sequentialMs: Math.round(median(perRound.map((x) => x.off))),
    ratio: +median(perRound.map((x) => x.on / x.off)).toFixed(3),
  }
}

export async function run({ pairs = 64, rounds = 6, prefetchRounds = 7 } = {}) {
  const { createStackOne } = await import('@parley/sdk/stackone')
  const server = await startChildServer(import.meta.url, SERVER_FLAG)
  try {
    const t = await throughput(createStackOne, server.origin, { pairs, rounds })
    const h = await heap(createStackOne, server.origin)
    const p = await prefetch(createStackOne, server.origin, prefetchRounds)
    return { node: process.version, targets, throughput: t, heap: h, prefetch: p }
  } finally {
    await server.stop()
  }
}

function table(r) {
  const rows = [
    ['throughput', `sdk ${r.throughput.sdkMs} ms vs raw fetch ${r.throughput.rawMs} ms (${r.throughput.items} items, ${r.throughput.pages} pages, median of ${r.throughput.pairs} back-to-back pairs; 90 % interval of the ratio ${r.throughput.ratioInterval.join('-')})`, `sdk/raw ${r.throughput.ratio}`, `<= ${targets.sdkOverRaw}`, r.throughput.ratio <= targets.sdkOverRaw],
    ['  breakdown', `the six contenders below, ${r.throughput.rounds} rounds in balanced orders: sdk ${r.throughput.breakdownSdkMs} ms (defaults), ${r.throughput.sdkNoTimeoutMs} ms (timeoutMs: Infinity), raw ${r.throughput.breakdownRawMs} ms (informative)`, `sdk/raw ${r.throughput.breakdownRatio} / ${r.throughput.ratioNoTimeout} at Infinity`, '', null],
    ['  floor', `raw fetch loop with the same per-page timeout by hand ${r.throughput.rawTimeoutMs} ms (informative)`, `rawTimeout/raw ${r.throughput.timeoutFloor}, sdk/rawTimeout ${r.throughput.ratioOverRawTimeout}`, '', null],
    ['  api floor', `the same API with no SDK (raw requests behind a for-await item iterator): ${r.throughput.floorMs} ms with the timeout, ${r.throughput.floorNoTimeoutMs} ms without (informative)`, `floor/raw ${r.throughput.floorRatio} / ${r.throughput.floorNoTimeoutRatio}`, '', null],
    ['  over floor', `sdk over that floor, at defaults / timeoutMs: Infinity (informative)`, `sdk/floor ${r.throughput.ratioOverFloor} / ${r.throughput.ratioNoTimeoutOverFloor}`, '', null],
    ['  cpu', `client CPU in the headline pairs: sdk ${r.throughput.sdkCpuMs} ms vs raw ${r.throughput.rawCpuMs} ms (informative)`, `sdk/raw ${r.throughput.cpuRatio}`, '', null],
    ['heap', `heapUsed ${Object.entries(r.heap.heapUsedMB).map(([k, v]) => `${k} ${v} MB`).join(', ')}${r.heap.gc ? ' (after GC)' : ' (no --expose-gc: no forced GC)'}`, `${r.heap.growth500to1000MB < 0 ? '' : '+'}${r.heap.growth500to1000MB} MB 500->1000`, 'flat', Math.abs(r.heap.growth500to1000MB) < 1],
    ['prefetch', `on ${r.prefetch.prefetchMs} ms vs off ${r.prefetch.sequentialMs} ms (${r.prefetch.pages} pages, ${r.prefetch.serverMsPerPage} ms server + ${r.prefetch.callerMsPerPage} ms caller per page)`, `on/off ${r.prefetch.ratio}`, `<= ${targets.prefetchOverSequential}`, r.prefetch.ratio <= targets.prefetchOverSequential],
  ]
  const w = [12, Math.max(...rows.map((x) => x[1].length)), 20, 8]
  const line = (cells) => cells.map((c, i) => String(c).padEnd(w[i] ?? 4)).join('  ')
  return [line(['measure', 'figures', 'ratio', 'target', 'ok']), line(w.map((n) => '-'.repeat(n)).concat('--')), ...rows.map((x) => line([...x.slice(0, 4), x[4] === null ? '' : x[4] ? 'yes' : 'NO']))].join('\n')
}

if (process.env[SERVER_FLAG] === '1') serve()
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run()
  console.log(table(result))
  console.log(JSON.stringify(result))
}
