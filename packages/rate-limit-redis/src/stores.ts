// The store interfaces of @parley/sdk (packages/sdk/src/limits/store.ts, webhooks/store.ts), restated until the SDK
// exports them: TypeScript compares shapes, so a store typed here is the SDK's store.
export interface RateLimitStore {
  take(key: string, requests: number, perMs: number): Promise<number>
  pause(key: string, ms: number): Promise<void>
}
export interface WebhookStore {
  claim(key: string): Promise<boolean>
  done(key: string): Promise<void>
  release(key: string): Promise<void>
}
