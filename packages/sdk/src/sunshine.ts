// @parley/sdk/sunshine: Sunshine Conversations v2 with basic or JWT auth, retries, timeouts, errors, pagination.
import { defaultBaseUrl, operationList, rateLimit, type operations, type paths } from '@parley/sunshine-conversations'
import { basicAuthorization } from './auth/basic.js'
import { requireCredential, requireString, resolveCredential, withHeaders, type Credential } from './auth/credential.js'
import { signAppJwt } from './auth/jwt.js'
import { assemble } from './client.js'
import { createCore, type CommonOptions, type Vendor } from './core/send.js'
import type { ParleyClient } from './types.js'
import { describe } from './core/describe.js'
import { ConfigurationError } from './errors.js'
import { sunshine } from './pagination/sunshine.js'

export interface SunshineOptions extends CommonOptions {
  /** The API key id (`app_...`): the basic-auth username, or the JWT's `kid`. */
  keyId: string
  /** The API key secret, or a function returning the current one. */
  secret: Credential
  /**
   * `basic` (default) sends `keyId:secret` as HTTP basic; `jwt` signs an app-scoped HS256 JWT with the secret
   * (Web Crypto) and sends it as a bearer token, so the secret itself never leaves the process.
   */
  auth?: 'basic' | 'jwt' | undefined
}

/** The facade sends `page[after]` (or `page[before]`) on every page of a listing. */
export type SunshineClient = ParleyClient<paths, typeof operations, { params?: { query?: { page?: { after?: never; before?: never } } } }>

export const sunshineVendor: Vendor = {
  requestIdHeaders: ['x-zendesk-request-id', 'x-request-id'],
  errorFields(body) {
    const errors = (body as { errors?: { code?: unknown; title?: unknown }[] } | undefined)?.errors
    if (!Array.isArray(errors) || errors.length === 0) return {}
    const first = errors[0]
    return {
      code: typeof first?.code === 'string' ? first.code : undefined,
      message: errors.map((e) => (typeof e?.title === 'string' ? e.title : '')).filter(Boolean).join('; ') || undefined,
    }
  },
}

const LIST_CONVERSATIONS = '/v2/apps/{appId}/conversations'

/** ListConversations needs exactly one of filter.userId / filter.userExternalId (Prism cannot check this one). */
function checkUserFilter(filter: { userId?: unknown; userExternalId?: unknown } | undefined): void {
  const has = (v: unknown) => v !== undefined && v !== null && v !== ''
  if (filter && has(filter.userId) && has(filter.userExternalId)) {
    throw new ConfigurationError('params.query.filter', 'takes userId or userExternalId, not both')
  }
  if (!filter || (!has(filter.userId) && !has(filter.userExternalId))) {
    throw new ConfigurationError('params.query.filter', 'needs userId or userExternalId')
  }
}

export function createSunshine(options: SunshineOptions): SunshineClient {
  const keyId = requireString(options?.keyId, 'keyId', 'createSunshine')
  const secret = requireCredential(options.secret, 'secret', 'createSunshine')
  const mode = options.auth ?? 'basic'
  if (mode !== 'basic' && mode !== 'jwt') {
    throw new ConfigurationError('auth', `must be "basic" or "jwt" (createSunshine), got ${describe(mode)}`)
  }
  const headers: Record<string, string> = {}
  if (mode === 'basic' && typeof secret === 'string') headers.authorization = basicAuthorization(keyId, secret)

  // A JWT is signed once per secret value and reused: app-scoped tokens do not expire.
  let signed: { secret: string; token: Promise<string> } | undefined
  const bearer = async () => {
    const current = await resolveCredential(secret, 'secret')
    if (!signed || signed.secret !== current) signed = { secret: current, token: signAppJwt(keyId, current) }
    return `Bearer ${await signed.token}`
  }
  const needsPerCall = mode === 'jwt' || typeof secret === 'function'
  const core = createCore({
    ...options,
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    headers,
    operationList,
    vendor: sunshineVendor,
    // Sunshine does not say what it counts by; the API key (its id) is the closest thing a client has.
    budget: { api: 'sunshine', declared: rateLimit, credential: () => keyId },
    prepare: async (init, meta) => {
      if (meta?.path === LIST_CONVERSATIONS && meta.method === 'get') checkUserFilter(init.params?.query?.filter)
      if (!needsPerCall) return init
      const authorization =
        mode === 'jwt' ? await bearer() : basicAuthorization(keyId, await resolveCredential(secret, 'secret'))
      return withHeaders(init, { authorization })
    },
  })
  return assemble(core, { sunshine }) as SunshineClient
}

export * from './errors.js'
// Receiving this API's webhooks: the code is in the one module every entry shares.
export { createSunshineWebhooks, createMemoryWebhookStore } from './webhooks.js'
export type * from './webhooks/sunshine.js'
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
export type * from '@parley/sunshine-conversations'
