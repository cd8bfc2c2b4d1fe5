// What every entry point exports for receiving webhooks, next to its vendor's factory.
export { createMemoryWebhookStore, type MemoryWebhookStoreOptions } from './memory.js'
export type { HandlerOptions, ReceiverOptions, TestRequestInit, UnknownEvent, WebhookReceiver } from './receiver.js'
export type { ClaimResult, WebhookStore } from './store.js'
