// @parley/sdk: one import for every API. For the smallest bundle, import the API you use from its subpath
// (`@parley/sdk/stackone`, `/brevo`, `/sunshine`, `/mews`).
export { createStackOne, type StackOneClient, type StackOneOptions } from './stackone.js'
export { createBrevo, type BrevoClient, type BrevoOptions } from './brevo.js'
export { createSunshine, type SunshineClient, type SunshineOptions } from './sunshine.js'
export { createMews, type MewsClient, type MewsOptions } from './mews.js'
// Receiving: one webhook receiver per API, and the Mews helper that fetches what a MessageAdded event names.
export * from './webhooks.js'
export * from './errors.js'
export type { Credential } from './auth/credential.js'
export type { CommonOptions, CallOptions } from './core/send.js'
export type { OrThrow, ParleyClient } from './types.js'
export type { RetryOptions } from './core/retry.js'
export type { RateLimitInfo, RateLimitOptions } from './limits/limiter.js'
export type { RateLimitStore } from './limits/store.js'
export { createMemoryRateLimitStore } from './limits/window.js'
export type { Page, PaginateOptions } from './pagination/types.js'
