// Sunshine Conversations through @parley/sdk/sunshine: a customer's conversation, a bot that answers and hands it
// to the agent workspace (PassControl with metadata), and an agent who types and replies. The mock answers each
// call with the spec's example, so replies are printed from what was sent, with the id and status the API gave.
import { ApiError, createSunshine, type Content, type Message } from '@parley/sdk/sunshine'

/** One line for a message's content, whatever its type. */
function describe(content: Content | undefined): string {
  if (!content) return '(no content)'
  switch (content.type) {
    case 'text':
      return `"${content.text ?? content.htmlText ?? ''}"${content.actions?.length ? ` [${content.actions.map((a) => a.text).join(', ')}]` : ''}`
    case 'image':
    case 'file':
      return `${content.type} ${content.altText ?? content.mediaUrl}`
    default:
      return `a ${content.type} message`
  }
}

/** Who wrote a message, as an agent would read it: the customer, the bot, a human agent or the system. */
function who(message: Message): string {
  const author = message.author
  const role = author?.type === 'user' ? 'customer' : (author?.subtypes?.[0] ?? 'business')
  return author?.displayName ? `${author.displayName} (${role})` : role
}

export async function sunshineTour(baseUrl: string): Promise<void> {
  const sc = createSunshine({
    keyId: 'app_5d8cff3cd55b040010928b5c',
    secret: 'demo-key-secret',
    baseUrl, // in production: zendeskBaseUrl('<your subdomain>') from @parley/sunshine-conversations
  })
  const appId = '5d8cff3cd55b040010928b5b'
  const userId = '42589ad070d43be9b00ff7e5'

  const { conversation } = await sc.orThrow.POST('/v2/apps/{appId}/conversations', {
    params: { path: { appId } },
    body: { type: 'personal', participants: [{ userId }], displayName: 'Order 10234 support' },
  })
  const conversationId = conversation?.id ?? '029c31f25a21b47effd7be90'
  const path = { appId, conversationId }
  console.log(`  created a ${conversation?.type} conversation "${conversation?.displayName}" -> ${conversationId}`)

  // 1. The bot answers (an AI-generated business message).
  const botAnswer = 'I cannot change a delivery address myself. Let me get a colleague for you.'
  const bot = await sc.orThrow.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
    params: { path },
    body: { author: { type: 'business', displayName: 'Order bot', subtypes: ['AI'] }, content: { type: 'text', text: botAnswer } },
  })
  const botMessageId = bot.messages?.[0]?.id ?? ''
  console.log(`  Order bot (AI) answers "${botAnswer}" -> message ${botMessageId}`)

  // 2. Who can take over: the switchboard's integrations, in hand-off order.
  const { switchboards } = await sc.orThrow.GET('/v2/apps/{appId}/switchboards', { params: { path: { appId } } })
  const switchboardId = switchboards?.[0]?.id ?? '5ef21b86e933b7355c11c600'
  const { switchboardIntegrations = [] } = await sc.orThrow.GET(
    '/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations',
    { params: { path: { appId, switchboardId } } },
  )
  const nameOf = (id: string | null | undefined) => switchboardIntegrations.find((s) => s.id === id)?.name
  const handoffs = switchboardIntegrations.filter((s) => nameOf(s.nextSwitchboardIntegrationId)).map((s) => `${s.name} -> ${nameOf(s.nextSwitchboardIntegrationId)}`)
  console.log(`  switchboard ${switchboardId} hands over ${handoffs.join(', ')}`)
  const agents = switchboardIntegrations.find((s) => s.integrationType === 'zd:agentWorkspace')?.name ?? 'zd-agentWorkspace'

  // 3. The bot passes control to the agent workspace; the metadata reaches its switchboard:passControl webhook.
  const metadata = { first_message_id: botMessageId, reason: 'Customer wants a new delivery address', orderNumber: 10234 }
  await sc.orThrow.POST('/v2/apps/{appId}/conversations/{conversationId}/passControl', {
    params: { path },
    body: { switchboardIntegration: agents, metadata },
  })
  console.log(`  the bot passes control to ${agents}, with ${JSON.stringify(metadata)}`)

  // 4. The agent types, then replies.
  const agent = { type: 'business', displayName: 'Alex', avatarUrl: 'https://www.gravatar.com/avatar/alex.png' } as const
  await sc.orThrow.POST('/v2/apps/{appId}/conversations/{conversationId}/activity', {
    params: { path },
    body: { author: agent, type: 'typing:start' },
  })
  console.log(`  Alex (agent) is typing...`)
  const reply = 'Hi, I am Alex. I have changed the address; the parcel arrives before 6 pm.'
  const sent = await sc.orThrow.POST('/v2/apps/{appId}/conversations/{conversationId}/messages', {
    params: { path },
    body: { author: agent, content: { type: 'text', text: reply } },
  })
  console.log(`  Alex (agent) replies "${reply}" -> message ${sent.messages?.[0]?.id}`)

  // 5. The conversation as the agent workspace shows it: the newest page of messages, oldest first.
  const messages = await sc.orThrow.GET('/v2/apps/{appId}/conversations/{conversationId}/messages', { params: { path } })
  console.log(`  the newest page of messages (oldest first):`)
  for (const msg of messages.messages ?? []) {
    const what = msg.activity ? `[${msg.activity.type}]` : describe(msg.content)
    console.log(`   ${msg.received?.slice(0, 16).replace('T', ' ')}  ${who(msg)}: ${what}`)
  }

  // New list operations paginate with no SDK code: the spec's x-parley-pagination says how.
  const people: string[] = []
  for await (const p of sc.paginate('/v2/apps/{appId}/conversations/{conversationId}/participants', { params: { path } }, { maxPages: 1 })) {
    people.push(`${p.userExternalId ?? p.userId} (${p.clientAssociations[0]?.type ?? 'no client'})`)
  }
  console.log(`  participants: ${people.join(', ')}`)

  // The spec's rules are checked by the API (here the mock): a user cannot send a typing indicator.
  try {
    await sc.orThrow.POST('/v2/apps/{appId}/conversations/{conversationId}/activity', {
      params: { path },
      body: { author: { type: 'user', userId }, type: 'typing:start' },
    })
  } catch (err) {
    if (!(err instanceof ApiError)) throw err
    console.log(`  a customer cannot send typing:start (only conversation:read): HTTP ${err.status}, code ${err.code}`)
  }
}
