// Webhook receivers, with web Request objects: each vendor's credentials, the body rules (JSON, size, content type),
// events handed over once, a failed one handed over again on redelivery, unknown types passed on, no secret in any
// message. Over real HTTP: webhooks-node.test.ts; the specs' examples: webhooks-examples.test.ts.
import { describe, expect, it, vi } from 'vitest'
import {
  ConfigurationError,
  WebhookError,
  createBrevoWebhooks,
  createMemoryWebhookStore,
  createMewsWebhooks,
  createStackOneWebhooks,
  createSunshineWebhooks,
  type WebhookReceiver,
  type WebhookStore,
} from '../src/index.js'
import { hmacSha256Base64url, matchesAny, safeEqual } from '../src/webhooks/crypto.js'

const SECRET = 'whsec-correct-horse-battery-staple'
const OLD = 'whsec-the-one-before-rotation'
const WRONG = 'whsec-presented-by-somebody-else!'
/** Everything that must never show in a message: the secrets, what was presented, and their encodings. */
const NEVER = [SECRET, OLD, WRONG, btoa(`agent:${SECRET}`), btoa(`agent:${WRONG}`)]

type Receiver = WebhookReceiver<any, any>
const encoder = new TextEncoder()

/** `request` again, with `change` applied to a copy of its URL and headers (the body is carried over). */
async function rebuild(request: Request, change: (url: URL, headers: Headers, body: string) => void | Promise<void>): Promise<Request> {
  const url = new URL(request.url)
  const headers = new Headers(request.headers)
  const body = await request.text()
  await change(url, headers, body)
  return new Request(url, { method: request.method, headers, body })
}

interface Vendor {
  /** A receiver with `secret` as its credential (several: a change-over), plus `options`. */
  make(options?: object, secret?: string | string[]): Receiver
  discriminator: string
  /** Where a batch's events are; undefined when the body is the one event. */
  eventsField: string | undefined
  /** A delivery holding one event per [type, id]; ids make deliveries differ. */
  delivery(events: [type: string, id: string][]): unknown
  /** Sets the presented credential to `value`, or removes it (undefined). */
  present(request: Request, value: string | undefined): Promise<Request>
}

const header = (name: string) => (request: Request, value: string | undefined) =>
  rebuild(request, (_url, headers) => (value === undefined ? headers.delete(name) : headers.set(name, value)))
const query = (name: string) => (request: Request, value: string | undefined) =>
  rebuild(request, (url) => (value === undefined ? url.searchParams.delete(name) : url.searchParams.set(name, value)))

const vendors: Record<string, Vendor> = {
  sunshine: {
    make: (o, secret = SECRET) => createSunshineWebhooks({ secret, ...o }),
    discriminator: 'type',
    eventsField: 'events',
    delivery: (events) => ({
      app: { id: 'app_1' },
      webhook: { id: 'wh_1', version: 'v2' },
      events: events.map(([type, id]) => ({ id, type, createdAt: '2026-01-01T00:00:00.000Z', payload: { conversation: { id: 'c1', type: 'personal' } } })),
    }),
    present: header('x-api-key'),
  },
  mews: {
    make: (o, token = SECRET) => createMewsWebhooks({ token, ...o }),
    discriminator: 'Discriminator',
    eventsField: 'Events',
    delivery: (events) => ({ EnterpriseId: 'e1', IntegrationId: 'i1', Events: events.map(([Discriminator, Id]) => ({ Discriminator, Value: { Id } })) }),
    present: query('Token'),
  },
  'brevo (token)': {
    make: (o, token = SECRET) => createBrevoWebhooks({ token, ...o }),
    discriminator: 'eventName',
    eventsField: undefined,
    delivery: ([[eventName, id] = ['', '']]) => ({ eventName, conversationId: id }),
    present: query('token'),
  },
  'brevo (basic)': {
    make: (o, password = SECRET) => createBrevoWebhooks({ username: 'agent', password, ...o }),
    discriminator: 'eventName',
    eventsField: undefined,
    delivery: ([[eventName, id] = ['', '']]) => ({ eventName, conversationId: id }),
    present: (request, value) => header('authorization')(request, value === undefined ? undefined : `Basic ${btoa(`agent:${value}`)}`),
  },
  'brevo (bearer)': {
    make: (o, bearer = SECRET) => createBrevoWebhooks({ bearer, ...o }),
    discriminator: 'eventName',
    eventsField: undefined,
    delivery: ([[eventName, id] = ['', '']]) => ({ eventName, conversationId: id }),
    present: (request, value) => header('authorization')(request, value === undefined ? undefined : `Bearer ${value}`),
  },
  stackone: {
    make: (o, secret = SECRET) => createStackOneWebhooks({ secret, ...o }),
    discriminator: 'event',
    eventsField: undefined,
    delivery: ([[event, id] = ['', '']]) => ({ event, account_id: 'acc_1', record_id: id }),
    // The signature of this body with `value` as the secret ('' an empty header).
    present: (request, value) =>
      rebuild(request, async (_url, headers, body) => {
        if (value === undefined) headers.delete('x-stackone-signature')
        else headers.set('x-stackone-signature', value && (await hmacSha256Base64url(value, encoder.encode(body))))
      }),
  },
}

