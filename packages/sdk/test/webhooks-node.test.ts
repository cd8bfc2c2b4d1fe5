// Webhook receivers over real HTTP: a node:http server on a free loopback port, each route a receiver's handler
// through toNodeHandler (@parley/sdk/node), as an app would mount them; plain and Express-style (a body parser ran
// first). The server is closed, every socket with it, after the tests.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { toNodeHandler, type NodeRequest } from '../src/node.js'
import { createMewsWebhooks, createStackOneWebhooks, createSunshineWebhooks, type SunshineWebhookEvent } from '../src/index.js'

const SECRET = 'node-test-secret-0123456789'
const LIMIT = 4096

const sunshine = createSunshineWebhooks({ secret: SECRET, maxBodyBytes: LIMIT })
const stackone = createStackOneWebhooks({ secret: SECRET })
const mews = createMewsWebhooks({ token: SECRET })

let handled: string[] = []
let failNext = 0
const errors: unknown[] = []
const onError = (e: unknown) => void errors.push(e)
const onSunshine = (event: SunshineWebhookEvent) => {
  if (failNext > 0) {
    failNext--
    throw new Error('handler failed')
  }
  handled.push(event.type === 'unknown' ? `unknown:${event.unknownType}` : `${event.type}:${event.id}`)
}

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => unknown> = {
  '/sunshine': toNodeHandler(sunshine.handler(onSunshine, { onError })),
  '/stackone': toNodeHandler(stackone.handler((event) => void handled.push(`stackone:${event.event}`), { onError })),
  '/mews': toNodeHandler(mews.handler((event) => void handled.push(`mews:${event.Discriminator}`), { onError })),
}

/** Reads the whole body into req.body first, as express.raw() / express.text() / express.json() would. */
function parsed(as: 'raw' | 'text' | 'json', next: (req: NodeRequest, res: ServerResponse) => unknown) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const body = as === 'raw' ? raw : as === 'text' ? raw.toString('utf8') : JSON.parse(raw.toString('utf8'))
    return next(Object.assign(req, { body }), res)
  }
}
routes['/express/raw'] = parsed('raw', toNodeHandler(sunshine.handler(onSunshine, { onError })))
routes['/express/text'] = parsed('text', toNodeHandler(sunshine.handler(onSunshine, { onError })))
routes['/express/json'] = parsed('json', toNodeHandler(sunshine.handler(onSunshine, { onError })))

let server: Server
let base = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname]
    if (route) return void route(req, res)
    res.statusCode = 404
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  handled = []
  failNext = 0
  errors.length = 0
})

const delivery = (...ids: string[]) => ({
  app: { id: 'app_1' },
  webhook: { id: 'wh_1', version: 'v2' },
  events: ids.map((id) => ({ id, type: 'conversation:message', createdAt: '2026-01-01T00:00:00.000Z', payload: {} })),
})

/** Sends a receiver's test request to `path` on the server, with fetch. */
async function post(path: string, request: Request): Promise<{ status: number; text: string }> {
  const url = new URL(request.url)
  const response = await fetch(`${base}${path}${url.search}`, { method: 'POST', headers: request.headers, body: await request.text() })
  return { status: response.status, text: await response.text() }
}

