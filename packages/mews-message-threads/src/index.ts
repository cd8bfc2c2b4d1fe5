import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { paths } from './generated/schema.js'

export type { components, operations as operationTypes, paths } from './generated/schema.js'
export { operations } from './generated/operations.js'

/** The vendor's production base URL (the spec's first server). */
export const defaultBaseUrl = "https://api.mews.com"

export function createMewsMessageThreadsClient(options: ClientOptions = {}): Client<paths> {
  return createClient<paths>({ baseUrl: defaultBaseUrl, ...options })
}
