// A stand-in for the four vendors on a free loopback port, for the smoke client (client.mjs). Each API lives
// under its own prefix (/stackone, /brevo, /sunshine, /mews) and checks credentials as the vendor does: a wrong
// or missing one is a 401 naming what was wrong. The answers are the ones the checks need: three pages, a 503
// then a 200, an answer slower than the client's timeout, a 404, a POST answered 503. What the server received
// (pages asked for, attempts, the JWT it verified, Mews windows) is read back from GET /__smoke/seen.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

export const CREDENTIALS = {
  stackone: { apiKey: 'smoke-stackone-key', accountId: 'acc_smoke' },
  brevo: { apiKey: 'smoke-brevo-key' },
  sunshine: { keyId: 'app_smoke', secret: 'smoke-sunshine-secret' },
  mews: { clientToken: 'smoke-client-token', accessToken: 'smoke-access-token', client: 'Parley smoke 1.0' },
}

const STACKONE_PAGES = {
  '': { data: [{ id: 'c1' }, { id: 'c2' }], next: 'p2' },
  p2: { data: [{ id: 'c3' }, { id: 'c4' }], next: 'p3' },
  p3: { data: [{ id: 'c5' }], next: null },
}

/** Starts the server; resolves once it listens. `close()` ends open connections and stops it. */
export async function startVendorServer() {
  const seen = { stackonePages: [], flakyAttempts: 0, messagePosts: 0, sunshineJwt: null, mewsWindows: [] }
  const slow = new Set()

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const body = await readJson(req)
    const send = (status, json, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(json))
    }
    const route = `${req.method} ${url.pathname}`
    const [, api] = url.pathname.split('/')

    if (route === 'GET /__smoke/seen') return send(200, seen)

    const refused = checkCredentials(api, req.headers, body, seen)
    if (refused) return send(401, refused)

    switch (route) {
      case 'GET /stackone/unified/messaging/conversations/c1':
        return send(200, { data: { id: 'c1', name: 'Smoke test' } })
      case 'GET /stackone/unified/messaging/conversations': {
        const next = url.searchParams.get('next') ?? ''
        seen.stackonePages.push(next || null)
        return next in STACKONE_PAGES ? send(200, STACKONE_PAGES[next]) : send(400, { statusCode: 400, message: `unknown cursor ${next}` })
      }
      case 'GET /stackone/unified/messaging/conversations/flaky':
        seen.flakyAttempts++
        if (seen.flakyAttempts === 1) return send(503, { statusCode: 503, message: 'Try again' }, { 'retry-after-ms': '20' })
        return send(200, { data: { id: 'flaky', name: 'Second attempt' } })
      case 'GET /stackone/unified/messaging/conversations/slow': {
        // Answers after 10 s, long after the client gave up; close() ends it sooner.
        const timer = setTimeout(() => send(200, { data: { id: 'slow' } }), 10_000)
        slow.add(timer)
        res.on('close', () => {
          clearTimeout(timer)
          slow.delete(timer)
        })
        return undefined
      }
      case 'GET /stackone/unified/messaging/conversations/missing':
        return send(404, { statusCode: 404, message: 'Conversation missing not found' }, { 'x-request-id': 'req_smoke_404' })
      case 'POST /stackone/unified/messaging/messages':
        seen.messagePosts++
        return send(503, { statusCode: 503, message: 'Try again' }, { 'retry-after-ms': '20' })
      case 'GET /brevo/conversations/messages/m1':
        return send(200, { id: 'm1', type: 'agent', text: 'Hello from Brevo', visitorId: 'v1', createdAt: 1718195106740 })
      case 'GET /sunshine/v2/apps/app1/conversations/cv1':
        return send(200, { conversation: { id: 'cv1', type: 'personal', isDefault: true } })
      case 'POST /mews/api/connector/v1/messageThreads/getAll': {
        const window = body?.CreatedUtc
        if (window) seen.mewsWindows.push(window)
        return send(200, { MessageThreads: [{ Id: `thread-${window?.StartUtc}`, OriginalSender: 'Smoke', Subject: 'Window' }], Cursor: null })
      }
      default:
        return send(404, { message: `the smoke server has no route ${route}` })
    }
  })

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      for (const timer of slow) clearTimeout(timer)
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

function readJson(req) {
  return new Promise((resolve) => {
    let text = ''
    req.on('data', (d) => (text += d))
    req.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : undefined)
      } catch {
        resolve(undefined)
      }
    })
  })
}

/** The vendor's 401 body when the request's credentials are wrong, else undefined. */
function checkCredentials(api, headers, body, seen) {
  const { stackone, brevo, sunshine, mews } = CREDENTIALS
  switch (api) {
    case 'stackone': {
      const expected = `Basic ${Buffer.from(`${stackone.apiKey}:`).toString('base64')}`
      if (headers.authorization !== expected) return { statusCode: 401, message: 'authorization is not basic <apiKey>:' }
      if (headers['x-account-id'] !== stackone.accountId) return { statusCode: 401, message: `x-account-id is ${headers['x-account-id']}` }
      return undefined
    }
    case 'brevo':
      return headers['api-key'] === brevo.apiKey ? undefined : { code: 'unauthorized', message: 'api-key is wrong or missing' }
    case 'sunshine': {
      const jwt = verifyJwt(headers.authorization, sunshine)
      seen.sunshineJwt = jwt
      return jwt.problem ? { errors: [{ code: 'unauthorized', title: jwt.problem }] } : undefined
    }
    case 'mews': {
      const ok = body?.ClientToken === mews.clientToken && body?.AccessToken === mews.accessToken && body?.Client === mews.client
      return ok ? undefined : { Message: 'ClientToken, AccessToken or Client is wrong or missing in the body' }
    }
    default:
      return undefined
  }
}

/** What the server made of a Sunshine bearer token: its header, scope, and the problem if it is not valid. */
function verifyJwt(authorization, { keyId, secret }) {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1]
  if (!token) return { problem: 'no bearer token' }
  const [head, payload, signature] = token.split('.')
  const decode = (part) => {
    try {
      return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'))
    } catch {
      return undefined
    }
  }
  const header = decode(head)
  const claims = decode(payload)
  const expected = createHmac('sha256', secret).update(`${head}.${payload}`).digest()
  const given = Buffer.from(signature ?? '', 'base64url')
  const signed = given.length === expected.length && timingSafeEqual(given, expected)
  const seen = { alg: header?.alg, typ: header?.typ, kid: header?.kid, scope: claims?.scope, signature: signed ? 'valid' : 'invalid' }
  const problem =
    (header?.alg !== 'HS256' && `alg is ${header?.alg}`) ||
    (header?.kid !== keyId && `kid is ${header?.kid}`) ||
    (claims?.scope !== 'app' && `scope is ${claims?.scope}`) ||
    (!signed && 'signature does not match the secret') ||
    undefined
  return problem ? { ...seen, problem } : seen
}
