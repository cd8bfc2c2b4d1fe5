import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components, paths } from './generated/schema.js'

export type { components, operations as operationTypes, paths, webhooks } from './generated/schema.js'
export { operationList, operations, rateLimit } from './generated/operations.js'

type Schemas = components['schemas']

/** A message thread your integration created on behalf of a customer (the original sender). */
export type MessageThread = Schemas['MessageThread']
/** A message in one of your message threads. */
export type Message = Schemas['Message']
/**
 * Who sent a message: `Discriminator` is `Enterprise` or `Application`; `Value` is unused (null or absent). A
 * `Message.Sender` may also be a plain string, as in some of Mews' own examples.
 */
export type MessageSender = Schemas['MessageSender']
export type MessageSenderDiscriminator = Schemas['MessageSenderDiscriminator']
/** Cursor pagination: `Count` (1..1000, required) and the previous response's `Cursor` for the next, older page. */
export type Limitation = Schemas['Limitation']
/** `{StartUtc, EndUtc}` in UTC; when filtering, half-open (`StartUtc <= x < EndUtc`), or an exact instant if equal. */
export type TimeInterval = Schemas['TimeInterval']
/** The three tokens (`ClientToken`, `AccessToken`, `Client`) every request body carries; Mews has no header auth. */
export type ConnectorAuthentication = Schemas['ConnectorAuthentication']

/**
 * Body of `messageThreads/getAll`: tokens, `Limitation`, and at least one filter of `MessageThreadIds`, `CreatedUtc`
 * or `UpdatedUtc` (the type enforces it). Each interval may span at most 3 months.
 */
export type GetAllMessageThreadsRequest = Schemas['MessageThreadGetAllRequest']
export type GetAllMessageThreadsResult = Schemas['MessageThreadGetAllResult']
/** Body of `messageThreads/add`: tokens, `OriginalSender` and `Subject`. */
export type AddMessageThreadRequest = Schemas['MessageThreadAddRequest']
/** The created thread, as a one-item `MessageThreads` array. */
export type AddMessageThreadResult = Schemas['MessageThreadAddResult']
/** Body of `messages/getAll`: tokens, `MessageThreadIds`, optional `CreatedUtc` (max 1 month), `Limitation`. */
export type GetAllMessagesRequest = Schemas['MessageGetAllRequest']
export type GetAllMessagesResult = Schemas['MessageGetAllResult']
/** Body of `messages/add`: tokens and up to 1000 `Messages`. */
export type AddMessagesRequest = Schemas['MessageAddRequest']
/** One message to add: `MessageThreadId`, `Text` and an optional client-side `Identifier`. */
export type MessageParameters = Schemas['MessageParameters']
export type AddMessagesResult = Schemas['MessageAddResult']
/** An added message with the `Identifier` it was sent with. */
export type AddedMessage = Schemas['AddedMessage']
/** The error body every non-2xx status shares: `Message`, optional `RequestId` and (development only) `Details`. */
export type ErrorBody = Schemas['Error']

/**
 * The JSON body of one General Webhooks delivery: `{ EnterpriseId, IntegrationId, Events }`, events carrying ids
 * only. Mews authenticates a delivery by the secret token in the URL it calls (`?Token=...`). Sample deliveries:
 * `webhookExamples` from `@parley/mews-message-threads/webhooks`.
 */
export type WebhookPayload = Schemas['WebhookPayload']
/** One event, discriminated by `Discriminator` (narrow with `event.Discriminator === 'MessageAdded'`). */
export type WebhookEvent = Schemas['WebhookEvent']
/** `{ Id }`: the id of the entity an event is about. Events have no id of their own: dedupe on (Discriminator, Id). */
export type WebhookEventValue = Schemas['WebhookEventValue']
/** A message was added: `Value.Id` is the Message id (read it with `messages/getAll`). */
export type MessageAddedEvent = Schemas['MessageAddedEvent']
export type ServiceOrderUpdatedEvent = Schemas['ServiceOrderUpdatedEvent']
export type ResourceUpdatedEvent = Schemas['ResourceUpdatedEvent']
export type ResourceBlockUpdatedEvent = Schemas['ResourceBlockUpdatedEvent']
export type CustomerAddedEvent = Schemas['CustomerAddedEvent']
export type CustomerUpdatedEvent = Schemas['CustomerUpdatedEvent']
export type PaymentUpdatedEvent = Schemas['PaymentUpdatedEvent']

/**
 * The Mews DEMO environment, the default because production needs real tokens. (The spec lists production first;
 * each environment has its own tokens.)
 */
export const defaultBaseUrl = 'https://api.mews-demo.com'
/** The Mews production environment; pass it as `baseUrl` together with production tokens. */
export const productionBaseUrl = 'https://api.mews.com'

export type MewsMessageThreadsClient = Client<paths>

/**
 * A typed fetch client for the Mews Connector API's message threads and messages. Every operation is a POST, and
 * authentication is NOT a header: the three tokens go in the JSON body of every call.
 *
 * ```ts
 * const mews = createMewsMessageThreadsClient() // demo environment; { baseUrl: productionBaseUrl } for production
 * const tokens = {
 *   ClientToken: process.env.MEWS_CLIENT_TOKEN!,
 *   AccessToken: process.env.MEWS_ACCESS_TOKEN!,
 *   Client: 'My Integration 1.0.0',
 * }
 * const { data, error } = await mews.POST('/api/connector/v1/messageThreads/getAll', {
 *   body: {
 *     ...tokens, // in EVERY body
 *     CreatedUtc: { StartUtc: '2025-09-01T00:00:00Z', EndUtc: '2025-10-01T00:00:00Z' }, // max 3 months
 *     Limitation: { Count: 100 }, // then { Count: 100, Cursor: data.Cursor } for the next, older page
 *   },
 * })
 * if (error) throw new Error(error.Message)
 * ```
 */
export function createMewsMessageThreadsClient(options: ClientOptions = {}): MewsMessageThreadsClient {
  return createClient<paths>({ baseUrl: defaultBaseUrl, ...options })
}
