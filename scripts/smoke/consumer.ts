// What a user writes with the four clients, type-checked (--strict, --noEmit) against the packed packages'
// declarations under each TypeScript in tools.mjs: a read, a paginate, a POST, an orThrow, an error check.
import { ApiError, TimeoutError, createBrevo, createMews, createStackOne, createSunshine } from '@parley/sdk'
import { createStackOne as createStackOneClient, type Conversation } from '@parley/sdk/stackone'

export async function inbox(accountId: string): Promise<string[]> {
  const out: string[] = []
  const so = createStackOne({ apiKey: () => 'rotating-key', accountId, timeoutMs: 10_000, retry: { maxRetries: 1 } })

  const { data, error } = await so.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'c1' } } })
  if (error) out.push(`error ${String(error.message)}`)
  else out.push(data.data?.name ?? '(unnamed)')

  for await (const c of so.paginate('/unified/messaging/conversations', { params: { query: { page_size: '50' } } }, { maxPages: 3 })) {
    out.push(c.id ?? '')
  }

  const sent = await so.POST('/unified/messaging/messages', { body: { content: 'Hello', recipient: 'u1' } })
  out.push(String(sent.response.status))

  try {
    const conversation = await so.orThrow.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'c2' } } })
    out.push(conversation.data?.id ?? '')
  } catch (e) {
    if (e instanceof ApiError) out.push(`${e.status} ${e.requestId ?? ''} ${e.retryable}`)
    else if (e instanceof TimeoutError) out.push(`timed out after ${e.timeoutMs} ms`)
    else throw e
  }

  const brevo = createBrevo({ apiKey: 'k' })
  const message = await brevo.orThrow.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
  out.push(message.text ?? '')

  const sunshine = createSunshine({ keyId: 'app_1', secret: 's', auth: 'jwt' })
  for await (const c of sunshine.paginate('/v2/apps/{appId}/conversations', { params: { path: { appId: 'a' }, query: { filter: { userId: 'u' } } } })) {
    out.push(c.id ?? '')
  }

  const mews = createMews({ clientToken: 'c', accessToken: 'a', client: 'Inbox 1.0' })
  const year = { StartUtc: '2025-01-01T00:00:00Z', EndUtc: '2026-01-01T00:00:00Z' }
  for await (const t of mews.paginate('/api/connector/v1/messageThreads/getAll', { body: { CreatedUtc: year, Limitation: { Count: 100 } } })) {
    out.push(t.Subject)
  }

  // The declarations are really read: a path the API does not have is an error (unused, this line fails the check).
  // @ts-expect-error no such path
  void so.GET('/unified/messaging/nope', {})
  return out
}

// What a library author exports (compiled with declaration emit and exactOptionalPropertyTypes): a client's methods
// and the subpath's model types can be named in a .d.ts, and options read from the environment may be undefined.
declare const env: Record<string, string | undefined>
const support = createStackOneClient({ apiKey: 'k', accountId: 'acc', baseUrl: env.STACKONE_URL, retry: { maxRetries: undefined } })
export const listConversations = support.paginate
export const getConversation = support.orThrow.GET
export const conversationName = (c: Conversation): string => c.name ?? ''
