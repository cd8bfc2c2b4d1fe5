// profile: node --cpu-prof --cpu-prof-dir=.tmp/prof bench/.ab/prof-pages.mjs sdk|raw
import { startChildServer } from '../lib/child-server.mjs'
const mode = process.argv[2]
const { createStackOne } = await import('@parley/sdk/stackone')
const srv = await startChildServer(new URL('../pagination.mjs', import.meta.url).href, 'PARLEY_BENCH_PAGINATION_SERVER')
const base = `${srv.origin}/fast`
const PATH = '/unified/messaging/conversations'
const headers = { 'x-account-id': 'bench-account', authorization: `Basic ${Buffer.from('bench-key:').toString('base64')}` }
const so = createStackOne({ apiKey: 'bench-key', accountId: 'bench-account', baseUrl: base })
async function sdk() { let n = 0; for await (const c of so.paginate(PATH, { params: { query: { page_size: '100' } } })) n++; return n }
async function raw() { let n = 0, next; do { const res = await fetch(`${base}${PATH}?page_size=100${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`, { headers }); const b = await res.json(); for (const c of b.data) n++; next = typeof b.next === 'string' && b.next.trim() !== '' ? b.next : undefined } while (next !== undefined); return n }
import createClient from 'openapi-fetch'
const c = createClient({ baseUrl: base, headers })
const soInf = createStackOne({ apiKey: 'bench-key', accountId: 'bench-account', baseUrl: base, timeoutMs: Infinity })
async function sdkInf() { let n = 0; for await (const c of soInf.paginate(PATH, { params: { query: { page_size: '100' } } })) n++; return n }
async function sdkPages() { let n = 0; for await (const p of so.pages(PATH, { params: { query: { page_size: '100' } } })) for (const c of p.items) n++; return n }
async function oaf() { let n = 0, next; do { const { data: b } = await c.GET(PATH, { params: { query: next === undefined ? { page_size: '100' } : { page_size: '100', next } } }); for (const c of b.data) n++; next = typeof b.next === 'string' && b.next.trim() !== '' ? b.next : undefined } while (next !== undefined); return n }
class PR { constructor(url, init) { Object.assign(this, init, { url }) } }
async function oafDirect() { let n = 0, next; do { const { data: b } = await c.GET(PATH, { Request: PR, fetch: (r) => fetch(r.url, r), params: { query: next === undefined ? { page_size: '100' } : { page_size: '100', next } } }); for (const c of b.data) n++; next = typeof b.next === 'string' && b.next.trim() !== '' ? b.next : undefined } while (next !== undefined); return n }
async function oafSig() { let n = 0, next; do { const ac = new AbortController(); const t = setTimeout(() => ac.abort(), 60000); const { data: b } = await c.GET(PATH, { signal: ac.signal, params: { query: next === undefined ? { page_size: '100' } : { page_size: '100', next } } }); clearTimeout(t); for (const c of b.data) n++; next = typeof b.next === 'string' && b.next.trim() !== '' ? b.next : undefined } while (next !== undefined); return n }
async function rawSig() { let n = 0, next; do { const ac = new AbortController(); const t = setTimeout(() => ac.abort(), 60000); const res = await fetch(`${base}${PATH}?page_size=100${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`, { headers, signal: ac.signal }); const b = await res.json(); clearTimeout(t); for (const c of b.data) n++; next = typeof b.next === 'string' && b.next.trim() !== '' ? b.next : undefined } while (next !== undefined); return n }
const all = process.argv[3] ? Object.fromEntries(process.argv[3].split(',').map((k) => [k, eval(k)])) : { sdk, raw, oaf, sdkInf, oafDirect, oafSig, rawSig }
if (mode === 'all') {
  const acc = {}
  for (const k in all) await all[k]()
  for (let r = 0; r < 6; r++) for (const k of (r % 2 ? Object.keys(all) : Object.keys(all).reverse())) { const t = process.cpuUsage(); await all[k](); const u = process.cpuUsage(t); (acc[k] ??= []).push((u.user + u.system) / 1000) }
  const med = (a) => { a = [...a].sort((x, y) => x - y); return (a[2] + a[3]) / 2 }
  for (const k in acc) console.log(k.padEnd(10), med(acc[k]).toFixed(0), 'ms', (med(acc[k]) / med(acc.raw)).toFixed(3))
  await srv.stop(); process.exit(0)
}
const fn = all[mode]
const t = process.cpuUsage()
for (let i = 0; i < 4; i++) await fn()
const u = process.cpuUsage(t); console.log(mode, ((u.user + u.system) / 4000).toFixed(0), 'ms cpu per listing')
await srv.stop()
