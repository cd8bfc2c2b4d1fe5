// @parley/sdk/stackone: StackOne unified Messaging with auth, retries, timeouts, errors and pagination.
import { defaultBaseUrl, operationList, rateLimit, type operations, type paths } from '@parley/stackone-messaging'
import { basicAuthorization } from './auth/basic.js'
import { requireCredential, requireString, resolveCredential, withHeaders, type Credential } from './auth/credential.js'
import { assemble } from './client.js'
import { createCore, type CommonOptions, type Vendor } from './core/send.js'
import type { FillHeaders, ParleyClient } from './types.js'
import { stackone } from './pagination/stackone.js'

export interface StackOneOptions extends CommonOptions {
  /** Your StackOne API key (sent as HTTP basic username), or a function returning the current one. */
  apiKey: Credential
  /** The linked account every call acts on (the `x-account-id` header). */
  accountId: string
}

type Paths = FillHeaders<paths, 'x-account-id'>
/** The facade sends `next` on every page of a listing. */
export type StackOneClient = ParleyClient<Paths, typeof operations, { params?: { query?: { next?: never } } }>

export const stackoneVendor: Vendor = {
  requestIdHeaders: ['x-request-id'],
  errorFields(body) {
    const b = body as { message?: unknown; statusCode?: unknown } | undefined
    return { message: typeof b?.message === 'string' ? b.message : undefined }
  },
}

export function createStackOne(options: StackOneOptions): StackOneClient {
  const apiKey = requireCredential(options?.apiKey, 'apiKey', 'createStackOne')
  const accountId = requireString(options.accountId, 'accountId', 'createStackOne')
  const headers: Record<string, string> = { 'x-account-id': accountId }
  if (typeof apiKey === 'string') headers.authorization = basicAuthorization(apiKey, '')
  const core = createCore({
    ...options,
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    headers,
    operationList,
    vendor: stackoneVendor,
    // The budget is per API key: the basic credential it is sent as (the same for a function's key).
    budget: { api: 'stackone', declared: rateLimit, credential: (init) => init.headers?.authorization ?? headers.authorization },
    prepare:
      typeof apiKey === 'function'
        ? async (init) => withHeaders(init, { authorization: basicAuthorization(await resolveCredential(apiKey, 'apiKey'), '') })
        : undefined,
  })
  return assemble(core, { stackone }) as StackOneClient
}

export * from './errors.js'
// Receiving this API's webhooks: the code is in the one module every entry shares.
export { createStackOneWebhooks, createMemoryWebhookStore } from './webhooks.js'
export type * from './webhooks/stackone.js'
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
export type * from '@parley/stackone-messaging'
