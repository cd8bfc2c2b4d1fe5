// The spec's sample webhook deliveries, on a subpath of their own so that importing the client never loads them.
export { webhookExamples, type WebhookBody } from './generated/webhook-examples.js'
