import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components, paths } from './generated/schema.js'

export type { components, operations as operationTypes, paths, webhooks } from './generated/schema.js'
export { operationList, operations, rateLimit } from './generated/operations.js'

type Schemas = components['schemas']

/** A conversation. It carries no participants (the vendor lists those through its participants endpoint). */
export type Conversation = Schemas['Conversation']
/** `personal` (exactly one user) or `sdkGroup` (several users). */
export type ConversationType = Schemas['ConversationType']
/** The switchboard integration in (or awaiting) control of a conversation. */
export type SwitchboardIntegration = Schemas['SwitchboardIntegration']
/** Flat custom properties (string, number or boolean values, at most 4 KB), or null. */
export type Metadata = Schemas['Metadata']

/** A participant of a `personal` conversation, given by `userId` or by `userExternalId`. */
export type Participant = Schemas['ParticipantSubSchema']
/** A participant of an `sdkGroup` conversation: like `Participant`, but `subscribeSDKClient` is required. */
export type SdkGroupParticipant = Schemas['SdkGroupParticipant']
/** The body of CreateConversation: a `personal` conversation (exactly one participant) or an `sdkGroup` one. */
export type ConversationCreateBody = Schemas['ConversationCreateBody']
export type PersonalConversationCreateBody = Schemas['PersonalConversationCreateBody']
export type SdkGroupConversationCreateBody = Schemas['SdkGroupConversationCreateBody']
/** The body of UpdateConversation (PATCH): only the fields you send change. */
export type ConversationUpdateBody = Schemas['ConversationUpdateBody']
/** The body of DownloadMessageRef (Apple Messages for Business only). */
export type DownloadMessageRefBody = Schemas['DownloadMessageRefBody']
export type InteractiveDataRef = Schemas['InteractiveDataRef']

/** A message of a conversation. */
export type Message = Schemas['Message']
/**
 * Who wrote a message: `business`, or a `user` given by `userId` / `userExternalId` (plus `brandId` for a
 * brand-separated user). `subtypes` marks AI-generated messages, and in answers human agents, bots and activity.
 */
export type Author = Schemas['Author']
/** The content of a message, discriminated by `type` (narrow with `content.type === 'text'` etc.). */
export type Content = Schemas['Content']
export type TextContent = Schemas['TextMessage']
export type ImageContent = Schemas['ImageMessage']
export type FileContent = Schemas['FileMessage']
export type LocationContent = Schemas['LocationMessage']
export type CarouselContent = Schemas['CarouselMessage']
export type ListContent = Schemas['ListMessage']
export type FormContent = Schemas['FormMessage']
export type FormResponseContent = Schemas['FormResponseMessage']
export type TemplateContent = Schemas['TemplateMessage']
/** A message button, discriminated by `type` (`link`, `reply`, `postback`, `buy`, `webview`, `locationRequest`). */
export type Action = Schemas['Action']
/** Where a message came from (`api:conversations`, `web`, `whatsapp`, ...). */
export type Source = Schemas['Source']
/** The body of PostMessage: `author` and `content` are required. */
export type MessagePostBody = Schemas['MessagePost']

/** A source a message refers to (`message.references`). */
export type Reference = Schemas['Reference']
/** What a system `activity` message records (`ticket:closed`, `ticket:transfer:email`, `conversation:endedByUser`). */
export type ActivityMessage = Schemas['ActivityMessage']

/** The body of PostActivity: `typing:start`, `typing:stop` or `conversation:read` (the only one a `user` may send). */
export type ActivityPostBody = Schemas['ActivityPost']
export type ActivityType = Schemas['ActivityType']

/** The body of PassControl: the target `switchboardIntegration` (id, name, integration type or `next`) and `metadata`. */
export type PassControlBody = Schemas['PassControlBody']
/** The body of OfferControl: like PassControl's, but the target only becomes pending. */
export type OfferControlBody = Schemas['OfferControlBody']
export type AcceptControlBody = Schemas['AcceptControlBody']
export type ReleaseControlBody = Schemas['ReleaseControlBody']
/** The app's switchboard. */
export type Switchboard = Schemas['Switchboard']
/** One integration of the switchboard as configured (name, `next`, standby events, message history). */
export type SwitchboardIntegrationConfig = Schemas['SwitchboardIntegrationConfig']