/** A known event type of each vendor, and one no spec knows. */
const KNOWN: Record<string, string> = { sunshine: 'conversation:message', mews: 'MessageAdded', brevo: 'conversationStarted', stackone: 'account.created' }
const known = (name: string) => KNOWN[name.split(' ')[0]!]!
const UNKNOWN = 'brand:new:event'

const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error('resolved') }, (e: unknown) => e as WebhookError)
const quiet = { onError: () => {} }

/** A stream that never ends, counting the bytes it hands out. */
function endless(chunk = 16 * 1024) {
  let pulled = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk
      controller.enqueue(new Uint8Array(chunk).fill(32))
    },
  })
  return { stream, pulled: () => pulled }
}

describe.each(Object.entries(vendors))('%s receiver', (name, v) => {
  const type = known(name)

  it('verifies its own test request and returns the events, typed by the spec', async () => {
    const hooks = v.make()
    const events = await hooks.verify(await hooks.testRequest(v.delivery([[type, 'ev1']]) as never))
    expect(events).toHaveLength(1)
    expect(events[0][v.discriminator]).toBe(type)
  })

  it('accepts a credential made with any of several secrets (a change-over); test requests carry the first', async () => {
    const before = v.make({}, OLD)
    const during = v.make({}, [SECRET, OLD])
    const old = await before.testRequest(v.delivery([[type, 'ev1']]) as never)
    await expect(during.verify(old)).resolves.toHaveLength(1)
    await expect(v.make().verify(await during.testRequest(v.delivery([[type, 'ev1']]) as never))).resolves.toHaveLength(1)
  })

  it.each([
    ['missing', undefined],
    ['wrong', WRONG],
    ['shorter than the secret', SECRET.slice(0, -1)],
    ['longer than the secret', `${SECRET}x`],
    ['empty', ''],
  ])('refuses a %s credential with 401, naming where it looked and never the value', async (_what, value) => {
    const hooks = v.make()
    const request = await v.present(await hooks.testRequest(v.delivery([[type, 'ev1']]) as never), value)
    const error = await rejection(hooks.verify(request))
    expect(error).toBeInstanceOf(WebhookError)
    expect(error).toMatchObject({ name: 'WebhookError', status: 401 })
    expect(error.message).toMatch(/header|query parameter/)
    for (const secret of NEVER) expect(JSON.stringify({ ...error.toJSON(), stack: error.stack })).not.toContain(secret)
  })

  it('answers 400 for a body that is not JSON, or not the shape of a delivery', async () => {
    const hooks = v.make()
    const notJson = await rejection(hooks.verify(await hooks.testRequest('{"events": [')))
    expect(notJson).toMatchObject({ status: 400, message: 'body is not valid JSON' })
    const notObject = await rejection(hooks.verify(await hooks.testRequest('[1, 2]')))
    const where = v.eventsField ? `body.${v.eventsField}` : 'body'
    expect(notObject).toMatchObject({ status: 400, message: v.eventsField ? `${where} must be an array, got undefined` : 'body must be an object, got an array' })
    const [event] = v.eventsField ? (v.delivery([[type, 'ev1']]) as any)[v.eventsField] : [v.delivery([[type, 'ev1']])]
    delete event[v.discriminator]
    const untyped = await rejection(hooks.verify(await hooks.testRequest((v.eventsField ? { ...(v.delivery([]) as object), [v.eventsField]: [event] } : event) as never)))
    expect(untyped).toMatchObject({ status: 400, message: `${v.eventsField ? `${where}[0]` : where}.${v.discriminator} must be a string, got undefined` })
  })

  it('answers 415 for a content type other than JSON, before reading the body', async () => {
    const hooks = v.make()
    const request = await hooks.testRequest(v.delivery([[type, 'ev1']]) as never, { headers: { 'content-type': 'text/plain' } })
    await expect(rejection(hooks.verify(request))).resolves.toMatchObject({ status: 415, message: 'content-type must be application/json, got "text/plain"' })
    expect(request.bodyUsed).toBe(false)
    // JSON with a charset, and vendor JSON types, are JSON.
    const charset = await hooks.testRequest(v.delivery([[type, 'ev1']]) as never, { headers: { 'content-type': 'Application/JSON; charset=utf-8' } })
    await expect(hooks.verify(charset)).resolves.toHaveLength(1)
  })

  it('answers 413 for a declared length over maxBodyBytes without reading the body', async () => {
    const hooks = v.make({ maxBodyBytes: 64 })
    const good = await hooks.testRequest(v.delivery([[type, 'ev1']]) as never)
    const { stream, pulled } = endless()
    const request = await v.present(good, name === 'stackone' ? 'irrelevant' : SECRET)
    const big = new Request(request.url, { method: 'POST', headers: { ...Object.fromEntries(request.headers), 'content-length': '1000000' }, body: stream, duplex: 'half' } as RequestInit)
    await expect(rejection(hooks.verify(big))).resolves.toMatchObject({ status: 413, message: 'body is larger than 64 bytes (maxBodyBytes)' })
    expect(pulled()).toBeLessThanOrEqual(16 * 1024)
  })

  it('stops reading an endless body (no length declared) at the first chunk past maxBodyBytes: 413', async () => {
    const hooks = v.make({ maxBodyBytes: 100_000 })
    const good = await hooks.testRequest(v.delivery([[type, 'ev1']]) as never)
    const { stream, pulled } = endless()
    const big = new Request(good.url, { method: 'POST', headers: good.headers, body: stream, duplex: 'half' } as RequestInit)
    await expect(rejection(hooks.verify(big))).resolves.toMatchObject({ status: 413 })
    // Seven chunks of 16 KiB pass 100 000 bytes; a reader that buffered everything would never return.
    expect(pulled()).toBeLessThanOrEqual(8 * 16 * 1024)
  })

  it('reads the body once: a request whose body was already read is refused with 400, naming why', async () => {
    const hooks = v.make()
    const request = await hooks.testRequest(v.delivery([[type, 'ev1']]) as never)
    await request.text()
    const error = await rejection(hooks.verify(request))
    // StackOne checks the signature over the body, so it finds the body gone first; the others check their
    // credential first and then find it.
    expect(error).toMatchObject({ status: 400, message: 'body was already read (pass the request before anything reads it)' })
  })

  it('passes on an event of a type the spec does not know, with its name and the event as received', async () => {
    const hooks = v.make()
    const payload = v.delivery([[UNKNOWN, 'ev9']])
    const [event] = await hooks.verify(await hooks.testRequest(payload as never))
    const raw = v.eventsField ? (payload as Record<string, unknown[]>)[v.eventsField]![0] : payload
    expect(event).toEqual({ [v.discriminator]: 'unknown', unknownType: UNKNOWN, raw })
  })

  it('handler: 204 once every event is handled; a redelivery of a handled event is not handed over again', async () => {
    const seen: unknown[] = []
    const handle = v.make().handler((event) => void seen.push(event[v.discriminator]))
    const hooks = v.make()
    const payload = v.delivery([[type, 'ev1']])
    expect((await handle(await hooks.testRequest(payload as never))).status).toBe(204)
    expect((await handle(await hooks.testRequest(payload as never))).status).toBe(204)
    expect(seen).toEqual([type])
    // A different event is handled.
    expect((await handle(await hooks.testRequest(v.delivery([[type, 'ev2']]) as never))).status).toBe(204)
    expect(seen).toEqual([type, type])
  })

  it('handler: a throwing handler is answered so the vendor redelivers (500; Brevo 429) and called again then; then 204', async () => {
    const errors: unknown[] = []
    let calls = 0
    const handle = v.make().handler(
      () => {
        if (++calls === 1) throw new Error('database down')
      },
      { onError: (e) => errors.push(e) },
    )
    const request = () => v.make().testRequest(v.delivery([[type, 'ev1']]) as never)
    const first = await handle(await request())
    // Brevo drops a delivery answered with a 5xx, or a 4xx other than 429.
    expect(first.status).toBe(name.startsWith('brevo') ? 429 : 500)
    expect(await first.text()).toBe('the event could not be handled')
    expect(errors).toEqual([new Error('database down')])
    expect((await handle(await request())).status).toBe(204)
    expect(calls).toBe(2)
    expect((await handle(await request())).status).toBe(204)
    expect(calls).toBe(2)
  })

  it('handler: a redelivery arriving while the first is still handled is answered so the vendor redelivers, then handled if the first failed', async () => {
    const errors: unknown[] = []
    let calls = 0
    let fail!: (error: Error) => void
    const handle = v.make().handler(
      () => {
        if (++calls === 1) return new Promise((_resolve, reject) => (fail = reject))
      },
      { onError: (e) => errors.push(e) },
    )
    const request = () => v.make().testRequest(v.delivery([[type, 'ev1']]) as never)
    const first = handle(await request())
    await vi.waitFor(() => expect(calls).toBe(1))
    const second = await handle(await request())
    expect(second.status).toBe(name.startsWith('brevo') ? 429 : 500)
    expect(calls).toBe(1)
    expect(String(errors[0])).toMatch(/^Error: event \w+:\S+ is still being handled by an earlier delivery$/)
    fail(new Error('database down'))
    expect((await first).status).toBe(name.startsWith('brevo') ? 429 : 500)
    // The redelivery the second answer asked for is the one that handles the event.
    expect((await handle(await request())).status).toBe(204)
    expect(calls).toBe(2)
  })

  it('handler: a refused delivery is answered with its status and message, and reported', async () => {
    const errors: unknown[] = []
    const onEvent = vi.fn()
    const handle = v.make().handler(onEvent, { onError: (e) => errors.push(e) })
    const request = await v.present(await v.make().testRequest(v.delivery([[type, 'ev1']]) as never), WRONG)
    const response = await handle(request)
    expect(response.status).toBe(401)
    const text = await response.text()
    expect(text).toBe((errors[0] as Error).message)
    for (const secret of NEVER) expect(text).not.toContain(secret)
    expect(onEvent).not.toHaveBeenCalled()
  })

  it('handler: 405 (Allow: POST) for GET; 204 for HEAD (Sunshine probes a new webhook URL with it)', async () => {
    const handle = v.make().handler(() => {}, quiet)
    const get = await handle(new Request('https://webhooks.example/parley'))
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect((await handle(new Request('https://webhooks.example/parley', { method: 'HEAD' }))).status).toBe(204)
  })
})

