// findAddedMessage: a Mews MessageAdded event carries only the message id, and messages/getAll cannot filter by id,
// so the helper pages the given threads over a CreatedUtc window until it meets the id. Against a stub fetch that
// answers like Mews (newest first, Cursor = oldest id returned) and records every request.
import { describe, expect, it, vi } from 'vitest'
import { ConfigurationError, createMews, findAddedMessage, type MewsWebhookEvent } from '../src/mews.js'
import { json } from './helpers.js'

const message = (n: number, thread = 't-1') => ({
  Id: `m-${n}`,
  MessageThreadId: thread,
  Text: `message ${n}`,
  Sender: { Discriminator: 'Enterprise' },
  CreatedUtc: new Date(Date.UTC(2026, 0, 1, 12, 0, 0) - n * 1000).toISOString(),
})

/** `total` messages (m-0 newest), served `Limitation.Count` at a time from the one after `Limitation.Cursor`. */
function mewsStub(total: number) {
  const bodies: any[] = []
  const all = Array.from({ length: total }, (_, n) => message(n))
  const fetch = vi.fn(async (request: Request) => {
    const body = await request.json()
    bodies.push(body)
    const from = body.Limitation.Cursor ? all.findIndex((m) => m.Id === body.Limitation.Cursor) + 1 : 0
    const page = all.slice(from, from + body.Limitation.Count)
    return json({ Messages: page, Cursor: page.at(-1)?.Id ?? null })
  })
  const client = createMews({ clientToken: 'ct', accessToken: 'at', client: 'Parley test', baseUrl: 'https://mews.test', fetch })
  return { client, bodies, fetch }
}

const added = (id: string) => ({ Discriminator: 'MessageAdded', Value: { Id: id } }) as Extract<MewsWebhookEvent, { Discriminator: 'MessageAdded' }>

describe('findAddedMessage', () => {
  it('finds a message on the first page with one request: the threads, the last hour, 1000 per page', async () => {
    const { client, bodies } = mewsStub(5)
    const before = Date.now()
    const found = await findAddedMessage(client, added('m-3'), { threadIds: ['t-1', 't-2'] })
    expect(found).toEqual(message(3))
    expect(bodies).toHaveLength(1)
    const [body] = bodies
    expect(body).toMatchObject({ MessageThreadIds: ['t-1', 't-2'], Limitation: { Count: 1000, Cursor: null }, AccessToken: 'at' })
    const start = Date.parse(body.CreatedUtc.StartUtc)
    const end = Date.parse(body.CreatedUtc.EndUtc)
    expect(end - start).toBe(60 * 60 * 1000)
    expect(end).toBeGreaterThanOrEqual(before - 1000)
    expect(end).toBeLessThanOrEqual(Date.now() + 1000)
  })

  it('pages on with the cursor until it meets the id, and stops there', async () => {
    const { client, bodies } = mewsStub(2500)
    const found = await findAddedMessage(client, added('m-1500'), { threadIds: ['t-1'], since: '2026-01-01T00:00:00Z', until: new Date('2026-01-02T00:00:00Z') })
    expect(found?.Id).toBe('m-1500')
    expect(bodies.map((b) => b.Limitation.Cursor)).toEqual([null, 'm-999'])
    expect(bodies[0].CreatedUtc).toEqual({ StartUtc: '2026-01-01T00:00:00Z', EndUtc: '2026-01-02T00:00:00Z' })
  })

  it('reads every page of every 1000 threads when the message is not there, then resolves undefined', async () => {
    const { client, bodies } = mewsStub(1200)
    const threadIds = Array.from({ length: 1500 }, (_, i) => `t-${i}`)
    expect(await findAddedMessage(client, added('m-absent'), { threadIds })).toBeUndefined()
    // Two chunks of threads (1000 + 500), each paged through 1200 messages: 2 pages each.
    expect(bodies.map((b) => [b.MessageThreadIds.length, b.Limitation.Cursor])).toEqual([
      [1000, null],
      [1000, 'm-999'],
      [500, null],
      [500, 'm-999'],
    ])
  })

  it('refuses bad input before any request, naming the field', async () => {
    const { client, fetch } = mewsStub(1)
    const cases: [Parameters<typeof findAddedMessage>[1], Parameters<typeof findAddedMessage>[2], string][] = [
      [{ Discriminator: 'CustomerAdded', Value: { Id: 'c' } } as never, { threadIds: ['t'] }, 'event must be a MessageAdded event with a Value.Id, got the string "CustomerAdded"'],
      [added(''), { threadIds: ['t'] }, 'event must be a MessageAdded event'],
      [added('m'), { threadIds: [] }, 'threadIds must be a non-empty array of thread ids, got an array'],
      [added('m'), { threadIds: ['t'], since: 'yesterday' }, 'since must be a Date or a date-time string, got the string "yesterday"'],
      [added('m'), { threadIds: ['t'], since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' }, 'since must be before until, by at most 31 days'],
      [added('m'), { threadIds: ['t'], since: '2026-01-01T00:00:00Z', until: '2026-02-02T00:00:01Z' }, 'since must be before until, by at most 31 days'],
    ]
    for (const [event, options, message] of cases) {
      const error = await findAddedMessage(client, event, options).catch((e: unknown) => e)
      expect(error, message).toBeInstanceOf(ConfigurationError)
      expect((error as Error).message).toContain(message)
    }
    expect(fetch).not.toHaveBeenCalled()
  })
})
