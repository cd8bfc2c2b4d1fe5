// Every webhook example in the four specs, delivered to its receiver: each event comes out as the typed variant the
// spec names it (never `unknown`), and the handler answers 204. A webhook added to a spec without the receiver
// knowing its type fails here.
import { describe, expect, it } from 'vitest'
import { webhookExamples as brevoExamples } from '@parley/brevo-conversations/webhooks'
import { webhookExamples as mewsExamples } from '@parley/mews-message-threads/webhooks'
import { webhookExamples as stackoneExamples } from '@parley/stackone-messaging/webhooks'
import { webhookExamples as sunshineExamples } from '@parley/sunshine-conversations/webhooks'
import { createBrevoWebhooks, createMewsWebhooks, createStackOneWebhooks, createSunshineWebhooks, type WebhookReceiver } from '../src/index.js'

const secret = 'example-secret'
const apis: [string, Record<string, readonly unknown[]>, () => WebhookReceiver<any, any>, string, string | undefined][] = [
  ['sunshine', sunshineExamples, () => createSunshineWebhooks({ secret }), 'type', 'events'],
  ['mews', mewsExamples, () => createMewsWebhooks({ token: secret }), 'Discriminator', 'Events'],
  ['brevo', brevoExamples, () => createBrevoWebhooks({ token: secret }), 'eventName', undefined],
  ['stackone', stackoneExamples, () => createStackOneWebhooks({ secret }), 'event', undefined],
]

describe.each(apis)('%s: the spec’s webhook examples', (_api, examples, make, discriminator, eventsField) => {
  const cases = Object.entries(examples).flatMap(([name, list]) => list.map((payload, i) => [`${name} #${i + 1}`, name, payload] as const))

  it('declare at least one example per webhook', () => {
    expect(cases.length).toBeGreaterThan(0)
    for (const [name, list] of Object.entries(examples)) expect(list.length, name).toBeGreaterThan(0)
  })

  it.each(cases)('%s parses into its typed variant and is handled (204)', async (_label, name, payload) => {
    const hooks = make()
    const events = await hooks.verify(await hooks.testRequest(payload as never))
    const raws = eventsField ? (payload as Record<string, unknown[]>)[eventsField]! : [payload]
    expect(events.length).toBe(raws.length)
    expect(events.length).toBeGreaterThan(0)
    // The very objects of the body, each under its own (known) name.
    expect(events).toEqual(raws)
    for (const event of events) expect(event[discriminator]).toBe(name)
    const seen: unknown[] = []
    const response = await hooks.handler((event) => void seen.push(event))(await hooks.testRequest(payload as never))
    expect(response.status).toBe(204)
    expect(seen).toEqual(raws)
  })
})
