import { createServer } from 'node:http'
import createClient from 'openapi-fetch'
import { serveInChild, startChildServer } from '../lib/child-server.mjs'
if (process.env.SIGSRV) {
  const BODY = Buffer.from(JSON.stringify({ data: { id: 'x', name: 'Ada' } }))
  serveInChild(createServer({ keepAliveTimeout: 60000 }, (req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length }).end(BODY)))
} else {
const { createStackOne } = await import('@parley/sdk/stackone')
const srv = await startChildServer(import.meta.url, 'SIGSRV')
const P = '/unified/messaging/users/{id}', init = { params: { path: { id: 'a' } } }
const headers = { 'x-account-id': 'a', authorization: 'Basic eDo=' }
const c = createClient({ baseUrl: srv.origin, headers })
const so = createStackOne({ apiKey: 'x', accountId: 'a', baseUrl: srv.origin })
const soMw = createStackOne({ apiKey: 'x', accountId: 'a', baseUrl: srv.origin }); soMw.use({ onRequest() {} })
const soInf = createStackOne({ apiKey: 'x', accountId: 'a', baseUrl: srv.origin, timeoutMs: Infinity })
const oafMw = createClient({ baseUrl: srv.origin, headers }); oafMw.use({ onRequest() {} })
const url = srv.origin + '/unified/messaging/users/a'
const V0 = {
  direct: () => so.GET(P, init), viaRequest: () => soMw.GET(P, init), directNoTimeout: () => soInf.GET(P, init),
  oaf: () => c.GET(P, init), oafMw: () => oafMw.GET(P, init),
  raw: () => fetch(url, { headers }).then((r) => r.json()),
}
const V = process.argv[3] === 'raw' ? {
  raw: () => fetch(url, { headers }).then((r) => r.json()),
  rawSig: () => fetch(url, { headers, signal: new AbortController().signal }).then((r) => r.json()),
  rawTimer: () => { const t = setTimeout(() => 0, 60000); return fetch(url, { headers }).then((r) => r.json()).finally(() => clearTimeout(t)) },
  rawAbortSignalTimeout: () => fetch(url, { headers, signal: AbortSignal.timeout(60000) }).then((r) => r.json()),
  rawReq: () => fetch(new Request(url, { headers })).then((r) => r.json()),
  oaf: () => c.GET(P, init),
} : process.argv[3] === 'sig' ? {
  direct: () => so.GET(P, init), directNoTimeout: () => soInf.GET(P, init),
  noTimeoutCallerSig: () => soInf.GET(P, { ...init, signal: new AbortController().signal }),
  noTimeoutTimer: () => { const t = setTimeout(() => 0, 60000); return soInf.GET(P, init).finally(() => clearTimeout(t)) },
  oaf: () => c.GET(P, init),
  oafSig: () => c.GET(P, { ...init, signal: new AbortController().signal }),
} : V0
const names = Object.keys(V)
for (let i = 0; i < 300; i++) for (const k of names) await V[k]()
const cpu = Object.fromEntries(names.map((k) => [k, 0]))
const N = +process.argv[2] || 3000
for (let i = 0; i < N; i++) {
  const order = i % 2 ? names : [...names].reverse()
  for (const k of order) { const t = process.cpuUsage(); await V[k](); const u = process.cpuUsage(t); cpu[k] += u.user + u.system }
}
for (const k of names) console.log(k.padEnd(16), (cpu[k] / N).toFixed(1), 'µs', (cpu.raw / cpu[k]).toFixed(3), 'of raw', (cpu.oaf / cpu[k]).toFixed(3), 'of oaf')
await srv.stop()
}
