import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components, paths } from './generated/schema.js'

export type { components, operations as operationTypes, paths } from './generated/schema.js'
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
