// The consumer whose type-check cost test/type-cost.test.ts measures. On each client: a read, a paginate where the API
// has one, a POST, an orThrow.GET and an error check. Mews has only POST operations, so its read and its orThrow call
// are POSTs. openapi-fetch.ts makes the same calls on bare openapi-fetch.
import { createBrevo } from '@parley/sdk/brevo'
import { createMews } from '@parley/sdk/mews'
import { ApiError, createStackOne } from '@parley/sdk/stackone'
import { createSunshine } from '@parley/sdk/sunshine'

const statusOf = (err: unknown): number | undefined => (err instanceof ApiError ? err.status : undefined)

export async function stackone(): Promise<string[]> {
  const so = createStackOne({ apiKey: 'key', accountId: 'acc' })
  const { data } = await so.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'c1' } } })
  const out = [data?.data?.name ?? '']
  // @ts-expect-error the read is typed from the spec (if this line stops failing, the types did not resolve)
  const notANumber: number = out[0]
  for await (const c of so.paginate('/unified/messaging/conversations', { params: { query: { page_size: '50' } } })) out.push(c.id ?? '')
  const sent = await so.POST('/unified/messaging/messages', { body: { content: 'Hello', recipient: 'c1' } })
  out.push(sent.data?.data.id ?? '')
  try {
    const user = await so.orThrow.GET('/unified/messaging/users/{id}', { params: { path: { id: 'u1' } } })
    out.push(user.data?.name ?? '')
  } catch (err) {
    out.push(String(statusOf(err)))
  }
  return out
}

export async function brevo(): Promise<string[]> {
  const br = createBrevo({ apiKey: 'key' })
  const { data } = await br.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
  const out = [data?.text ?? '']
  // @ts-expect-error the read is typed from the spec (if this line stops failing, the types did not resolve)
  const notANumber: number = out[0]
  const sent = await br.POST('/conversations/messages', { body: { visitorId: 'v1', text: 'Hello', agentId: 'a1' } })
  out.push(sent.data?.id ?? '')
  try {
    const pushed = await br.orThrow.GET('/conversations/pushedMessages/{id}', { params: { path: { id: 'p1' } } })
    out.push(pushed.text ?? '')
  } catch (err) {
    out.push(String(statusOf(err)))
  }
  return out
}

export async function sunshine(): Promise<string[]> {
  const sc = createSunshine({ keyId: 'app_1', secret: 'secret' })
  const path = { appId: 'app', conversationId: 'c1' }
  const { data } = await sc.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path } })
  const out = [data?.conversation?.id ?? '']
  // @ts-expect-error the read is typed from the spec (if this line stops failing, the types did not resolve)
  const notANumber: number = out[0]
  const list = { params: { path: { appId: 'app' }, query: { filter: { userId: 'u1' } } } }
  for await (const c of sc.paginate('/v2/apps/{appId}/conversations', list)) out.push(c.id ?? '')
  const sent = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
    params: { path },
    body: { author: { type: 'business' }, content: { type: 'text', text: 'Hello' } },
  })
  out.push(sent.data?.messages?.[0]?.id ?? '')
  try {
    const messages = await sc.orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}/messages', { params: { path } })
    out.push(messages.messages?.[0]?.id ?? '')
  } catch (err) {
    out.push(String(statusOf(err)))
  }
  return out
}

export async function mews(): Promise<string[]> {
  const mw = createMews({ clientToken: 'ct', accessToken: 'at', client: 'Fixture 1.0' })
  const { data } = await mw.POST('/api/connector/v1/messageThreads/getAll', {
    body: { MessageThreadIds: ['t1'], Limitation: { Count: 10 } },
  })
  const out = [data?.MessageThreads[0]?.Subject ?? '']
  // @ts-expect-error the read is typed from the spec (if this line stops failing, the types did not resolve)
  const notANumber: number = out[0]
  const messages = { body: { MessageThreadIds: ['t1'], Limitation: { Count: 100 } } }
  for await (const m of mw.paginate('/api/connector/v1/messages/getAll', messages)) out.push(m.Text)
  const added = await mw.POST('/api/connector/v1/messageThreads/add', { body: { OriginalSender: 'Ada', Subject: 'Late check-in' } })
  out.push(added.data?.MessageThreads?.[0]?.Id ?? '')
  try {
    const sent = await mw.orThrow.POST('/api/connector/v1/messages/add', { body: { Messages: [{ MessageThreadId: 't1', Text: 'Hello' }] } })
    out.push(sent.Messages[0]?.Message.Text ?? '')
  } catch (err) {
    out.push(String(statusOf(err)))
  }
  return out
}
