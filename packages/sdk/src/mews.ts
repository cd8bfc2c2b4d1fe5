// @parley/sdk/mews: Mews Connector message threads with body tokens, retries, timeouts, errors and pagination
// (time filters longer than the API allows are split into windows).
import { defaultBaseUrl, operationList, rateLimit, type operations, type paths } from '@parley/mews-message-threads'
import { requireCredential, requireString, resolveCredential, type Credential } from './auth/credential.js'
import { assemble } from './client.js'
import { createCore, type CommonOptions, type Vendor } from './core/send.js'
import type { FillBody, ParleyClient } from './types.js'
import { mews } from './pagination/mews.js'

export interface MewsOptions extends CommonOptions {
  /** Token of your integration (`ClientToken`), or a function returning it. */
  clientToken: Credential
  /** Token of the enterprise or property (`AccessToken`), or a function returning it. */
  accessToken: Credential
  /** Name and version of your application (`Client`), e.g. "Acme Inbox 2.1". */
  client: string
}

type Tokens = 'ClientToken' | 'AccessToken' | 'Client'
type Paths = FillBody<paths, Tokens>
/** The facade sends `Limitation.Cursor` on every page of a listing. */
export type MewsClient = ParleyClient<Paths, typeof operations, { body?: { Limitation?: { Cursor?: never } } }>

export const mewsVendor: Vendor = {
  requestIdHeaders: ['request-id'],
  errorFields(body) {
    const b = body as { Message?: unknown } | undefined
    return { message: typeof b?.Message === 'string' ? b.Message : undefined }
  },
  // `Details` (development environment only) echoes the request, tokens included: never keep it.
  sanitizeBody(body) {
    if (!body || typeof body !== 'object' || !('Details' in body)) return body
    const { Details: _details, ...rest } = body as Record<string, unknown>
    return rest
  },
}

export function createMews(options: MewsOptions): MewsClient {
  const clientToken = requireCredential(options?.clientToken, 'clientToken', 'createMews')
  const accessToken = requireCredential(options.accessToken, 'accessToken', 'createMews')
  const client = requireString(options.client, 'client', 'createMews')
  const staticTokens =
    typeof clientToken === 'string' && typeof accessToken === 'string'
      ? { ClientToken: clientToken, AccessToken: accessToken, Client: client }
      : undefined
  const core = createCore({
    ...options,
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    headers: {},
    operationList,
    vendor: mewsVendor,
    budget: { api: 'mews', declared: rateLimit, credential: (init) => init.body.AccessToken },
    prepare: async (init, meta) => {
      if (meta?.pagination && init.body?.Limitation !== undefined) mews.check?.(init, meta.pagination)
      const tokens = staticTokens ?? {
        ClientToken: await resolveCredential(clientToken, 'clientToken'),
        AccessToken: await resolveCredential(accessToken, 'accessToken'),
        Client: client,
      }
      return { ...init, body: { ...init.body, ...tokens } }
    },
  })
  return assemble(core, { mews }) as MewsClient
}

export * from './errors.js'
// Receiving this API's webhooks: the code is in the one module every entry shares.
export { createMewsWebhooks, findAddedMessage, createMemoryWebhookStore } from './webhooks.js'
export type * from './webhooks/mews.js'
export type * from './webhooks/public.js'
export type { Credential } from './auth/credential.js'
export type { CallOptions, CommonOptions } from './core/send.js'
export type { RetryOptions } from './core/retry.js'
export type { RateLimitInfo, RateLimitOptions } from './limits/limiter.js'
export type { RateLimitStore } from './limits/store.js'
export { createMemoryRateLimitStore } from './limits/window.js'
export type { Page, PaginateOptions } from './pagination/types.js'
export type * from './types.js'
// The API's model types (`paths`, `components`, its named schemas), so one import serves both.
export type * from '@parley/mews-message-threads'
