// StackOne webhooks: one event per POST, named by `event`, signed: `x-stackone-signature` is the HMAC-SHA256 of the
// raw body keyed with the webhook's signing secret, base64url (as StackOne's own sample receiver checks it).
import type { WebhookEvent, WebhookPayload } from '@parley/stackone-messaging'
import { base64url } from '../auth/basic.js'
import { WebhookError } from '../errors.js'
import { hmacSha256Base64url, matchesAny, sha256 } from './crypto.js'
import { createReceiver, requireSecrets, type ReceiverOptions, type UnknownEvent, type WebhookReceiver } from './receiver.js'

/** The JSON body of a delivery: the one event. */
export type StackOneWebhookPayload = WebhookPayload
/**
 * The event of a delivery, typed by the spec: narrow on `event` (`account.created`, ...). One the spec does not know
 * yet arrives as `{ event: 'unknown', unknownType, raw }`.
 */
export type StackOneWebhookEvent = WebhookEvent | UnknownEvent<'event'>

export interface StackOneWebhooksOptions extends ReceiverOptions {
  /** The webhook's signing secret. Several are accepted, for a change-over; test requests are signed with the first. */
  secret: string | readonly string[]
}

export type StackOneWebhooks = WebhookReceiver<StackOneWebhookEvent, StackOneWebhookPayload>

// Every event of the spec's WebhookEvent, no more (the compiler checks both ways).
const known: Record<WebhookEvent['event'], true> = {
  'account.created': true,
  'account.updated': true,
  'account.deleted': true,
}

export function createStackOneWebhooks(options: StackOneWebhooksOptions): StackOneWebhooks {
  const secrets = requireSecrets(options?.secret, 'secret', 'createStackOneWebhooks')
  return createReceiver(
    {
      api: 'stackone',
      discriminator: 'event',
      known,
      eventsField: undefined,
      redeliverStatus: 500,
      signsBody: true,
      async authenticate(request, body) {
        const presented = request.headers.get('x-stackone-signature')
        if (presented === null) throw new WebhookError(401, 'x-stackone-signature header is missing')
        const expected = await Promise.all(secrets.map((secret) => hmacSha256Base64url(secret, body)))
        if (!(await matchesAny(presented.trim(), expected))) throw new WebhookError(401, 'x-stackone-signature header does not match the body signed with the webhook secret')
      },
      // StackOne documents no event id, and `sent_at` changes with each redelivery: the key is the hash of the rest of
      // the event (a redelivery is assumed to repeat it as it was).
      key: async ({ sent_at: _sentAt, ...event }) => base64url(await sha256(JSON.stringify(event))),
      async sign(_url, headers, body) {
        headers.set('x-stackone-signature', await hmacSha256Base64url(secrets[0]!, new TextEncoder().encode(body)))
      },
    },
    options,
  )
}
