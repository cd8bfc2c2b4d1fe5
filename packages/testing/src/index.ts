// @parley/testing: Prism mocks of the specs you installed, for contract tests of your own code (Node only).
export { startMock, startMocks, type Mock, type StartOptions } from './start.js'
export { connectMock, type ConnectOptions, type MockConnection, type MockFetch, type RecordedCall, type StatusRun } from './connection.js'
export { prefer, type Preference } from './prefer.js'
export { violations, type ErrorBody, type Violation } from './violations.js'
export { webhookDeliveries, webhookSamples, type SigningReceiver, type WebhookDelivery, type WebhookSample } from './webhooks.js'
