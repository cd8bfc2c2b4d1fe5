// The facade against Prism: every request the facade builds (auth included) must pass Prism's validation of our
// specs, and Prism's error examples must come back as typed ApiErrors.
import { describe, expect, it } from 'vitest'
import { ApiError, createBrevo, createMews, createStackOne, createSunshine } from '../src/index.js'
import { mockUrl, recordCalls } from '../../../test/support/contract.js'

describe('@parley/sdk against Prism', () => {
  it('StackOne: basic auth + x-account-id from the client, typed data, pagination, ApiError', async () => {
    const so = createStackOne({ apiKey: 'sk_test_facade', accountId: '45355976281015164504', baseUrl: mockUrl('stackone-messaging') })
    so.use(recordCalls('stackone-messaging'))
    const { data, response } = await so.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'c28x' } } })
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(data?.data?.name).toBeTypeOf('string')

    const names: (string | null | undefined)[] = []
    for await (const c of so.paginate('/unified/messaging/conversations', { params: { query: { page_size: '2' } } }, { maxPages: 2 })) {
      names.push(c.name)
    }
    expect(names).toHaveLength(4) // two pages of the two-item example

    const error = await so.orThrow
      .GET('/unified/messaging/messages/{id}/attachments/{subResourceId}/download', {
        params: { path: { id: 'm1', subResourceId: 'a1' } },
        headers: { Prefer: 'code=404' },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 404, retryable: false, message: expect.stringContaining('HTTP 404') })
  })

  it('Brevo: api-key header accepted, empty 204 handled, vendor error code mapped', async () => {
    const brevo = createBrevo({ apiKey: 'xkeysib-facade', baseUrl: mockUrl('brevo-conversations') })
    brevo.use(recordCalls('brevo-conversations'))
    const sent = await brevo.orThrow.POST('/conversations/messages', {
      body: { visitorId: 'kZMvWhf8npAu3H6qd57w2Hv6nh6rnxvg', text: 'Hi from the facade', agentId: 'd9nKoegKSjmCtyK78' },
    })
    expect(sent.id).toBeTypeOf('string')
    const deleted = await brevo.DELETE('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
    expect(deleted.response.status).toBe(204)
    expect(deleted.data).toBeUndefined()

    const error = (await brevo.orThrow
      .GET('/conversations/messages/{id}', { params: { path: { id: 'missing' } }, headers: { Prefer: 'code=404' } })
      .catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(404)
    expect(error.code).toBeTypeOf('string')
  })

  it.each(['basic', 'jwt'] as const)('Sunshine (%s auth): accepted, paginates, errors[] mapped', async (auth) => {
    const sc = createSunshine({ keyId: 'app_5d8cff3cd55b040010928b5b', secret: 'sunshine-secret', auth, baseUrl: mockUrl('sunshine-conversations') })
    sc.use(recordCalls('sunshine-conversations'))
    const ids: string[] = []
    for await (const c of sc.paginate(
      '/v2/apps/{appId}/conversations',
      { params: { path: { appId: '5d8cff3cd55b040010928b5b' }, query: { filter: { userId: '42589ad070d43be9b00ff7e5' }, page: { size: 10 } } } },
      { maxPages: 2 },
    )) {
      if (c.id) ids.push(c.id)
    }
    expect(ids.length).toBeGreaterThan(0)

    const error = (await sc.orThrow
      .GET('/v2/apps/{appId}/conversations/{conversationId}', {
        params: { path: { appId: '5d8cff3cd55b040010928b5b', conversationId: '029c31f25a21b47effd7be90' } },
        headers: { Prefer: 'code=404' },
      })
      .catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(404)
    expect(error.code).toBeTypeOf('string')
  })

  it('Mews: tokens injected into the body pass validation; getAll paginates', async () => {
    const mews = createMews({ clientToken: 'E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D', accessToken: 'C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D', client: 'Parley 0.1', baseUrl: mockUrl('mews-message-threads') })
    mews.use(recordCalls('mews-message-threads'))
    const pages = []
    for await (const page of mews.pages(
      '/api/connector/v1/messageThreads/getAll',
      { body: { CreatedUtc: { StartUtc: '2025-09-01T00:00:00Z', EndUtc: '2025-10-01T00:00:00Z' }, Limitation: { Count: 2 } } },
      { maxPages: 1 },
    )) {
      expect(page.response.headers.get('sl-violations')).toBeNull()
      pages.push(page)
    }
    expect(pages[0]?.items[0]?.IsResolved).toBeTypeOf('boolean')

    const added = await mews.orThrow.POST('/api/connector/v1/messages/add', {
      body: { Messages: [{ MessageThreadId: 'b5ae0c4b-5e06-4de0-8a89-ae8300be8ab7', Text: 'Your room is ready.' }] },
    })
    expect(added.Messages[0]?.Message.Text).toBeTypeOf("string")
  })
})
