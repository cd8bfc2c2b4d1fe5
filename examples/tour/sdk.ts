// The same four APIs through @parley/sdk: credentials once at construction, pagination as a for-await loop,
// and failures as typed errors.
import { ApiError, ConfigurationError, createBrevo, createMews, createStackOne, createSunshine } from '@parley/sdk'

export async function sdkTour(urls: Record<'stackone' | 'brevo' | 'sunshine' | 'mews', string>): Promise<void> {
  // StackOne: API key as basic auth + the linked account, both set once.
  const stackone = createStackOne({ apiKey: 'demo-api-key', accountId: 'demo-account', baseUrl: urls.stackone })
  let n = 0
  for await (const c of stackone.paginate('/unified/messaging/conversations', { params: { query: { page_size: '2' } } }, { maxPages: 2 })) {
    console.log(`  StackOne  conversation ${++n}: ${c.name}`)
  }
  try {
    await stackone.orThrow.GET('/unified/messaging/messages/{id}/attachments/{subResourceId}/download', {
      params: { path: { id: 'm1', subResourceId: 'gone' } },
      headers: { Prefer: 'code=404' }, // ask the mock for its 404 example
    })
  } catch (err) {
    if (err instanceof ApiError) console.log(`  StackOne  handled ${err.name}: status ${err.status}, retryable ${err.retryable}`)
  }

  // Brevo: api-key header; no lists in this API, so the tour shows a send and a typed error code.
  const brevo = createBrevo({ apiKey: 'demo-brevo-key', baseUrl: urls.brevo })
  const sent = await brevo.orThrow.POST('/conversations/messages', {
    body: { visitorId: 'kZMvWhf8npAu3H6qd57w2Hv6nh6rnxvg', text: 'Hello from the SDK', agentId: 'd9nKoegKSjmCtyK78' },
  })
  console.log(`  Brevo     sent message ${sent.id} at ${new Date(sent.createdAt ?? 0).toISOString()}`)
  const missing = await brevo.GET('/conversations/messages/{id}', { params: { path: { id: 'nope' } }, headers: { Prefer: 'code=404' } })
  console.log(`  Brevo     a missing message: HTTP ${missing.response.status}, code "${missing.error?.code}"`)

  // Sunshine: an app-scoped JWT signed with Web Crypto; pages follow meta.afterCursor.
  const sunshine = createSunshine({ keyId: 'app_5d8cff3cd55b040010928b5b', secret: 'demo-secret', auth: 'jwt', baseUrl: urls.sunshine })
  for await (const page of sunshine.pages(
    '/v2/apps/{appId}/conversations',
    { params: { path: { appId: '5d8cff3cd55b040010928b5b' }, query: { filter: { userId: '42589ad070d43be9b00ff7e5' }, page: { size: 10 } } } },
    { maxPages: 1 },
  )) {
    console.log(`  Sunshine  page ${page.page}: ${page.items.length} conversation(s) (${page.items.map((c) => c.type).join(', ')}), more: ${page.nextCursor ? 'yes' : 'no'}`)
  }
  try {
    await sunshine.GET('/v2/apps/{appId}/conversations', {
      params: { path: { appId: '5d8cff3cd55b040010928b5b' }, query: { filter: { userId: 'u1', userExternalId: 'x1' } as never } },
    })
  } catch (err) {
    if (err instanceof ConfigurationError) console.log(`  Sunshine  refused before sending (${err.field}): ${err.message}`)
  }

  // Mews: the three tokens go into every JSON body for you; a long interval is split into allowed windows.
  const mews = createMews({ clientToken: 'demo-client-token', accessToken: 'demo-access-token', client: 'Parley Tour 1.0', baseUrl: urls.mews })
  let threads = 0
  for await (const page of mews.pages(
    '/api/connector/v1/messageThreads/getAll',
    { body: { CreatedUtc: { StartUtc: '2025-01-01T00:00:00Z', EndUtc: '2026-01-01T00:00:00Z' }, Limitation: { Count: 100 } } },
  )) {
    threads += page.items.length
  }
  console.log(`  Mews      a year of threads, fetched as 4 three-month windows: ${threads} threads`)
  try {
    await mews.orThrow.POST('/api/connector/v1/messageThreads/add', {
      body: { OriginalSender: 'John Doe', Subject: 'Late check-in' },
      headers: { Prefer: 'code=429' },
    })
  } catch (err) {
    if (err instanceof ApiError) console.log(`  Mews      handled ${err.name} ${err.status}, request id ${err.requestId}, server asks to wait ${err.retryAfterMs} ms`)
  }
}