describe('deliveries of several events (Sunshine, Mews)', () => {
  it('a failure part-way: the events before it stay handled, it and those after are handed over on redelivery', async () => {
    const handled: string[] = []
    let failOnce = true
    const hooks = createSunshineWebhooks({ secret: SECRET })
    const handle = hooks.handler(
      (event) => {
        const id = event.type === 'unknown' ? '' : event.id
        if (id === 'b' && failOnce) {
          failOnce = false
          throw new Error('b failed')
        }
        handled.push(id)
      },
      quiet,
    )
    const payload = vendors.sunshine!.delivery([['conversation:message', 'a'], ['conversation:read', 'b'], ['conversation:typing', 'c']])
    expect((await handle(await hooks.testRequest(payload as never))).status).toBe(500)
    expect(handled).toEqual(['a'])
    expect((await handle(await hooks.testRequest(payload as never))).status).toBe(204)
    expect(handled).toEqual(['a', 'b', 'c'])
  })

  it('Sunshine dedupes on the event id, across deliveries', async () => {
    const ids: string[] = []
    const hooks = createSunshineWebhooks({ secret: SECRET })
    const handle = hooks.handler((event) => void ids.push(event.type === 'unknown' ? 'unknown' : event.id))
    await handle(await hooks.testRequest(vendors.sunshine!.delivery([['conversation:message', 'a'], ['conversation:message', 'b']]) as never))
    await handle(await hooks.testRequest(vendors.sunshine!.delivery([['conversation:message', 'b'], ['conversation:message', 'c']]) as never))
    expect(ids).toEqual(['a', 'b', 'c'])
  })

  it('Mews: an added entity is handled once; updates (no event id, the same bytes each time) are handed over every time', async () => {
    const seen: string[] = []
    const hooks = createMewsWebhooks({ token: SECRET })
    const handle = hooks.handler((event) => void seen.push(event.Discriminator === 'unknown' ? event.unknownType : event.Discriminator))
    const payload = vendors.mews!.delivery([['MessageAdded', 'm1'], ['CustomerUpdated', 'c1']])
    await handle(await hooks.testRequest(payload as never))
    await handle(await hooks.testRequest(payload as never))
    expect(seen).toEqual(['MessageAdded', 'CustomerUpdated', 'CustomerUpdated'])
  })

  it('store keys are <api>:<key>: Sunshine the event id, Mews Discriminator:Id, Brevo a hash of the body, StackOne of the event without sent_at', async () => {
    const keys: string[] = []
    const store: WebhookStore = {
      claim: async (key) => (keys.push(key), 'claimed' as const),
      done: async () => {},
      release: async () => {},
    }
    const sunshine = createSunshineWebhooks({ secret: SECRET, store })
    await sunshine.handler(() => {})(await sunshine.testRequest(vendors.sunshine!.delivery([['conversation:message', 'ev_1']]) as never))
    const mews = createMewsWebhooks({ token: SECRET, store })
    await mews.handler(() => {})(await mews.testRequest(vendors.mews!.delivery([['MessageAdded', 'm-1']]) as never))
    const brevo = createBrevoWebhooks({ token: SECRET, store })
    const body = JSON.stringify({ eventName: 'conversationStarted', conversationId: 'c' })
    await brevo.handler(() => {})(await brevo.testRequest(body))
    const stackone = createStackOneWebhooks({ secret: SECRET, store })
    await stackone.handler(() => {})(await stackone.testRequest(body.replace('eventName', 'event')))
    const digest = async (text: string) =>
      btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    expect(keys).toEqual(['sunshine:ev_1', 'mews:MessageAdded:m-1', `brevo:${await digest(body)}`, `stackone:${await digest(body.replace('eventName', 'event'))}`])
  })

  it('a store that fails to claim answers 500 (the vendor redelivers), reports the error, and releases nothing it did not claim', async () => {
    const errors: unknown[] = []
    const release = vi.fn(async () => {})
    const store: WebhookStore = { claim: async () => Promise.reject(new Error('redis down')), done: async () => {}, release }
    const hooks = createSunshineWebhooks({ secret: SECRET, store })
    const onEvent = vi.fn()
    const response = await hooks.handler(onEvent, { onError: (e) => errors.push(e) })(await hooks.testRequest(vendors.sunshine!.delivery([['conversation:message', 'a']]) as never))
    expect(response.status).toBe(500)
    expect(onEvent).not.toHaveBeenCalled()
    expect(release).not.toHaveBeenCalled()
    expect(errors).toEqual([new Error('redis down')])
  })

  it('StackOne: a redelivery with a new sent_at is skipped; an event differing in anything else is handled', async () => {
    const seen: unknown[] = []
    const hooks = createStackOneWebhooks({ secret: SECRET })
    const handle = hooks.handler((event) => void seen.push(event.event === 'unknown' ? '' : event.record_id))
    const event = { event: 'account.updated', account_id: 'acc_1', record_id: 'r1', event_date: '2026-01-14T09:41:07.512Z' }
    expect((await handle(await hooks.testRequest({ ...event, sent_at: '2026-01-14T09:41:08.003Z' } as never))).status).toBe(204)
    expect((await handle(await hooks.testRequest({ ...event, sent_at: '2026-01-14T09:56:08.120Z' } as never))).status).toBe(204)
    expect(seen).toEqual(['r1'])
    await handle(await hooks.testRequest({ ...event, record_id: 'r2', sent_at: '2026-01-14T09:41:08.003Z' } as never))
    expect(seen).toEqual(['r1', 'r2'])
  })

  it('a fault while receiving (not a WebhookError) is answered so the vendor redelivers: Brevo 429, which it retries', async () => {
    const errors: unknown[] = []
    const digest = vi.spyOn(crypto.subtle, 'digest').mockRejectedValueOnce(new Error('no crypto today'))
    try {
      const hooks = createBrevoWebhooks({ token: SECRET })
      const response = await hooks.handler(() => {}, { onError: (e) => errors.push(e) })(await hooks.testRequest({ eventName: 'conversationStarted' } as never))
      expect(response.status).toBe(429)
      expect(await response.text()).toBe('the delivery could not be received')
      expect(errors).toEqual([new Error('no crypto today')])
    } finally {
      digest.mockRestore()
    }
  })

  it('the payload (envelope) is handed to the handler with each event', async () => {
    const hooks = createMewsWebhooks({ token: SECRET })
    const payloads: unknown[] = []
    const payload = vendors.mews!.delivery([['MessageAdded', 'm1']])
    await hooks.handler((_event, p) => void payloads.push(p))(await hooks.testRequest(payload as never))
    expect(payloads).toEqual([payload])
  })

  it('the default onError logs one line for a refused delivery, with no secret in it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const hooks = createSunshineWebhooks({ secret: SECRET })
      const request = await vendors.sunshine!.present(await hooks.testRequest('{}'), WRONG)
      await hooks.handler(() => {})(request)
      expect(log).toHaveBeenCalledWith('@parley/sdk sunshine webhooks: refused a delivery (401): X-API-Key header does not match the webhook secret')
    } finally {
      log.mockRestore()
    }
  })
})

