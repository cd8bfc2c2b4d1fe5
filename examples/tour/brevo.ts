import { createBrevoConversationsClient } from '@parley/brevo-conversations'

export async function brevoTour(baseUrl: string): Promise<void> {
  const brevo = createBrevoConversationsClient({ baseUrl, headers: { 'api-key': 'xkeysib-demo-api-key' } })
  const visitorId = 'kZMvWhf8npAu3H6qd57w2Hv6nh6rnxvg'

  const sent = await brevo.POST('/conversations/messages', {
    body: { visitorId, text: 'Hello! How can I help you?', agentId: 'd9nKoegKSjmCtyK78', receivedFrom: 'ParleyTour' },
  })
  if (!sent.data?.id) throw new Error(`send message: HTTP ${sent.response.status}`)
  const id = sent.data.id
  const limit = sent.response.headers
  console.log(`  ${sent.data.agentName ?? 'the agent'} sent "${sent.data.text}" -> message ${id}`)
  console.log(`   rate limit: ${limit.get('x-sib-ratelimit-remaining')} of ${limit.get('x-sib-ratelimit-limit')} requests left, reset in ${limit.get('x-sib-ratelimit-reset')} s`)

  const got = await brevo.GET('/conversations/messages/{id}', { params: { path: { id } } })
  const m = got.data
  if (m) {
    const at = m.createdAt === undefined ? 'at an unknown time' : `on ${new Date(m.createdAt).toISOString()}` // milliseconds
    console.log(`  fetched it back: written by the ${m.type ?? 'unknown sender'} ${at}`)
    if (m.file) console.log(`   with a file: ${m.file.filename} (${m.file.size} bytes${m.file.isImage ? `, ${m.file.imageInfo?.width}x${m.file.imageInfo?.height} image` : ''})`)
  }

  const edited = await brevo.PUT('/conversations/messages/{id}', {
    params: { path: { id } },
    body: { text: 'Good morning! How can I help you?' },
  })
  console.log(`  edited it -> HTTP ${edited.response.status}, now reads "${edited.data?.text}"`)

  const pushed = await brevo.POST('/conversations/pushedMessages', {
    body: { visitorId, text: 'Your order GW-20481 has shipped and should arrive on Thursday.' },
  })
  console.log(`  pushed an automated message ${pushed.data?.id} (isPushed: ${pushed.data?.isPushed}): "${pushed.data?.text}"`)

  const ping = await brevo.POST('/conversations/agentOnlinePing', { body: { agentId: 'd9nKoegKSjmCtyK78' } })
  console.log(`  pinged the agent online for 2-3 minutes -> HTTP ${ping.response.status}, empty body (data: ${ping.data})`)

  const deleted = await brevo.DELETE('/conversations/messages/{id}', { params: { path: { id } } })
  console.log(`  deleted message ${id} -> HTTP ${deleted.response.status}`)

  const noVisitor = await brevo.POST('/conversations/messages', {
    // @ts-expect-error deliberately leaving out the required visitorId to show the mock's validation
    body: { text: 'Hello?', agentId: 'd9nKoegKSjmCtyK78' },
  })
  const [why] = JSON.parse(noVisitor.response.headers.get('sl-violations') ?? '[]') as { message: string }[]
  console.log(`  without visitorId the mock answers HTTP ${noVisitor.response.status} (${noVisitor.error?.code}): ${why?.message ?? 'no violation reported'}`)
}
