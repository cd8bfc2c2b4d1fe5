// Sample deliveries from each spec's webhook examples, signed by the SDK's receivers, reach a handler as the typed
// events they are; a receiver with another secret refuses them.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBrevoWebhooks, createMewsWebhooks, createStackOneWebhooks, createSunshineWebhooks } from '@parley/sdk'
import { webhookDeliveries, webhookSamples } from '../src/index.js'
import { ROOT } from '../../../test/support/paths.js'

// The per-API packages as a project that installed them resolves them (the examples workspace depends on all four).
const cwd = join(ROOT, 'examples')
const pkg = (name: string) => `@parley/${name}`
const apis = [
  { name: 'sunshine-conversations', field: 'type', make: (secret: string) => createSunshineWebhooks({ secret }) },
  { name: 'brevo-conversations', field: 'eventName', make: (token: string) => createBrevoWebhooks({ token }) },
  { name: 'mews-message-threads', field: 'Discriminator', make: (token: string) => createMewsWebhooks({ token }) },
  { name: 'stackone-messaging', field: 'event', make: (secret: string) => createStackOneWebhooks({ secret }) },
]

describe.each(apis)('$name webhook samples', ({ name, field, make }) => {
  it('every webhook the spec declares has a sample, and each reaches the handler as its own known type', async () => {
    const samples = webhookSamples(pkg(name), { cwd })
    const declared = new Set(samples.map((s) => s.event))
    expect(declared.size).toBeGreaterThan(0)

    const receiver = make('sample-secret-1')
    const seen: string[] = []
    const handle = receiver.handler((event: Record<string, unknown>) => void seen.push(String(event[field])), { onError: () => {} })
    for (const delivery of await webhookDeliveries(pkg(name), receiver, { cwd })) {
      const before = seen.length
      const response = await handle(delivery.request)
      expect(response.status, `${delivery.event} #${delivery.index}`).toBe(204)
      // The sample's events arrive typed as the webhook it documents, never as an unknown type.
      expect(seen.slice(before).length, `${delivery.event} #${delivery.index}`).toBeGreaterThan(0)
      expect(seen.slice(before).every((type) => type === delivery.event), `${delivery.event} #${delivery.index}`).toBe(true)
    }
    expect(new Set(seen)).toEqual(declared)
  })

  it('a sample signed for another secret is refused with 401 and handles nothing', async () => {
    const [delivery] = await webhookDeliveries(pkg(name), make('the-senders-secret'), { cwd })
    let handled = 0
    const response = await make('the-receivers-secret').handler(() => void handled++, { onError: () => {} })(delivery!.request)
    expect(response.status).toBe(401)
    expect(handled).toBe(0)
    expect(await response.text()).not.toMatch(/senders-secret|receivers-secret/)
  })
})

describe('bad input', () => {
  it('names a package without webhook examples and a receiver without testRequest', async () => {
    expect(() => webhookSamples('@parley/sdk', { cwd })).toThrow('api "@parley/sdk" is not an installed package with webhook examples')
    expect(() => webhookSamples('specs/mews.yaml', { cwd })).toThrow('api must be an installed API package name')
    await expect(webhookDeliveries(pkg('mews-message-threads'), {} as never, { cwd })).rejects.toThrow('receiver must be a webhook receiver')
  })

  it('a delivery goes to the URL asked for', async () => {
    const [delivery] = await webhookDeliveries(pkg('mews-message-threads'), createMewsWebhooks({ token: 't0k3n' }), { cwd, url: 'http://127.0.0.1:8787/hooks/mews' })
    expect(new URL(delivery!.request.url).pathname).toBe('/hooks/mews')
  })
})