describe('options', () => {
  const factories = {
    createSunshineWebhooks: (o: any) => createSunshineWebhooks(o),
    createMewsWebhooks: (o: any) => createMewsWebhooks(o),
    createStackOneWebhooks: (o: any) => createStackOneWebhooks(o),
  }
  it.each(Object.entries(factories))('%s refuses a missing, empty or wrong-typed secret, naming it and not echoing it', (factory, make) => {
    const field = factory === 'createMewsWebhooks' ? 'token' : 'secret'
    const cases: [unknown, string][] = [
      [undefined, `${field} is missing (${factory} needs it to authenticate deliveries)`],
      [42, `${field} must be a string or a non-empty array of strings, got a number (${factory} needs it to authenticate deliveries)`],
      [[], `${field} must be a string or a non-empty array of strings, got an array (${factory} needs it to authenticate deliveries)`],
      ['  ', `${field} is empty`],
      [[SECRET, 7], `${field}[1] must be a string, got a number`],
      [[SECRET, ''], `${field}[1] is empty`],
    ]
    for (const [value, message] of cases) {
      expect(() => make({ [field]: value })).toThrow(ConfigurationError)
      expect(() => make({ [field]: value })).toThrow(message)
    }
    expect(() => make(undefined)).toThrow(`${field} is missing`)
  })

  it('createBrevoWebhooks takes exactly one of token, username and password, or bearer', () => {
    expect(() => createBrevoWebhooks({} as never)).toThrow('token is missing (createBrevoWebhooks takes one of token, username and password, or bearer)')
    expect(() => createBrevoWebhooks({ token: SECRET, bearer: SECRET } as never)).toThrow(
      'bearer cannot be combined with token (createBrevoWebhooks takes one of token, username and password, or bearer)',
    )
    expect(() => createBrevoWebhooks({ username: 'agent' } as never)).toThrow('password is missing')
    expect(() => createBrevoWebhooks({ username: '', password: SECRET })).toThrow('username is empty')
  })

  it('refuses a bad maxBodyBytes or store, naming it', () => {
    for (const maxBodyBytes of [0, -1, 1.5, '1024', Infinity]) {
      expect(() => createSunshineWebhooks({ secret: SECRET, maxBodyBytes: maxBodyBytes as never })).toThrow(/^maxBodyBytes must be a positive integer \(bytes\), got /)
    }
    expect(() => createSunshineWebhooks({ secret: SECRET, store: { claim() {} } as never })).toThrow(
      'store must be a WebhookStore (claim, done and release methods), got an object',
    )
  })

  it('no message of any refusal holds a secret', () => {
    const messages: string[] = []
    for (const attempt of [
      () => createSunshineWebhooks({ secret: [SECRET, 5 as never] }),
      () => createBrevoWebhooks({ username: 'agent', password: [SECRET, ''] }),
      () => createBrevoWebhooks({ token: SECRET, username: 'agent', password: OLD } as never),
    ]) {
      try {
        attempt()
      } catch (e) {
        messages.push((e as Error).message)
      }
    }
    expect(messages).toHaveLength(3)
    for (const m of messages) for (const secret of NEVER) expect(m).not.toContain(secret)
  })
})

