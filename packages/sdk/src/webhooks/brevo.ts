// Brevo Conversations webhooks: one event per POST, named by `eventName`. Brevo signs nothing and documents no
// scheme for these webhooks, so the receiver checks what you put in the URL you gave Brevo: a `token` query
// parameter, basic credentials (`https://user:pass@host/...`, sent as Authorization: Basic) or a bearer token.
import type { WebhookEvent, WebhookPayload } from '@parley/brevo-conversations'
import { basicAuthorization, base64url } from '../auth/basic.js'
import { requireString } from '../auth/credential.js'
import { ConfigurationError, WebhookError } from '../errors.js'
import { matchesAny, sha256 } from './crypto.js'
import { createReceiver, requireSecrets, type ReceiverOptions, type UnknownEvent, type WebhookReceiver } from './receiver.js'

/** The JSON body of a delivery: the one event. */
export type BrevoWebhookPayload = WebhookPayload
/**
 * The event of a delivery, typed by the spec: narrow on `eventName` (`conversationStarted`, ...). One the spec does
 * not know yet arrives as `{ eventName: 'unknown', unknownType, raw }`.
 */
export type BrevoWebhookEvent = WebhookEvent | UnknownEvent<'eventName'>

/** Exactly one way to authenticate deliveries; several tokens or passwords are accepted, for a change-over. */
export type BrevoWebhooksOptions = ReceiverOptions &
  (
    | { /** The `token` query parameter of your webhook URL. */ token: string | readonly string[]; username?: never; password?: never; bearer?: never }
    | { username: string; password: string | readonly string[]; token?: never; bearer?: never }
    | { /** Sent as `Authorization: Bearer <token>`. */ bearer: string | readonly string[]; token?: never; username?: never; password?: never }
  )

export type BrevoWebhooks = WebhookReceiver<BrevoWebhookEvent, BrevoWebhookPayload>

// Every eventName of the spec's WebhookEvent, no more (the compiler checks both ways).
const known: Record<WebhookEvent['eventName'], true> = {
  conversationStarted: true,
  conversationTranscript: true,
  conversationFragment: true,
}

const FACTORY = 'createBrevoWebhooks'

interface Credentials {
  where: string
  /** The credential as the request carries it (null: missing), and the accepted values to compare it with. */
  presented(request: Request): string | null
  accepted: readonly string[]
  sign(url: URL, headers: Headers): void
}

function credentials(options: Record<string, unknown> | undefined): Credentials {
  const modes = (['token', 'username', 'bearer'] as const).filter((m) => options?.[m] !== undefined)
  const choice = 'takes one of token, username and password, or bearer'
  if (modes.length === 0) throw new ConfigurationError('token', `is missing (${FACTORY} ${choice})`)
  if (modes.length > 1) throw new ConfigurationError(modes[1]!, `cannot be combined with ${modes[0]} (${FACTORY} ${choice})`)
  // The scheme is case-insensitive (`basic`, `BEARER`): it is written the one way before the compare.
  const authorization = (scheme: string) => (request: Request) => {
    const value = request.headers.get('authorization')
    if (value === null) return null
    const space = value.indexOf(' ')
    return space > 0 && value.slice(0, space).toLowerCase() === scheme.toLowerCase() ? `${scheme} ${value.slice(space + 1).trim()}` : value
  }
  if (modes[0] === 'token') {
    const tokens = requireSecrets(options!.token, 'token', FACTORY)
    return {
      where: 'token query parameter',
      presented: (request) => new URL(request.url).searchParams.get('token'),
      accepted: tokens,
      sign: (url) => url.searchParams.set('token', tokens[0]!),
    }
  }
  if (modes[0] === 'username') {
    const username = requireString(options!.username, 'username', FACTORY)
    const passwords = requireSecrets(options!.password, 'password', FACTORY)
    const accepted = passwords.map((password) => basicAuthorization(username, password))
    return { where: 'Authorization header', presented: authorization('Basic'), accepted, sign: (_url, headers) => headers.set('authorization', accepted[0]!) }
  }
  const tokens = requireSecrets(options!.bearer, 'bearer', FACTORY)
  const accepted = tokens.map((token) => `Bearer ${token}`)
  return { where: 'Authorization header', presented: authorization('Bearer'), accepted, sign: (_url, headers) => headers.set('authorization', accepted[0]!) }
}

export function createBrevoWebhooks(options: BrevoWebhooksOptions): BrevoWebhooks {
  const auth = credentials(options as unknown as Record<string, unknown> | undefined)
  return createReceiver(
    {
      api: 'brevo',
      discriminator: 'eventName',
      known,
      eventsField: undefined,
      signsBody: false,
      // Brevo's retry rules (documented for its other webhooks) drop a delivery answered with any 5xx or 4xx but 429.
      redeliverStatus: 429,
      async authenticate(request) {
        const presented = auth.presented(request)
        if (presented === null) throw new WebhookError(401, `${auth.where} is missing`)
        if (!(await matchesAny(presented, auth.accepted))) throw new WebhookError(401, `${auth.where} does not match the webhook credentials`)
      },
      // Brevo documents no event id; a redelivery is assumed to repeat the same bytes.
      key: async (_event, body) => base64url(await sha256(body)),
      sign: (url, headers) => auth.sign(url, headers),
    },
    options,
  )
}
