// Sunshine Conversations webhooks: POST {app, webhook, events[]}, authenticated by the webhook's secret in the
// X-API-Key header (no signature); each event has an `id` Sunshine says to dedupe on.
import type { WebhookEvent, WebhookPayload } from '@parley/sunshine-conversations'
import { WebhookError } from '../errors.js'
import { matchesAny } from './crypto.js'
import { createReceiver, requireSecrets, type ReceiverOptions, type UnknownEvent, type WebhookReceiver } from './receiver.js'

/** The JSON body of a delivery: `{ app, webhook, events }`. */
export type SunshineWebhookPayload = WebhookPayload
/**
 * One event of a delivery, typed by the spec: narrow on `type` (`conversation:message`, `switchboard:passControl`,
 * ...). A type the spec does not know yet arrives as `{ type: 'unknown', unknownType, raw }`.
 */
export type SunshineWebhookEvent = WebhookEvent | UnknownEvent<'type'>

export interface SunshineWebhooksOptions extends ReceiverOptions {
  /**
   * The webhook's `secret` (CreateWebhook's answer), which Sunshine sends as `X-API-Key`. Several are accepted, for
   * the change-over to a re-created webhook; test requests carry the first.
   */
  secret: string | readonly string[]
}

export type SunshineWebhooks = WebhookReceiver<SunshineWebhookEvent, SunshineWebhookPayload>

// Every type of the spec's WebhookEvent, no more (the compiler checks both ways).
const known: Record<WebhookEvent['type'], true> = {
  'conversation:message': true,
  'conversation:create': true,
  'conversation:read': true,
  'conversation:typing': true,
  'conversation:postback': true,
  'conversation:join': true,
  'conversation:leave': true,
  'conversation:message:delivery:channel': true,
  'conversation:message:delivery:user': true,
  'conversation:message:delivery:failure': true,
  'switchboard:passControl': true,
  'switchboard:offerControl': true,
  'switchboard:acceptControl': true,
  'switchboard:releaseControl': true,
  'switchboard:passControl:failure': true,
  'switchboard:offerControl:failure': true,
  'switchboard:acceptControl:failure': true,
}

export function createSunshineWebhooks(options: SunshineWebhooksOptions): SunshineWebhooks {
  const secrets = requireSecrets(options?.secret, 'secret', 'createSunshineWebhooks')
  return createReceiver(
    {
      api: 'sunshine',
      discriminator: 'type',
      known,
      eventsField: 'events',
      redeliverStatus: 500,
      signsBody: false,
      async authenticate(request) {
        const presented = request.headers.get('x-api-key')
        if (presented === null) throw new WebhookError(401, 'X-API-Key header is missing')
        if (!(await matchesAny(presented, secrets))) throw new WebhookError(401, 'X-API-Key header does not match the webhook secret')
      },
      key: (event) => (typeof event.id === 'string' && event.id !== '' ? event.id : undefined),
      sign(_url, headers) {
        headers.set('x-api-key', secrets[0]!)
      },
    },
    options,
  )
}