describe('constant-time compare', () => {
  it('safeEqual is true only for equal strings, whatever the lengths and wherever they differ', async () => {
    expect(await safeEqual(SECRET, SECRET)).toBe(true)
    expect(await safeEqual(SECRET, `${SECRET.slice(0, -1)}X`)).toBe(false) // differs in the last byte
    expect(await safeEqual(SECRET, `X${SECRET.slice(1)}`)).toBe(false) // differs in the first byte
    expect(await safeEqual(SECRET, SECRET.slice(0, -1))).toBe(false) // a prefix
    expect(await safeEqual(SECRET, `${SECRET}\0`)).toBe(false) // a NUL more
    expect(await safeEqual('', '')).toBe(true)
    expect(await safeEqual('', SECRET)).toBe(false)
    expect(await safeEqual('café', 'cafe\u0301')).toBe(false) // compared as bytes, not normalised
  })

  it('matchesAny compares against every secret, not stopping at the first match', async () => {
    const digest = vi.spyOn(crypto.subtle, 'digest')
    try {
      expect(await matchesAny(SECRET, [SECRET, OLD, WRONG])).toBe(true)
      // One digest per side per secret: the secrets after the match were compared too.
      expect(digest).toHaveBeenCalledTimes(6)
      expect(await matchesAny('nope', [SECRET, OLD])).toBe(false)
    } finally {
      digest.mockRestore()
    }
  })
})

