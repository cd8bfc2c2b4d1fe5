// Type tests for the webhook receivers, checked by `tsc -p tsconfig.json` (test/checks.test.ts runs it in the
// suite): every `@ts-expect-error` below must be an error, and everything else must compile. Never run.
import {
  createBrevoWebhooks,
  createMewsWebhooks,
  createStackOneWebhooks,
  createSunshineWebhooks,
  findAddedMessage,
  type BrevoWebhookEvent,
  type MewsClient,
  type MewsWebhookEvent,
  type StackOneWebhookEvent,
  type SunshineWebhookEvent,
} from '@parley/sdk'
import { createServer } from 'node:http'
import { toNodeHandler } from '@parley/sdk/node'
import type { WebhookMessage } from '@parley/sdk/sunshine'

declare const event: SunshineWebhookEvent

// Inside `conversation:message` the message is there, typed by the spec.
if (event.type === 'conversation:message') {
  const message: WebhookMessage = event.payload.message
  const id: string = event.payload.message.id
  // Its content narrows too.
  if (event.payload.message.content.type === 'text') {
    const text: string | undefined = event.payload.message.content.text
    void text
  }
  void message
  void id
}

// In `conversation:create` there is no message.
if (event.type === 'conversation:create') {
  // @ts-expect-error conversation:create carries no message
  void event.payload.message
  const reason: 'linkRequest' | 'message' | 'none' | 'notification' | 'prechatCapture' | 'startConversation' | 'proactiveMessaging' | undefined =
    event.payload.creationReason
  void reason
}

// A type the spec does not know narrows to the unknown shape; the known ones are not swallowed by it.
if (event.type === 'unknown') {
  const name: string = event.unknownType
  const raw: unknown = event.raw
  // @ts-expect-error an unknown event has no payload field of its own
  void event.payload
  void name
  void raw
} else {
  const id: string = event.id
  void id
}

// @ts-expect-error no such Sunshine event type
if (event.type === 'conversation:teleport') void 0

// The handler's onEvent gets the same union, and the payload (envelope) with it.
createSunshineWebhooks({ secret: 's' }).handler((e, payload) => {
  const app: string = payload.app.id
  if (e.type === 'switchboard:passControl') void e.payload.conversation
  void app
})

// Each vendor narrows on its own discriminator.
declare const mews: MewsWebhookEvent
if (mews.Discriminator === 'MessageAdded') {
  const id: string = mews.Value.Id
  void id
}
declare const brevo: BrevoWebhookEvent
if (brevo.eventName === 'conversationStarted') {
  const conversationId: string = brevo.conversationId
  void conversationId
}
declare const stackone: StackOneWebhookEvent
if (stackone.event === 'account.created') {
  const account: string | undefined = stackone.account_id
  void account
}
// @ts-expect-error StackOne's discriminator is `event`, not `type`
void stackone.type

// findAddedMessage takes a client from createMews and only a MessageAdded event.
declare const client: MewsClient
if (mews.Discriminator === 'MessageAdded') void findAddedMessage(client, mews, { threadIds: ['t'] })
// @ts-expect-error a CustomerAdded event names no message
if (mews.Discriminator === 'CustomerAdded') void findAddedMessage(client, mews, { threadIds: ['t'] })

// Options: one secret or several; Brevo takes exactly one way to authenticate.
createSunshineWebhooks({ secret: ['new', 'old'], maxBodyBytes: 65_536 })
createMewsWebhooks({ token: 't' })
createStackOneWebhooks({ secret: 's' })
createBrevoWebhooks({ token: 't' })
createBrevoWebhooks({ username: 'u', password: ['p1', 'p2'] })
createBrevoWebhooks({ bearer: 'b' })
// @ts-expect-error token and bearer together
createBrevoWebhooks({ token: 't', bearer: 'b' })
// @ts-expect-error the secret is required
createSunshineWebhooks({})

// testRequest takes the spec's payload type (or raw text); the Node adapter takes any handler.
void createSunshineWebhooks({ secret: 's' }).testRequest('{"raw": "text"}')
// @ts-expect-error a Sunshine payload needs app, webhook and events
void createSunshineWebhooks({ secret: 's' }).testRequest({ events: [] })
// ...and is a node:http request listener as it stands.
createServer(toNodeHandler(createStackOneWebhooks({ secret: 's' }).handler(() => {})))