describe('toNodeHandler over node:http', () => {
  it('a good delivery is handled and answered 204; a bad secret 401 with nothing handled', async () => {
    expect(await post('/sunshine', await sunshine.testRequest(delivery('e1') as never))).toEqual({ status: 204, text: '' })
    expect(handled).toEqual(['conversation:message:e1'])
    const forged = await createSunshineWebhooks({ secret: 'not-the-secret' }).testRequest(delivery('e2') as never)
    const refused = await post('/sunshine', forged)
    expect(refused).toEqual({ status: 401, text: 'X-API-Key header does not match the webhook secret' })
    expect(refused.text).not.toContain('not-the-secret')
    expect(handled).toEqual(['conversation:message:e1'])
  })

  it('StackOne: the signature is checked over the bytes as they came over the wire; Mews: the token in the query', async () => {
    const body = '{"event":"account.created","account_id":"a1", "spacing":"kept as sent"}'
    expect((await post('/stackone', await stackone.testRequest(body))).status).toBe(204)
    const mewsRequest = await mews.testRequest({ EnterpriseId: 'e', IntegrationId: 'i', Events: [{ Discriminator: 'MessageAdded', Value: { Id: 'm1' } }] })
    expect(new URL(mewsRequest.url).searchParams.get('Token')).toBe(SECRET)
    expect((await post('/mews', mewsRequest)).status).toBe(204)
    expect(handled).toEqual(['stackone:account.created', 'mews:MessageAdded'])
  })

  it('a redelivery is answered 204 and not handled again; a failed event is handled on its redelivery', async () => {
    const request = () => sunshine.testRequest(delivery('d1', 'd2') as never)
    failNext = 0
    expect((await post('/sunshine', await request())).status).toBe(204)
    expect((await post('/sunshine', await request())).status).toBe(204)
    expect(handled).toEqual(['conversation:message:d1', 'conversation:message:d2'])

    handled = []
    failNext = 1
    const fresh = () => sunshine.testRequest(delivery('f1', 'f2') as never)
    expect((await post('/sunshine', await fresh())).status).toBe(500)
    expect(errors).toEqual([new Error('handler failed')])
    expect(handled).toEqual([])
    expect((await post('/sunshine', await fresh())).status).toBe(204)
    expect(handled).toEqual(['conversation:message:f1', 'conversation:message:f2'])
  })

  it('malformed JSON is 400, a wrong content type 415, an unknown event type is handed over', async () => {
    expect((await post('/sunshine', await sunshine.testRequest('{"events": ['))).status).toBe(400)
    const text = await sunshine.testRequest(delivery('x') as never, { headers: { 'content-type': 'text/plain' } })
    expect(await post('/sunshine', text)).toEqual({ status: 415, text: 'content-type must be application/json, got "text/plain"' })
    const unknown = { ...delivery(), events: [{ id: 'u1', type: 'conversation:hologram', createdAt: '2026-01-01T00:00:00.000Z', payload: {} }] }
    expect((await post('/sunshine', await sunshine.testRequest(unknown as never))).status).toBe(204)
    expect(handled).toEqual(['unknown:conversation:hologram'])
  })

  /** Sends headers and `sent` bytes of a body that would be `declared` bytes long (or chunked), then waits for the answer. */
  function partialPost(path: string, headers: Record<string, string>, sent: number, declared?: number) {
    return new Promise<{ status: number; text: string; connection: string | undefined }>((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { method: 'POST', headers: { ...headers, ...(declared ? { 'content-length': String(declared) } : {}) } })
      req.on('response', (res) => {
        let text = ''
        res.on('data', (d: Buffer) => (text += d.toString()))
        res.on('end', () => {
          resolve({ status: res.statusCode!, text, connection: res.headers.connection })
          req.destroy()
        })
      })
      // Once the server answers and closes, writing more fails: that is expected here.
      req.on('error', (e: NodeJS.ErrnoException) => (['EPIPE', 'ECONNRESET'].includes(e.code ?? '') ? undefined : reject(e)))
      req.write(Buffer.alloc(sent, 32))
      // Never end the body: the answer must come without it.
    })
  }

  it('a declared length over maxBodyBytes is refused with 413 before the body arrives, and the connection closed', async () => {
    const request = await sunshine.testRequest('{}')
    const headers = Object.fromEntries(request.headers)
    const answer = await partialPost('/sunshine', headers, 1024, 10 * 1024 * 1024)
    expect(answer).toEqual({ status: 413, text: `body is larger than ${LIMIT} bytes (maxBodyBytes)`, connection: 'close' })
  })

  it('a chunked body is cut at the first chunk past maxBodyBytes: 413 while the client is still sending', async () => {
    const request = await sunshine.testRequest('{}')
    const headers = { ...Object.fromEntries(request.headers), 'transfer-encoding': 'chunked' }
    const answer = await partialPost('/sunshine', headers, LIMIT * 4)
    expect(answer).toMatchObject({ status: 413, connection: 'close' })
  })

  it('a Host header no URL can be made of does not stop a delivery (no receiver reads it), and nothing is logged', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const request = await mews.testRequest({ EnterpriseId: 'e', IntegrationId: 'i', Events: [{ Discriminator: 'MessageAdded', Value: { Id: 'host1' } }] })
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(request.url)
        const req = httpRequest(`${base}/mews${url.search}`, { method: 'POST', headers: { host: 'bad host', 'content-type': 'application/json' } })
        req.on('response', (res) => (res.resume(), resolve(res.statusCode!)))
        req.on('error', reject)
        void request.text().then((body) => req.end(body))
      })
      expect(status).toBe(204)
      expect(handled).toEqual(['mews:MessageAdded'])
      expect(log).not.toHaveBeenCalled()
    } finally {
      log.mockRestore()
    }
  })

  it('a request that cannot be handed over is answered 500 and logged with no secret and no query string', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      // A header value no web Headers takes; its error would quote it.
      const req = Object.assign((async function* () {})(), {
        method: 'POST',
        url: `/mews?Token=${SECRET}`,
        headers: { host: 'bad host', 'x-forwarded-token': `${SECRET}\nmore`, 'content-type': 'application/json' },
      })
      const res = { statusCode: 0, setHeader: () => {}, end: () => {} }
      await toNodeHandler(mews.handler(() => {}, { onError }))(req, res)
      expect(res.statusCode).toBe(500)
      expect(log).toHaveBeenCalledTimes(1)
      const line = log.mock.calls[0]!.map(String).join(' ')
      expect(line).toBe('@parley/sdk/node: the request could not be handed to the webhook handler (TypeError)')
      expect(line).not.toContain(SECRET)
      expect(line).not.toContain('Token=')
    } finally {
      log.mockRestore()
    }
  })

  it('GET is 405; HEAD (a URL probe) is 204', async () => {
    expect((await fetch(`${base}/sunshine`)).status).toBe(405)
    expect((await fetch(`${base}/sunshine`, { method: 'HEAD' })).status).toBe(204)
  })
})

describe('toNodeHandler behind an Express body parser', () => {
  it('express.raw() (a Buffer) and express.text() (a string) bodies are verified as received', async () => {
    expect((await post('/express/raw', await sunshine.testRequest(delivery('r1') as never))).status).toBe(204)
    expect((await post('/express/text', await sunshine.testRequest(delivery('t1') as never))).status).toBe(204)
    expect(handled).toEqual(['conversation:message:r1', 'conversation:message:t1'])
  })

  it('express.json() ran first (req.body is an object): 500 saying to mount the route before it', async () => {
    const answer = await post('/express/json', await sunshine.testRequest(delivery('j1') as never))
    expect(answer.status).toBe(500)
    expect(answer.text).toContain('Mount the webhook route before express.json()')
    expect(handled).toEqual([])
  })
})