/** A participant of a conversation, as ListParticipants and JoinConversation return it. */
export type ConversationParticipant = Schemas['Participant']
/** The body of LeaveConversation: exactly one of `userId`, `userExternalId` or `participantId`. */
export type ParticipantLeaveBody = Schemas['ParticipantLeaveBody']

/** A user, with its `profile`, `metadata` and `identities`. */
export type User = Schemas['User']
export type Profile = Schemas['Profile']
export type UserCreateBody = Schemas['UserCreateBody']
/** The body of UpdateUser (PATCH): only the fields you send change. */
export type UserUpdateBody = Schemas['UserUpdateBody']

/** An integration (channel or custom); per-type fields are extra properties. */
export type Integration = Schemas['Integration']
export type IntegrationType = Schemas['IntegrationType']
/** A webhook of a custom integration; every delivery carries its `secret` in the `X-API-Key` header. */
export type Webhook = Schemas['Webhook']
export type WebhookCreateBody = Schemas['WebhookCreateBody']
/** The body of UpdateWebhook (PATCH): only the fields you send change. */
export type WebhookUpdateBody = Schemas['WebhookBody']

/**
 * The JSON body of one webhook delivery: `{ app, webhook, events }`. One delivery may carry several events, of
 * different types; Sunshine sends the webhook's `secret` in the `X-API-Key` header (a shared secret, not a
 * signature). Sample deliveries per event: `webhookExamples` from `@parley/sunshine-conversations/webhooks`.
 */
export type WebhookPayload = Schemas['WebhookPayload']
/** One event of a delivery, discriminated by `type` (narrow with `event.type === 'conversation:message'`). */
export type WebhookEvent = Schemas['WebhookEvent']
/** What every event carries: `id` (the same on a redelivery: handle each id once) and `createdAt`. */
export type WebhookEventBase = Schemas['WebhookEventBase']
export type WebhookApp = Schemas['WebhookApp']
/** The webhook that made a delivery (`id`, `version`). */
export type WebhookRef = Schemas['WebhookRef']
/** The conversation of an event (id, type, metadata, switchboard integrations). */
export type WebhookConversation = Schemas['WebhookConversation']
/** A message as webhooks deliver it; its `content` is the same `Content` union as in the API. */
export type WebhookMessage = Schemas['WebhookMessage']
export type WebhookAuthor = Schemas['WebhookAuthor']
export type WebhookSource = Schemas['WebhookSource']
export type ConversationMessageEvent = Schemas['ConversationMessageEvent']
export type ConversationCreateEvent = Schemas['ConversationCreateEvent']
export type ConversationReadEvent = Schemas['ConversationReadEvent']
export type ConversationTypingEvent = Schemas['ConversationTypingEvent']
export type ConversationPostbackEvent = Schemas['ConversationPostbackEvent']
export type ConversationJoinEvent = Schemas['ConversationJoinEvent']
export type ConversationLeaveEvent = Schemas['ConversationLeaveEvent']
export type ConversationMessageDeliveryChannelEvent = Schemas['ConversationMessageDeliveryChannelEvent']
export type ConversationMessageDeliveryUserEvent = Schemas['ConversationMessageDeliveryUserEvent']
export type ConversationMessageDeliveryFailureEvent = Schemas['ConversationMessageDeliveryFailureEvent']
export type SwitchboardPassControlEvent = Schemas['SwitchboardPassControlEvent']
export type SwitchboardOfferControlEvent = Schemas['SwitchboardOfferControlEvent']
export type SwitchboardAcceptControlEvent = Schemas['SwitchboardAcceptControlEvent']
export type SwitchboardReleaseControlEvent = Schemas['SwitchboardReleaseControlEvent']
export type SwitchboardPassControlFailureEvent = Schemas['SwitchboardPassControlFailureEvent']
export type SwitchboardOfferControlFailureEvent = Schemas['SwitchboardOfferControlFailureEvent']
export type SwitchboardAcceptControlFailureEvent = Schemas['SwitchboardAcceptControlFailureEvent']

