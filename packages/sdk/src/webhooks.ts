// Every webhook receiver, in one module the entry points import (built as one shared file: see
// scripts/build-package.mjs), so a client that only sends carries none of it.
export * from './webhooks/stackone.js'
export * from './webhooks/brevo.js'
export * from './webhooks/sunshine.js'
export * from './webhooks/mews.js'
export * from './webhooks/public.js'
