import { createMewsMessageThreadsClient } from '@parley/mews-message-threads'

export async function mewsTour(baseUrl: string): Promise<void> {
  const mews = createMewsMessageThreadsClient({ baseUrl })
  // Mews has no auth header: these three go in the JSON body of every call.
  const tokens = { ClientToken: 'demo-client-token', AccessToken: 'demo-access-token', Client: 'Parley Tour 1.0.0' }

  const list = await mews.POST('/api/connector/v1/messageThreads/getAll', {
    body: {
      ...tokens,
      CreatedUtc: { StartUtc: '2025-09-01T00:00:00Z', EndUtc: '2025-10-01T00:00:00Z' }, // at most 3 months
      Limitation: { Count: 25 },
    },
  })
  if (!list.data) throw new Error(`list message threads: HTTP ${list.response.status}`)
  const { MessageThreads: threads, Cursor } = list.data
  console.log(`  ${threads.length} message threads created in September 2025 (next cursor: ${Cursor ?? 'none'})`)
  for (const t of threads) {
    const state = t.IsResolved ? 'resolved' : 'open'
    console.log(`   • "${t.Subject}" from ${t.OriginalSender}, ${state}, last update ${t.UpdatedUtc}`)
  }

  const added = await mews.POST('/api/connector/v1/messageThreads/add', {
    body: { ...tokens, OriginalSender: 'John Doe', Subject: 'Late check-in request' },
  })
  const thread = added.data?.MessageThreads[0]
  console.log(`  opened a thread -> HTTP ${added.response.status}, id ${thread?.Id ?? '?'} ("${thread?.Subject ?? ''}")`)

  const threadId = threads[0]?.Id ?? thread?.Id ?? '7f9325f6-ef44-4911-89a8-ae51010a5aa4'
  const messages = await mews.POST('/api/connector/v1/messages/getAll', {
    body: { ...tokens, MessageThreadIds: [threadId], Limitation: { Count: 50 } },
  })
  console.log(`  messages of thread ${threadId}, newest first:`)
  for (const m of messages.data?.Messages ?? []) {
    // Sender is { Discriminator, Value? }, or a plain string in some of Mews' own examples
    const kind = typeof m.Sender === 'string' ? m.Sender : m.Sender.Discriminator
    const who = kind === 'Enterprise' ? 'the property' : 'our integration'
    console.log(`     ${m.CreatedUtc} ${who}: ${m.Text}`)
  }

  const sent = await mews.POST('/api/connector/v1/messages/add', {
    body: { ...tokens, Messages: [{ MessageThreadId: threadId, Text: 'See you tonight!', Identifier: 'tour-1' }] },
  })
  const echo = sent.data?.Messages[0]
  console.log(
    `  added a message -> HTTP ${sent.response.status}, id ${echo?.Message.Id ?? '?'}` +
      ` (identifier echoed back: ${echo?.Identifier ?? 'none'})`,
  )

  const tooMany = await mews.POST('/api/connector/v1/messageThreads/getAll', {
    body: { ...tokens, MessageThreadIds: [threadId], Limitation: { Count: 5000 } },
  })
  // Prism names the broken rule in its sl-violations header; the body is Mews' own error shape.
  const why = JSON.parse(tooMany.response.headers.get('sl-violations') ?? '[]') as { message: string }[]
  const reason = why.map((v) => v.message).join('; ') || tooMany.error?.Message
  console.log(`  asking for 5000 threads at once is refused: HTTP ${tooMany.response.status}, ${reason}`)
}
