// @parley/rate-limit-redis: Redis stores for @parley/sdk, so many processes sharing a credential share its budget
// (createRedisRateLimitStore) and many processes behind one webhook URL handle each event once (createRedisWebhookStore).
export { createRedisRateLimitStore, type RedisRateLimitStore, type RedisRateLimitStoreOptions } from './rate-limit-store.js'
export { createRedisWebhookStore, type RedisWebhookStore, type RedisWebhookStoreOptions } from './webhook-store.js'
export { RedisStoreError } from './errors.js'
export type { ConnectionOptions, NodeRedisClient, RedisSource } from './connection.js'
