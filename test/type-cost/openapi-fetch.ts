// The baseline for sdk.ts: the same calls written on bare openapi-fetch, one createClient<paths>() per API, with the
// credentials, cursors and error check done by hand.
import type { paths as BrevoPaths } from '@parley/brevo-conversations'
import type { paths as MewsPaths } from '@parley/mews-message-threads'
import type { paths as StackOnePaths } from '@parley/stackone-messaging'
import type { paths as SunshinePaths } from '@parley/sunshine-conversations'
import createClient from 'openapi-fetch'

class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`)
  }
}
const statusOf = (err: unknown): number | undefined => (err instanceof ApiError ? err.status : undefined)

export async function stackone(): Promise<string[]> {
  const so = createClient<StackOnePaths>({ baseUrl: 'https://api.stackone.com', headers: { authorization: `Basic ${btoa('key:')}` } })
  const header = { 'x-account-id': 'acc' }
  const { data } = await so.GET('/unified/messaging/conversations/{id}', { params: { header, path: { id: 'c1' } } })
  const out = [data?.data?.name ?? '']
  // @ts-expect-error the read is typed from the spec (if this line stops failing, the types did not resolve)
  const notANumber: number = out[0]
  let next: string | undefined
  do {
    const page = await so.GET('/unified/messaging/conversations', { params: { header, query: { page_size: '50', ...(next ? { next } : {}) } } })
    if (!page.data) throw new ApiError(page.response.status)
    for (const c of page.data.data ?? []) out.push(c.id ?? '')
    next = page.data.next ?? undefined
  } while (next)
  const sent = await so.POST('/unified/messaging/messages', { params: { header }, body: { content: 'Hello', recipient: 'c1' } })
  out.push(sent.data?.data.id ?? '')
  try {
    const user = await so.GET('/unified/messaging/users/{id}', { params: { header, path: { id: 'u1' } } })
    if (!user.data) throw new ApiError(user.response.status)
    out.push(user.data.data?.name ?? '')
  } catch (err) {
    out.push(String(statusOf(err)))
  }
  return out
}

export async function brevo(): Promise<string[]> {
  const br = createClient<BrevoPaths>({ baseUrl: 'https://api.brevo.com/v3', headers: { 'api-key': 'key' } })
  const { data } = await br.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
  const out = [data?.text ?? '']
  // @ts-expect-error the read is typed from the spec (if this line stops failing, the types did not resolve)
  const notANumber: number = out[0]
  const sent = await br.POST('/conversations/messages', { body: { visitorId: 'v1', text: 'Hello', agentId: 'a1' } })
  out.push(sent.data?.id ?? '')
  try {
    const pushed = await br.GET('/conversations/pushedMessages/{id}', { params: { path: { id: 'p1' } } })
    if (!pushed.data) throw new ApiError(pushed.response.status)
    out.push(pushed.data.text ?? '')
  } catch (err) {
    out.push(String(statusOf(err)))
  }
  return out
}

export async function sunshine(): Promise<string[]> {
  const sc = createClient<SunshinePaths>({ baseUrl: 'https://api.smooch.io', headers: { authorization: `Basic ${btoa('app_1:secret')}` } })
  const path = { appId: 'app', conversationId: 'c1' }
  const { data } = await sc.GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path } })
  const out = [data?.conversation?.id ?? '']
  // @ts-expect-error the read is typed from the spec (if this line stops failing, the types did not resolve)
  const notANumber: number = out[0]
  let after: string | undefined
  do {
    const page = await sc.GET('/v2/apps/{appId}/conversations', {
      params: { path: { appId: 'app' }, query: { filter: { userId: 'u1' }, ...(after ? { page: { after } } : {}) } },
    })
    if (!page.data) throw new ApiError(page.response.status)
    for (const c of page.data.conversations ?? []) out.push(c.id ?? '')
    after = page.data.meta?.hasMore ? (page.data.meta.afterCursor ?? undefined) : undefined
  } while (after)
  const sent = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
    params: { path },
    body: { author: { type: 'business' }, content: { type: 'text', text: 'Hello' } },
  })
  out.push(sent.data?.messages?.[0]?.id ?? '')
  try {
    const messages = await sc.GET('/v2/apps/{appId}/conversations/{conversationId}/messages', { params: { path } })
    if (!messages.data) throw new ApiError(messages.response.status)
    out.push(messages.data.messages?.[0]?.id ?? '')
  } catch (err) {
    out.push(String(statusOf(err)))
  }
  return out
}

export async function mews(): Promise<string[]> {
  const mw = createClient<MewsPaths>({ baseUrl: 'https://api.mews.com' })
  const tokens = { ClientToken: 'ct', AccessToken: 'at', Client: 'Fixture 1.0' }
  const { data } = await mw.POST('/api/connector/v1/messageThreads/getAll', {
    body: { ...tokens, MessageThreadIds: ['t1'], Limitation: { Count: 10 } },
  })
  const out = [data?.MessageThreads[0]?.Subject ?? '']
  // @ts-expect-error the read is typed from the spec (if this line stops failing, the types did not resolve)
  const notANumber: number = out[0]
  let cursor: string | undefined
  do {
    const page = await mw.POST('/api/connector/v1/messages/getAll', {
      body: { ...tokens, MessageThreadIds: ['t1'], Limitation: { Count: 100, ...(cursor ? { Cursor: cursor } : {}) } },
    })
    if (!page.data) throw new ApiError(page.response.status)
    for (const m of page.data.Messages) out.push(m.Text)
    cursor = page.data.Messages.length === 100 ? (page.data.Cursor ?? undefined) : undefined
  } while (cursor)
  const added = await mw.POST('/api/connector/v1/messageThreads/add', { body: { ...tokens, OriginalSender: 'Ada', Subject: 'Late check-in' } })
  out.push(added.data?.MessageThreads?.[0]?.Id ?? '')
  try {
    const sent = await mw.POST('/api/connector/v1/messages/add', { body: { ...tokens, Messages: [{ MessageThreadId: 't1', Text: 'Hello' }] } })
    if (!sent.data) throw new ApiError(sent.response.status)
    out.push(sent.data.Messages[0]?.Message.Text ?? '')
  } catch (err) {
    out.push(String(statusOf(err)))
  }
  return out
}
