// The loopback API the call and pagination benchmarks talk to, in a child process so its CPU does not share the
// measuring event loop. It answers StackOne's GET /unified/messaging/users/{id} with a small user, and
// GET /unified/messaging/conversations with 1,000 pre-rendered pages of 100 conversations chained by `next`.
// Without the auth headers it answers 401, so no contender can win by sending less.
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'

export const API_KEY = 'bench-key'
export const ACCOUNT_ID = 'bench-account'
/** The headers the SDK sends for these credentials, for the contenders written without it. */
export const HEADERS = { authorization: `Basic ${btoa(`${API_KEY}:`)}`, 'x-account-id': ACCOUNT_ID }
export const USER = { data: { id: 'usr_0001', name: 'Ada Lovelace', email: 'ada@example.com', remote_id: '42' } }
export const PAGES = 1000
export const PAGE_SIZE = 100

const cursorOf = (page) => btoa(`conversations:page=${page}`)

function renderPage(p) {
  const data = Array.from({ length: PAGE_SIZE }, (_, i) => {
    const n = p * PAGE_SIZE + i + 1
    return { id: `conv_${n}`, name: `Conversation ${n}`, participants: ['usr_0001'], created_at: '2024-05-14T10:20:31.512Z' }
  })
  return Buffer.from(JSON.stringify(p + 1 < PAGES ? { data, next: cursorOf(p + 1) } : { data }))
}

function serve() {
  const user = Buffer.from(JSON.stringify(USER))
  const pages = Array.from({ length: PAGES }, (_, p) => renderPage(p))
  const pageOf = new Map(pages.map((_, p) => [cursorOf(p), p]))
  const send = (res, status, body) => res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length }).end(body)
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const url = new URL(req.url, 'http://localhost')
    if (req.headers.authorization !== HEADERS.authorization || req.headers['x-account-id'] !== ACCOUNT_ID) return send(res, 401, Buffer.from('{}'))
    if (url.pathname === '/unified/messaging/users/usr_0001') return send(res, 200, user)
    const page = pageOf.get(url.searchParams.get('next') ?? cursorOf(0))
    if (url.pathname === '/unified/messaging/conversations' && page !== undefined) return send(res, 200, pages[page])
    send(res, 404, Buffer.from('{}'))
  })
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
  process.on('disconnect', () => process.exit(0)) // never outlive the benchmark
}

/** Starts the server in a child process; `stop()` ends that child (by its handle) and waits for it to exit. */
export async function startServer() {
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const port = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.port))
    child.once('exit', (code) => reject(new Error(`bench server exited early (${code})`)))
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve()