describe('createMemoryWebhookStore', () => {
  it('a claim holds until done (then remembered) or released (then claimable again); a lapsed lease frees it', async () => {
    vi.useFakeTimers()
    try {
      const store = createMemoryWebhookStore({ leaseMs: 1000, rememberMs: 60_000 })
      expect(await store.claim('k')).toBe('claimed')
      expect(await store.claim('k')).toBe('busy') // held by the first claim
      await store.release('k')
      expect(await store.claim('k')).toBe('claimed')
      vi.advanceTimersByTime(1001)
      expect(await store.claim('k')).toBe('claimed') // the lease lapsed (a crashed handler)
      await store.done('k')
      vi.advanceTimersByTime(59_000)
      expect(await store.claim('k')).toBe('done') // remembered
      vi.advanceTimersByTime(1001)
      expect(await store.claim('k')).toBe('claimed') // forgotten after rememberMs
    } finally {
      vi.useRealTimers()
    }
  })

  it('keeps at most maxKeys, dropping the handled one written longest ago', async () => {
    const store = createMemoryWebhookStore({ maxKeys: 2 })
    for (const k of ['a', 'b']) {
      await store.claim(k)
      await store.done(k)
    }
    await store.done('a') // written again: now 'b' is the oldest
    await store.claim('c')
    expect(await store.claim('a')).toBe('done')
    expect(await store.claim('b')).toBe('claimed')
  })

  it('never drops a claim in progress: when every key is one, a new claim is busy', async () => {
    const store = createMemoryWebhookStore({ maxKeys: 2 })
    expect(await store.claim('a')).toBe('claimed')
    await store.done('a')
    expect(await store.claim('b')).toBe('claimed')
    expect(await store.claim('c')).toBe('claimed') // 'a' (handled) made room; 'b' is still being handled
    expect(await store.claim('d')).toBe('busy') // no handled key left to drop
    expect(await store.claim('b')).toBe('busy') // still held: a second delivery is not handed over
    await store.done('b')
    expect(await store.claim('d')).toBe('claimed')
    expect(await store.claim('c')).toBe('busy')
  })

  it('refuses bad sizes, naming them', () => {
    expect(() => createMemoryWebhookStore({ maxKeys: 0 })).toThrow('maxKeys must be a positive integer, got 0')
    expect(() => createMemoryWebhookStore({ leaseMs: -5 })).toThrow('leaseMs must be a positive integer, got -5')
  })
})
