// 100,000 conversations over 1,000 pages: paginate() at its defaults, the caller counting the items, against a raw
// fetch loop over the same pages that parses each one and follows `next` without visiting the items.
import { createStackOne } from '@parley/sdk/stackone'
import { compare, interleave, time } from './measure.mjs'
import { ACCOUNT_ID, API_KEY, HEADERS, PAGES, PAGE_SIZE, startServer } from './server.mjs'

export const target = 1.35

const PATH = '/unified/messaging/conversations'

async function sdkListing(so) {
  let items = 0
  for await (const _ of so.paginate(PATH, { params: { query: { page_size: String(PAGE_SIZE) } } })) items++
  return items
}

async function rawListing(origin) {
  let pages = 0
  let next
  do {
    const query = `page_size=${PAGE_SIZE}${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`
    const res = await fetch(`${origin}${PATH}?${query}`, { headers: HEADERS })
    if (!res.ok) throw new Error(`raw loop: HTTP ${res.status}`)
    const body = await res.json()
    next = typeof body.next === 'string' && body.next !== '' ? body.next : undefined
    pages++
  } while (next !== undefined)
  return pages * PAGE_SIZE
}

export async function measure({ rounds = 21 } = {}) {
  const server = await startServer()
  try {
    // The rate limiter stays on, with a budget no listing here reaches (StackOne's 1,000 per minute would pace it).
    const so = createStackOne({ apiKey: API_KEY, accountId: ACCOUNT_ID, baseUrl: server.origin, rateLimit: { requests: 2 ** 31 - 1, perMs: 1 } })
    const listings = { sdk: () => sdkListing(so), raw: () => rawListing(server.origin) }
    for (const [name, listing] of Object.entries(listings)) {
      const items = await listing()
      if (items !== PAGES * PAGE_SIZE) throw new Error(`${name} listed ${items} items, expected ${PAGES * PAGE_SIZE}`)
    }
    const samples = await interleave({ sdk: () => time(listings.sdk), raw: () => time(listings.raw) }, rounds)
    return { items: PAGES * PAGE_SIZE, pages: PAGES, rounds, ...compare(samples, 'sdk', 'raw') }
  } finally {
    await server.stop()
  }
}