/** The `{ conversation }` answer of Create/Get/UpdateConversation. */
export type ConversationResponse = Schemas['ConversationResponse']
/** One page of ListConversations. */
export type ConversationListResponse = Schemas['ConversationListResponse']
/** One page of ListMessages (pages run backwards: newest page first). */
export type MessageListResponse = Schemas['MessageListResponse']
/** The answer of PostMessage: one request may create several messages. */
export type MessagePostResponse = Schemas['MessagePostResponse']

/** Cursor metadata of a list page: `hasMore`, `afterCursor` (next page), `beforeCursor` (previous page). */
export type PageMeta = Schemas['Meta']
/** Absolute URLs of the previous/next page, each omitted when there is no such page. */
export type Links = Schemas['Links']
/** The `page` query parameter of ListConversations: `after` or `before` (never both, 24 chars) and `size` (1-100). */
export type Page = Schemas['Page']
/** The `page` query parameter of ListMessages (no `size`: the page size is fixed at 100). */
export type MessagePage = Schemas['MessagePage']
/** The `filter` query parameter of ListConversations: exactly one of `userId` or `userExternalId`. */
export type ConversationFilter = Schemas['ConversationFilter']

/** The body of every 4xx answer: `{ errors: [{ code, title }] }`. */
export type ErrorBody = Schemas['ErrorResponse']
export type ErrorItem = Schemas['Error']

/** The legacy US endpoint (Sunshine Conversations accounts that are not Zendesk-hosted). */
export const defaultBaseUrl = 'https://api.smooch.io'
/** The legacy EU endpoint. */
export const euBaseUrl = 'https://api.eu-1.smooch.io'

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/**
 * The base URL for Zendesk-hosted Sunshine Conversations (what licensed Zendesk customers should use):
 * `zendeskBaseUrl('acme')` is `https://acme.zendesk.com/sc`. Throws when `subdomain` is not a single DNS label
 * (letters, digits and inner hyphens, at most 63 characters), e.g. `acme.zendesk.com` or `https://acme`.
 */
export function zendeskBaseUrl(subdomain: string): string {
  if (typeof subdomain !== 'string' || !DNS_LABEL.test(subdomain)) {
    throw new Error(
      `zendeskBaseUrl: subdomain must be a single DNS label such as "acme" (letters, digits and inner hyphens, ` +
        `at most 63 characters), got ${JSON.stringify(subdomain)}`,
    )
  }
  return `https://${subdomain}.zendesk.com/sc`
}

export type SunshineConversationsClient = Client<paths>

/**
 * A typed fetch client for the Sunshine Conversations v2 API (conversations, messages, participants, activities,
 * switchboard hand-off, users, integrations and webhooks). The base URL defaults
 * to the legacy US endpoint; Zendesk customers pass `baseUrl: zendeskBaseUrl(subdomain)` (or `euBaseUrl` for the
 * legacy EU region).
 *
 * Authentication is HTTP basic with the API key **id** as username and the key **secret** as password:
 * ```ts
 * const client = createSunshineConversationsClient({
 *   baseUrl: zendeskBaseUrl('acme'),
 *   headers: { authorization: `Basic ${btoa(`${keyId}:${keySecret}`)}` },
 * })
 * const { data, error } = await client.GET('/v2/apps/{appId}/conversations', {
 *   params: { path: { appId }, query: { filter: { userId }, page: { size: 10 } } },
 * })
 * ```
 * Or a JWT signed with the key secret (HS256, header `kid` = key id, payload `scope: 'app'` or `'account'`):
 * `headers: { authorization: \`Bearer ${jwt}\` }`.
 */
export function createSunshineConversationsClient(options: ClientOptions = {}): SunshineConversationsClient {
  return createClient<paths>({ baseUrl: defaultBaseUrl, ...options })
}
