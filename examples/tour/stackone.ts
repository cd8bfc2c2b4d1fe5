import { createStackOneMessagingClient } from '@parley/stackone-messaging'

export async function stackoneTour(baseUrl: string): Promise<void> {
  const so = createStackOneMessagingClient({
    baseUrl,
    headers: { authorization: `Basic ${btoa('demo-api-key:')}` },
  })
  const header = { 'x-account-id': 'demo-account' }

  const list = await so.GET('/unified/messaging/conversations', { params: { header, query: { page_size: '25' } } })
  if (!list.data) throw new Error(`list conversations: HTTP ${list.response.status}`)
  console.log(`  ${list.data.data?.length ?? 0} conversations (next cursor: ${list.data.next ?? 'none'})`)
  for (const c of list.data.data ?? []) {
    console.log(`   • ${c.name} ${c.private === true || c.private === 'true' ? '(private)' : ''} ${c.participants?.length ?? 0} participants, last message ${c.last_message_at}`)
  }

  const first = list.data.data?.[0]
  if (first?.id) {
    const messages = await so.GET('/unified/messaging/conversations/{id}/messages', {
      params: { header, path: { id: first.id } },
    })
    for (const m of messages.data?.data ?? []) console.log(`     ${m.author?.name ?? 'someone'}: ${m.content?.plain ?? ''}`)
  }

  const sent = await so.POST('/unified/messaging/messages', {
    params: { header },
    body: { content: 'Hello from the Parley tour', recipient: first?.id ?? 'c28xyrc55866bvuv' },
  })
  console.log(`  sent a message -> HTTP ${sent.response.status}, new id ${sent.data?.data.id}`)

  const noAccount = await so.GET('/unified/messaging/users', {
    // @ts-expect-error deliberately leaving out the required x-account-id header to show the mock's validation
    params: {},
  })
  console.log(`  without x-account-id the mock answers HTTP ${noAccount.response.status}: ${noAccount.response.headers.get('sl-violations')}`)
}
