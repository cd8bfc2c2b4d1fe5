// @parley/sdk/brevo: Brevo Conversations with auth, retries, timeouts and errors (the API has no lists).
import { defaultBaseUrl, operationList, rateLimit, type operations, type paths } from '@parley/brevo-conversations'
import { requireCredential, resolveCredential, withHeaders, type Credential } from './auth/credential.js'
import { assemble } from './client.js'
import { createCore, type CommonOptions, type Vendor } from './core/send.js'
import type { ParleyClient } from './types.js'

export interface BrevoOptions extends CommonOptions {
  /** Your Brevo API key (the `api-key` header), or a function returning the current one. */
  apiKey: Credential
  /** Partner key, sent as `partner-key` alongside the API key (Brevo partners only). */
  partnerKey?: Credential | undefined
}

export type BrevoClient = ParleyClient<paths, typeof operations>

export const brevoVendor: Vendor = {
  requestIdHeaders: ['x-request-id', 'x-sib-request-id'],
  errorFields(body) {
    const b = body as { code?: unknown; message?: unknown } | undefined
    return {
      code: typeof b?.code === 'string' ? b.code : undefined,
      message: typeof b?.message === 'string' ? b.message : undefined,
    }
  },
  // A spent window (`x-sib-ratelimit-remaining: 0`) comes back after `x-sib-ratelimit-reset` seconds (relative).
  pauseMs(headers) {
    const reset = Number(headers.get('x-sib-ratelimit-reset'))
    return headers.get('x-sib-ratelimit-remaining') === '0' && reset > 0 ? reset * 1000 : undefined
  },
}

export function createBrevo(options: BrevoOptions): BrevoClient {
  const apiKey = requireCredential(options?.apiKey, 'apiKey', 'createBrevo')
  const partnerKey = options.partnerKey === undefined ? undefined : requireCredential(options.partnerKey, 'partnerKey', 'createBrevo')
  const headers: Record<string, string> = {}
  if (typeof apiKey === 'string') headers['api-key'] = apiKey
  if (typeof partnerKey === 'string') headers['partner-key'] = partnerKey
  const dynamic = typeof apiKey === 'function' || typeof partnerKey === 'function'
  const core = createCore({
    ...options,
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    headers,
    operationList,
    vendor: brevoVendor,
    budget: { api: 'brevo', declared: rateLimit, credential: (init) => init.headers?.['api-key'] ?? headers['api-key'] },
    prepare: dynamic
      ? async (init) => {
          const extra: Record<string, string> = {}
          if (typeof apiKey === 'function') extra['api-key'] = await resolveCredential(apiKey, 'apiKey')
          if (typeof partnerKey === 'function') extra['partner-key'] = await resolveCredential(partnerKey, 'partnerKey')
          return withHeaders(init, extra)
        }
      : undefined,
  })
  return assemble(core, {}) as BrevoClient
}

export * from './errors.js'
// Receiving this API's webhooks: the code is in the one module every entry shares.
export { createBrevoWebhooks, createMemoryWebhookStore } from './webhooks.js'
export type * from './webhooks/brevo.js'
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
export type * from '@parley/brevo-conversations'
