// Mews General Webhooks: POST {EnterpriseId, IntegrationId, Events: [{Discriminator, Value: {Id}}]}, authenticated
// by a token you choose, in the `Token` query parameter of the URL Mews calls (no header, no signature). Events
// carry ids only: fetch what changed through the API (`findAddedMessage` for MessageAdded).
import type { Message, WebhookEvent, WebhookPayload } from '@parley/mews-message-threads'
import { describe } from '../core/describe.js'
import { ConfigurationError, WebhookError } from '../errors.js'
import { matchesAny } from './crypto.js'
import { createReceiver, requireSecrets, type ReceiverOptions, type UnknownEvent, type WebhookReceiver } from './receiver.js'

/** The JSON body of a delivery: `{ EnterpriseId, IntegrationId, Events }`. */
export type MewsWebhookPayload = WebhookPayload
/**
 * One event of a delivery, typed by the spec: narrow on `Discriminator` (`MessageAdded`, `CustomerUpdated`, ...).
 * One the spec does not know yet arrives as `{ Discriminator: 'unknown', unknownType, raw }`.
 */
export type MewsWebhookEvent = WebhookEvent | UnknownEvent<'Discriminator'>

export interface MewsWebhooksOptions extends ReceiverOptions {
  /**
   * The token in your webhook URL (`https://you.example/mews?Token=...`), as you gave it to Mews. Several are
   * accepted, for a change-over; test requests carry the first.
   */
  token: string | readonly string[]
}

export type MewsWebhooks = WebhookReceiver<MewsWebhookEvent, MewsWebhookPayload>

// Every discriminator of the spec's WebhookEvent, no more (the compiler checks both ways).
const known: Record<WebhookEvent['Discriminator'], true> = {
  MessageAdded: true,
  ServiceOrderUpdated: true,
  ResourceUpdated: true,
  ResourceBlockUpdated: true,
  CustomerAdded: true,
  CustomerUpdated: true,
  PaymentUpdated: true,
}

export function createMewsWebhooks(options: MewsWebhooksOptions): MewsWebhooks {
  const tokens = requireSecrets(options?.token, 'token', 'createMewsWebhooks')
  return createReceiver(
    {
      api: 'mews',
      discriminator: 'Discriminator',
      known,
      eventsField: 'Events',
      redeliverStatus: 500,
      signsBody: false,
      async authenticate(request) {
        const presented = new URL(request.url).searchParams.get('Token')
        if (presented === null) throw new WebhookError(401, 'Token query parameter is missing')
        if (!(await matchesAny(presented, tokens))) throw new WebhookError(401, 'Token query parameter does not match the webhook token')
      },
      // Mews events have no id, and an entity updated twice sends the same bytes twice: only an `...Added` event
      // (an entity is added once) can be told from a later one by its ids. Updates are handed over every time.
      key(event) {
        const id = (event.Value as { Id?: unknown } | null | undefined)?.Id
        const name = event.Discriminator as string
        return name.endsWith('Added') && typeof id === 'string' && id !== '' ? `${name}:${id}` : undefined
      },
      sign(url) {
        url.searchParams.set('Token', tokens[0]!)
      },
    },
    options,
  )
}

export interface FindAddedMessageOptions {
  /** The message threads to look in (1 or more; sent 1000 per request). */
  threadIds: readonly string[]
  /** Start of the window the message was created in. Default: one hour before `until`. */
  since?: Date | string | undefined
  /** End of that window (exclusive), at most 31 days after `since`. Default: now. */
  until?: Date | string | undefined
}

type MessageAdded = Extract<MewsWebhookEvent, { Discriminator: 'MessageAdded' }>

/** What `findAddedMessage` calls: the `paginate` of a client from `createMews`. */
export interface MewsMessagePager {
  paginate(
    path: '/api/connector/v1/messages/getAll',
    init: { body: { MessageThreadIds: string[]; CreatedUtc: { StartUtc: string; EndUtc: string }; Limitation: { Count: number } } },
  ): AsyncIterable<Message>
}
const DAY_MS = 24 * 60 * 60 * 1000

function instant(value: Date | string | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN
  if (Number.isNaN(ms)) throw new ConfigurationError(field, `must be a Date or a date-time string, got ${describe(value)}`)
  return ms
}

/**
 * The message a `MessageAdded` webhook event names, or undefined when it is not in `threadIds` within the window.
 * Mews events carry only the message id, and `messages/getAll` cannot filter by id: this pages through the
 * messages of the given threads created in the window (newest first, 1000 per page, each chunk of 1000 threads
 * on its own) until it meets the id. Cost: up to ceil(threads / 1000) x ceil(messages in the window / 1000)
 * requests of your Mews rate limit, one when the message is among the newest 1000. Mews delivers events 2 to 5
 * minutes late, so the default window (the last hour) has room.
 */
export async function findAddedMessage(client: MewsMessagePager, event: MessageAdded, options: FindAddedMessageOptions): Promise<Message | undefined> {
  const id = event?.Value?.Id
  if (event?.Discriminator !== 'MessageAdded' || typeof id !== 'string' || id === '') {
    throw new ConfigurationError('event', `must be a MessageAdded event with a Value.Id, got ${describe(event?.Discriminator)}`)
  }
  const threadIds = options?.threadIds
  if (!Array.isArray(threadIds) || threadIds.length === 0 || !threadIds.every((t) => typeof t === 'string' && t !== '')) {
    throw new ConfigurationError('threadIds', `must be a non-empty array of thread ids, got ${describe(threadIds)}`)
  }
  const until = instant(options.until, 'until', Date.now())
  const since = instant(options.since, 'since', until - 60 * 60 * 1000)
  if (!(since < until && until - since <= 31 * DAY_MS)) {
    throw new ConfigurationError('since', 'must be before until, by at most 31 days (the window messages/getAll is asked for)')
  }
  const CreatedUtc = { StartUtc: new Date(since).toISOString(), EndUtc: new Date(until).toISOString() }
  for (let i = 0; i < threadIds.length; i += 1000) {
    const body = { MessageThreadIds: threadIds.slice(i, i + 1000), CreatedUtc, Limitation: { Count: 1000 } }
    for await (const message of client.paginate('/api/connector/v1/messages/getAll', { body })) {
      if (message.Id === id) return message
    }
  }
  return undefined
}
