// Receiving: one local server with a verified receiver per API (through the Node adapter, as an Express app would
// mount them), and one signed sample delivery of each, taken from the spec's own webhook examples.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createBrevoWebhooks, createMewsWebhooks, createStackOneWebhooks, createSunshineWebhooks } from '@parley/sdk'
import { toNodeHandler } from '@parley/sdk/node'
import { webhookExamples as brevoExamples } from '@parley/brevo-conversations/webhooks'
import { webhookExamples as mewsExamples } from '@parley/mews-message-threads/webhooks'
import { webhookExamples as stackoneExamples } from '@parley/stackone-messaging/webhooks'
import { webhookExamples as sunshineExamples } from '@parley/sunshine-conversations/webhooks'

export async function webhooksTour(): Promise<void> {
  const sunshine = createSunshineWebhooks({ secret: 'demo-sunshine-webhook-secret' })
  const brevo = createBrevoWebhooks({ token: 'demo-brevo-url-token' })
  const mews = createMewsWebhooks({ token: 'demo-mews-url-token' })
  const stackone = createStackOneWebhooks({ secret: 'demo-stackone-signing-secret' })

  let sunshineHandled = 0
  const routes: Record<string, (req: any, res: any) => Promise<void>> = {
    '/hooks/sunshine': toNodeHandler(
      sunshine.handler(
        (event) => {
          sunshineHandled++
          // `type` narrows: only a conversation:message event has a message.
          if (event.type === 'conversation:message') {
            const { author, content } = event.payload?.message ?? {}
            console.log(`  Sunshine  ${event.type} from ${author?.type}: ${content?.type === 'text' ? `"${content.text}"` : content?.type}`)
          } else console.log(`  Sunshine  ${event.type}`)
        },
        { onError: (error) => console.log(`  Sunshine  refused a delivery: ${error instanceof Error ? error.message : error}`) },
      ),
    ),
    '/hooks/brevo': toNodeHandler(brevo.handler((event) => console.log(`  Brevo     ${event.eventName} in conversation ${'conversationId' in event ? event.conversationId : '?'}`))),
    '/hooks/mews': toNodeHandler(mews.handler((event, payload) => console.log(`  Mews      ${event.Discriminator} ${'Value' in event ? event.Value?.Id : ''} (enterprise ${payload.EnterpriseId})`))),
    '/hooks/stackone': toNodeHandler(stackone.handler((event) => console.log(`  StackOne  ${event.event}`))),
  }
  const server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://localhost').pathname]
    if (route) void route(req, res)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    const deliveries: [string, Request][] = [
      ['Sunshine', await sunshine.testRequest(sunshineExamples['conversation:message'][0]!, { url: `${base}/hooks/sunshine` })],
      ['Brevo', await brevo.testRequest(brevoExamples.conversationStarted[0]!, { url: `${base}/hooks/brevo` })],
      ['Mews', await mews.testRequest(mewsExamples.MessageAdded[0]!, { url: `${base}/hooks/mews` })],
      ['StackOne', await stackone.testRequest(Object.values(stackoneExamples)[0]![0]!, { url: `${base}/hooks/stackone` })],
    ]
    for (const [api, request] of deliveries) {
      const answer = await fetch(request)
      if (answer.status !== 204) throw new Error(`${api} receiver answered ${answer.status}: ${await answer.text()}`)
    }
    // The same Sunshine delivery again (a redelivery): its event id was handled, so the handler is not called.
    const again = await fetch(await sunshine.testRequest(sunshineExamples['conversation:message'][0]!, { url: `${base}/hooks/sunshine` }))
    console.log(`  Sunshine  the same delivery again: HTTP ${again.status}, events handled still ${sunshineHandled} (deduplicated by event id)`)
    // A delivery without the secret is refused before its body is read.
    const forged = await fetch(`${base}/hooks/sunshine`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    console.log(`  Sunshine  answered HTTP ${forged.status}`)
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}
