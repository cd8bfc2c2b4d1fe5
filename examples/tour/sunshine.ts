import { createSunshineConversationsClient, type Content } from '@parley/sunshine-conversations'

/** One line for a message's content, whatever its type. */
function describe(content: Content | undefined): string {
  if (!content) return '(no content)'
  switch (content.type) {
    case 'text':
      return `"${content.text ?? ''}"${content.actions?.length ? ` [${content.actions.map((a) => a.text).join(', ')}]` : ''}`
    case 'image':
    case 'file':
      return `${content.type} ${content.altText ?? content.mediaUrl}`
    default:
      return `a ${content.type} message`
  }
}

export async function sunshineTour(baseUrl: string): Promise<void> {
  const sc = createSunshineConversationsClient({
    baseUrl, // in production: zendeskBaseUrl('<your subdomain>')
    headers: { authorization: `Basic ${btoa('app_5d8cff3cd55b040010928b5c:demo-key-secret')}` },
  })
  const appId = '5d8cff3cd55b040010928b5b'
  const userId = '42589ad070d43be9b00ff7e5'

  const created = await sc.POST('/v2/apps/{appId}/conversations', {
    params: { path: { appId } },
    body: { type: 'personal', participants: [{ userId }], displayName: 'Order 10234 support' },
  })
  const c = created.data?.conversation
  if (!c) throw new Error(`create conversation: HTTP ${created.response.status}`)
  console.log(`  created a ${c.type} conversation "${c.displayName}" -> ${c.id} (HTTP ${created.response.status})`)

  const list = await sc.GET('/v2/apps/{appId}/conversations', {
    params: { path: { appId }, query: { filter: { userId }, page: { size: 10 } } },
  })
  if (!list.data) throw new Error(`list conversations: HTTP ${list.response.status}`)
  const query = decodeURIComponent(new URL(list.response.url).search)
  console.log(`  user ${userId} is in ${list.data.conversations?.length ?? 0} conversations (${query}):`)
  for (const conv of list.data.conversations ?? []) {
    const controller = conv.activeSwitchboardIntegration?.name
    console.log(`   • ${conv.displayName ?? '(untitled)'} [${conv.type}${conv.isDefault ? ', default' : ''}] last active ${conv.lastUpdatedAt}${controller ? `, handled by ${controller}` : ''}`)
  }
  const meta = list.data.meta
  console.log(`   more: ${meta?.hasMore ? `yes, next page with page[after]=${meta.afterCursor}` : 'no'}`)

  const conversationId = c.id ?? '029c31f25a21b47effd7be90'
  const sent = await sc.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
    params: { path: { appId, conversationId } },
    body: {
      author: { type: 'business', displayName: 'Steve' },
      content: { type: 'text', text: 'Your parcel is out for delivery and should arrive today.' },
    },
  })
  const m = sent.data?.messages?.[0]
  console.log(`  ${m?.author?.displayName ?? 'the business'} posted ${describe(m?.content)} -> message ${m?.id} (HTTP ${sent.response.status})`)

  const messages = await sc.GET('/v2/apps/{appId}/conversations/{conversationId}/messages', {
    params: { path: { appId, conversationId } },
  })
  console.log(`  the newest page of messages (oldest first):`)
  for (const msg of messages.data?.messages ?? []) {
    console.log(`   ${msg.received?.slice(0, 16).replace('T', ' ')}  ${msg.author?.displayName ?? msg.author?.type}: ${describe(msg.content)}`)
  }
  const older = messages.data?.meta
  console.log(`   older messages: ${older?.hasMore ? `page back with page[before]=${older.beforeCursor}` : 'none'}`)

  const tooBig = await sc.GET('/v2/apps/{appId}/conversations', {
    params: { path: { appId }, query: { filter: { userId }, page: { size: 500 } } },
  })
  const [why] = JSON.parse(tooBig.response.headers.get('sl-violations') ?? '[]') as { message: string }[]
  console.log(`  page[size]=500 is refused: HTTP ${tooBig.response.status} "${tooBig.error?.errors[0]?.title}" (${why?.message ?? 'no violation reported'})`)
}
