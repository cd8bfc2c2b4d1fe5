import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components, paths } from './generated/schema.js'

export type { components, operations as operationTypes, paths, webhooks } from './generated/schema.js'
export { operationList, operations, rateLimit } from './generated/operations.js'

type Schemas = components['schemas']

/**
 * A Conversations message, sent by an agent or a visitor, or pushed automatically (`isPushed: true`). Every field
 * is optional; `createdAt` is in milliseconds since the Unix epoch.
 */
export type ConversationsMessage = Schemas['ConversationsMessage']
/** Short alias of {@link ConversationsMessage}. */
export type Message = ConversationsMessage
/** `agent` or `visitor`. */
export type MessageType = NonNullable<ConversationsMessage['type']>
/** The attached file of a file-upload message. */
export type MessageFile = Schemas['ConversationsMessageFile']
/** A file attached to a message (email threads). */
export type MessageAttachment = Schemas['ConversationsMessageAttachment']
/** An email address with display name (email threads: `from`, `replyTo`, `to`, `cc`, `bcc`). */
export type EmailAddress = Schemas['ConversationsEmailAddress']

/**
 * How a request identifies the agent: `{agentId}`, or all three of `{agentEmail, agentName, receivedFrom}`.
 * The request types below include it, so a body with only `agentEmail` does not compile.
 */
export type AgentIdentification = Schemas['ConversationsAgentIdentification']
/** Body of `POST /conversations/messages`: `visitorId` + `text`, plus the agent's identification. */
export type SendMessageRequest = Schemas['PostConversationsMessagesRequest']
/** Body of `PUT /conversations/messages/{id}`: the edited `text`. */
export type UpdateMessageRequest = Schemas['PutConversationsMessagesIdRequest']
/** Body of `POST /conversations/pushedMessages`: `visitorId` + `text`, optionally `agentId` and/or `groupId`. */
export type SendPushedMessageRequest = Schemas['PostConversationsPushedMessagesRequest']
/** Body of `PUT /conversations/pushedMessages/{id}`: the edited `text`. */
export type UpdatePushedMessageRequest = Schemas['PutConversationsPushedMessagesIdRequest']
/** Body of `POST /conversations/agentOnlinePing`: the agent's identification (no single field is required). */
export type AgentOnlinePingRequest = Schemas['PostConversationsAgentOnlinePingRequest']
/** Body of `PUT /conversations/visitorGroup`: a group ID, or `null` to remove the visitor from their group. */
export type VisitorGroupRequest = Schemas['PutConversationsVisitorGroupRequest']
/** Answer of `PUT /conversations/visitorGroup`. */
export type VisitorGroupResponse = Schemas['PutConversationsVisitorGroupResponse']

/** Brevo's error body `{code, message}` (every 400, 401 and 404). */
export type ErrorBody = Schemas['ErrorModel']
/**
 * The `code` of an {@link ErrorBody}: one of Brevo's 2024 codes (`missing_parameter`, `document_not_found`,
 * `unauthorized`, ...) or, in newer responses, free text such as `Authentication failed`; so it is typed as a string.
 */
export type ErrorCode = ErrorBody['code']
/** The loosely modelled body of a 429 (Brevo does not document it); wait `x-sib-ratelimit-reset` seconds. */
export type RateLimitErrorBody = Schemas['RateLimitError']

/**
 * The JSON body of one Conversations webhook delivery: one event, named by `eventName`. Brevo signs nothing and
 * documents no authentication for these webhooks; put a secret in the webhook URL (`?token=...`). Sample
 * deliveries: `webhookExamples` from `@parley/brevo-conversations/webhooks`.
 */
export type WebhookPayload = Schemas['WebhookPayload']
/** One event, discriminated by `eventName` (narrow with `event.eventName === 'conversationStarted'`). */
export type WebhookEvent = Schemas['WebhookEvent']
/** A message as webhooks deliver it: a {@link ConversationsMessage} plus `isSentViaJsApi` and `isForward`. */
export type WebhookMessage = Schemas['WebhookMessage']
/** The agent of an event (Brevo publishes no field list: `id` plus whatever it sends). */
export type ConversationsAgent = Schemas['ConversationsAgent']
/** The visitor of an event (Brevo publishes no field list: `id` plus whatever it sends). */
export type ConversationsVisitor = Schemas['ConversationsVisitor']
/** A visitor or an agent started a conversation. */
export type ConversationStartedEvent = Schemas['ConversationStartedEvent']
/** The transcript of a conversation (the payload's fields beyond `eventName` and `conversationId` are unconfirmed). */
export type ConversationTranscriptEvent = Schemas['ConversationTranscriptEvent']
/** Unconfirmed: seen only in third-party code. */
export type ConversationFragmentEvent = Schemas['ConversationFragmentEvent']

/** Brevo's production API v3 (the spec's server). */
export const defaultBaseUrl = 'https://api.brevo.com/v3'

export type BrevoConversationsClient = Client<paths>

/**
 * A typed fetch client for the Brevo Conversations API. Authentication is your API key in the `api-key` header;
 * Brevo partners may add a `partner-key` header, always together with `api-key` (never instead of it).
 *
 * ```ts
 * const brevo = createBrevoConversationsClient({
 *   headers: { 'api-key': process.env.BREVO_API_KEY! },
 *   // partner accounts only: headers: { 'api-key': apiKey, 'partner-key': partnerKey },
 * })
 * const { data, error } = await brevo.GET('/conversations/messages/{id}', { params: { path: { id } } })
 * ```
 * Responses carry `x-sib-ratelimit-limit`, `-remaining` and `-reset` headers; a 429 has no `Retry-After`.
 */
export function createBrevoConversationsClient(options: ClientOptions = {}): BrevoConversationsClient {
  return createClient<paths>({ baseUrl: defaultBaseUrl, ...options })
}
