// "Your code": a tiny inbox service built on @parley/sdk. The test next to it checks it against a Prism mock of the
// exact spec version installed in node_modules, which is how we suggest you contract-test code that uses Parley.
import { createStackOne, type StackOneClient, type StackOneOptions } from '@parley/sdk/stackone'

export function createInbox(options: Pick<StackOneOptions, 'apiKey' | 'accountId' | 'baseUrl' | 'fetch' | 'rateLimit'>) {
  // A send is never retried anyway; no retries for reads either, so a 429 reaches the caller at once.
  const stackone: StackOneClient = createStackOne({ ...options, retry: { maxRetries: 0 } })
  return {
    /** The names of the first `limit` conversations. */
    async conversationNames(limit: number): Promise<string[]> {
      const names: string[] = []
      for await (const c of stackone.paginate('/unified/messaging/conversations', { params: { query: { page_size: '25' } } }, { maxItems: limit })) {
        names.push(c.name ?? '(unnamed)')
      }
      return names
    },
    /** Conversations updated after `since` (an ISO date-time). */
    async updatedSince(since: string): Promise<number> {
      let n = 0
      for await (const _ of stackone.paginate('/unified/messaging/conversations', { params: { query: { filter: { updated_after: since } } } }, { maxPages: 1 })) n++
      return n
    },
    /** Sends a message; returns the new message id. `headers` are extra request headers (tests pass `prefer(...)`). */
    async reply(conversationId: string, text: string, headers?: Record<string, string>): Promise<string> {
      const created = await stackone.orThrow.POST('/unified/messaging/messages', {
        body: { recipient: conversationId, content: text },
        ...(headers ? { headers } : {}),
      })
      return created.data?.id ?? ''
    },
  }
}
