// Sample deliveries from each spec's webhook examples, signed by the SDK's receivers, reach a handler as the typed
// events they are; a receiver with another secret refuses them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBrevoWebhooks, createMewsWebhooks, createStackOneWebhooks, createSunshineWebhooks } from '@parley/sdk'
import { webhookDeliveries, webhookSamples } from '../src/index.js'
import { ROOT } from '../../../test/support/paths.js'

const spec = (name: string) => join(ROOT, 'specs', `${name}.yaml`)
const apis = [
  { name: 'sunshine-conversations', field: 'type', make: (secret: string) => createSunshineWebhooks({ secret }) },
  { name: 'brevo-conversations', field: 'eventName', make: (token: string) => createBrevoWebhooks({ token }) },
  { name: 'mews-message-threads', field: 'Discriminator', make: (token: string) => createMewsWebhooks({ token }) },
  { name: 'stackone-messaging', field: 'event', make: (secret: string) => createStackOneWebhooks({ secret }) },
]

describe.each(apis)('$name webhook samples', ({ name, field, make }) => {
  it('every webhook the spec declares has a sample, and each reaches the handler as its own known type', async () => {
    const samples = webhookSamples(spec(name))
    const declared = new Set(samples.map((s) => s.event))
    expect(declared.size).toBeGreaterThan(0)

    const receiver = make('sample-secret-1')
    const seen: string[] = []
    const handle = receiver.handler((event: Record<string, unknown>) => void seen.push(String(event[field])), { onError: () => {} })
    for (const delivery of await webhookDeliveries(spec(name), receiver)) {
      const before = seen.length
      const response = await handle(delivery.request)
      expect(response.status, `${delivery.event} / ${delivery.example}`).toBe(204)
      // The sample's events arrive typed as the webhook it documents, never as an unknown type.
      expect(seen.slice(before).length, `${delivery.event} / ${delivery.example}`).toBeGreaterThan(0)
      expect(seen.slice(before).every((type) => type === delivery.event), `${delivery.event} / ${delivery.example}`).toBe(true)
    }
    expect(new Set(seen)).toEqual(declared)
  })

  it('a sample signed for another secret is refused with 401 and handles nothing', async () => {
    const [delivery] = await webhookDeliveries(spec(name), make('the-senders-secret'))
    let handled = 0
    const response = await make('the-receivers-secret').handler(() => void handled++, { onError: () => {} })(delivery!.request)
    expect(response.status).toBe(401)
    expect(handled).toBe(0)
    expect(await response.text()).not.toMatch(/senders-secret|receivers-secret/)
  })
})

describe('bad input', () => {
  it('names a spec without webhook examples and a receiver without testRequest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-webhooks-'))
    const bare = join(dir, 'bare.yaml')
    writeFileSync(bare, 'openapi: 3.1.0\ninfo: { title: bare, version: "1" }\npaths: {}\n')
    expect(() => webhookSamples(bare)).toThrow(`${bare} declares no webhook examples`)
    rmSync(dir, { recursive: true })
    await expect(webhookDeliveries(spec('mews-message-threads'), {} as never)).rejects.toThrow('receiver must be a webhook receiver')
  })

  it('a delivery goes to the URL asked for', async () => {
    const [delivery] = await webhookDeliveries(spec('mews-message-threads'), createMewsWebhooks({ token: 't0k3n' }), { url: 'http://127.0.0.1:8787/hooks/mews' })
    expect(new URL(delivery!.request.url).pathname).toBe('/hooks/mews')
  })
})
