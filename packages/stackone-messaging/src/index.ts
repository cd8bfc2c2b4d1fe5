import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components, paths } from './generated/schema.js'

export type { components, operations as operationTypes, paths, webhooks } from './generated/schema.js'
export { operationList, operations, rateLimit } from './generated/operations.js'

type Schemas = components['schemas']

/** A conversation (channel, DM or group) in the connected messaging provider. */
export type Conversation = Schemas['MessagingConversation']
export type Message = Schemas['MessagingMessage']
export type MessageContent = Schemas['MessagingMessageContent']
export type Attachment = Schemas['MessagingAttachment']
export type User = Schemas['MessagingUser']
/** The author of a message (StackOne's `LmsUser` schema; its SDK calls it `Author`). */
export type Author = Schemas['LmsUser']
/** The provider's raw request/response, returned when `raw=true`. */
export type RawResponse = Schemas['RawResponse']
/** `boolean | "true" | "false" | null`: StackOne passes provider booleans through as they come. */
export type BooleanLike = Schemas['BooleanLike']
export type CreateConversationRequest = Schemas['MessagingCreateConversationRequestDto']
export type SendMessageRequest = Schemas['MessagingMessageSendRequestDto']
/** The 201 answer of create-conversation and send-message: the new id, not the created entity. */
export type CreateResult = Schemas['CreateResult']
export type ConversationsPage = Schemas['MessagingConversationsPaginated']
export type MessagesPage = Schemas['MessagingMessagesPaginated']
export type AttachmentsPage = Schemas['MessagingAttachmentsPaginated']
export type UsersPage = Schemas['MessagingUsersPaginated']
/** The common error body (`statusCode`, `message`, `timestamp`) every error status shares. */
export type ErrorBody = Schemas['NotFoundResponse']
export type BadRequestBody = Schemas['BadRequestResponse']

/**
 * The JSON body of one webhook delivery: one event, named by `event`, signed in `x-stackone-signature`
 * (base64url HMAC-SHA256 of the raw body). The envelope's fields are unconfirmed (seen in StackOne's sample code).
 * Sample deliveries: `webhookExamples` from `@parley/stackone-messaging/webhooks`.
 */
export type WebhookPayload = Schemas['WebhookPayload']
/** One event, discriminated by `event` (narrow with `payload.event === 'account.created'`). */
export type WebhookEvent = Schemas['WebhookEvent']
/** The fields every event may carry (`account_id`, `provider`, `event_date`, `record_id`, `event_data`, ...). */
export type WebhookEventBase = Schemas['WebhookEventBase']
export type AccountCreatedEvent = Schemas['AccountCreatedEvent']
export type AccountUpdatedEvent = Schemas['AccountUpdatedEvent']
export type AccountDeletedEvent = Schemas['AccountDeletedEvent']

/** StackOne's production API (the spec's first server). */
export const defaultBaseUrl = 'https://api.stackone.com'

export type StackOneMessagingClient = Client<paths>

/**
 * A typed fetch client for StackOne's unified Messaging API. Authentication is HTTP basic with the API key as
 * username and an empty password; every call also needs the `x-account-id` header of the linked account.
 *
 * ```ts
 * const client = createStackOneMessagingClient({
 *   headers: { authorization: `Basic ${btoa(`${apiKey}:`)}`, 'x-account-id': accountId },
 * })
 * ```
 * For retries, pagination and typed errors, use `createStackOne` from `@parley/sdk/stackone`.
 */
export function createStackOneMessagingClient(options: ClientOptions = {}): StackOneMessagingClient {
  return createClient<paths>({ baseUrl: defaultBaseUrl, ...options })
}
