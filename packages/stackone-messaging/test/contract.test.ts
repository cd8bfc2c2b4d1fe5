// Contract tests: every operation through the generated client against Prism serving specs/stackone-messaging.yaml.
// Prism validates each request against the spec, so an accepted call proves the client sends what the API expects,
// and a rejected one proves the spec (and so the types) encode the rule.
import { describe, expect, it } from 'vitest'
import { createStackOneMessagingClient, operations } from '../src/index.js'
import { mockUrl, recordCalls, violations } from '../../../test/support/contract.js'

const API = 'stackone-messaging'
const ACCOUNT = '45355976281015164504'
const header = { 'x-account-id': ACCOUNT }

function client(auth: string | null = `Basic ${btoa('test-api-key:')}`) {
  const c = createStackOneMessagingClient({
    baseUrl: mockUrl(API),
    headers: auth ? { authorization: auth } : {},
  })
  c.use(recordCalls(API))
  return c
}

describe('StackOne Messaging: valid calls are accepted and typed', () => {
  const so = client()

  it('messaging_list_conversations: GET with filter, fields, page_size, next and proxy', async () => {
    const { data, error, response } = await so.GET('/unified/messaging/conversations', {
      params: {
        header,
        query: {
          fields: 'id,remote_id,participants,name,private,created_at,last_message_at',
          filter: { updated_after: '2020-01-01T00:00:00.000Z' },
          page_size: '25',
          next: 'c3RhY2tvbmU6Y29udmVyc2F0aW9uczpjdXJzb3I6MjU',
          proxy: { channel_types: 'public_channel' },
          raw: false,
        },
      },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.headers.get('sl-violations')).toBeNull()
    // deepObject on the wire, exactly as StackOne expects it
    const url = new URL(response.url)
    expect(url.searchParams.get('filter[updated_after]')).toBe('2020-01-01T00:00:00.000Z')
    expect(url.searchParams.get('proxy[channel_types]')).toBe('public_channel')
    expect(data?.next).toBe('c3RhY2tvbmU6Y29udmVyc2F0aW9uczpjdXJzb3I6MjU')
    expect(data?.data?.[0]?.name).toBe('Project Discussion')
    expect(data?.data?.[0]?.participants).toEqual(['c28xIQ1', 'c28xIQ2'])
  })

  it('messaging_create_conversation: POST answers 201 with a CreateResult (the id, not the entity)', async () => {
    const { data, error, response } = await so.POST('/unified/messaging/conversations', {
      params: { header: { ...header, Prefer: 'heartbeat' } },
      body: { participants: ['c28xIQ1', 'c28xIQ2'], name: 'Project Discussion', private: true },
    })
    expect(error).toBeUndefined()
    expect(response.status).toBe(201)
    expect(data?.statusCode).toBe(201)
    expect(data?.data.id).toBe('c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNg')
  })

  it('messaging_get_conversation', async () => {
    const { data, response } = await so.GET('/unified/messaging/conversations/{id}', {
      params: { header, path: { id: 'c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNA' }, query: { raw: true } },
    })
    expect(response.status).toBe(200)
    expect(data?.data?.id).toBeTypeOf('string')
    expect(data?.data?.participants?.length).toBeGreaterThan(0)
  })

  it('messaging_list_conversation_messages', async () => {
    const { data, response } = await so.GET('/unified/messaging/conversations/{id}/messages', {
      params: { header, path: { id: 'c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNA' }, query: { page_size: '10' } },
    })
    expect(response.status).toBe(200)
    const first = data?.data?.[0]
    expect(first?.content?.plain).toBeTypeOf('string')
    expect(first?.author?.name).toBeTypeOf('string')
  })

  it('messaging_send_message: POST answers 201', async () => {
    const { data, response } = await so.POST('/unified/messaging/messages', {
      params: { header },
      body: { content: 'Hello, world!', recipient: 'c28xyrc55866bvuv', sender: '+34820398402' },
    })
    expect(response.status).toBe(201)
    expect(data?.data.id).toBeTypeOf('string')
  })

  it('messaging_get_message', async () => {
    const { data, response } = await so.GET('/unified/messaging/messages/{id}', {
      params: { header, path: { id: 'c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNw' } },
    })
    expect(response.status).toBe(200)
    expect(data?.data?.attachments).toBeInstanceOf(Array)
  })

  it('messaging_list_attachments', async () => {
    const { data, response } = await so.GET('/unified/messaging/messages/{id}/attachments', {
      params: { header, path: { id: 'c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNw' } },
    })
    expect(response.status).toBe(200)
    expect(data?.data?.[0]?.file_name).toBeTypeOf('string')
  })

  it('messaging_get_attachment', async () => {
    const { data, response } = await so.GET('/unified/messaging/messages/{id}/attachments/{subResourceId}', {
      params: { header, path: { id: 'c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNw', subResourceId: 'att_01HXYZ' } },
    })
    expect(response.status).toBe(200)
    expect(data?.data?.file_type).toMatch(/\//)
  })

  it('messaging_download_messaging_attachment: the file in its own media type (the spec allows */*)', async () => {
    const { data, response } = await so.GET(
      '/unified/messaging/messages/{id}/attachments/{subResourceId}/download',
      {
        params: { header, path: { id: 'c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNw', subResourceId: 'att_01HXYZ' }, query: { format: 'base64' } },
        parseAs: 'arrayBuffer',
      },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain')
    expect(new TextDecoder().decode(data as ArrayBuffer)).toContain('Release notes')
  })

  it('messaging_list_users', async () => {
    const { data, response } = await so.GET('/unified/messaging/users', { params: { header } })
    expect(response.status).toBe(200)
    expect(data?.data?.[0]?.email).toContain('@')
  })

  it('messaging_get_user', async () => {
    const { data, response } = await so.GET('/unified/messaging/users/{id}', {
      params: { header, path: { id: 'c28xIQ1' } },
    })
    expect(response.status).toBe(200)
    expect(data?.data?.name).toBe('Ada Lovelace')
  })
})

describe('StackOne Messaging: calls that break the spec are rejected', () => {
  it('missing x-account-id header -> 422 "required"', async () => {
    // @ts-expect-error the header is required by the spec, so the types refuse this call too
    const { error, response } = await client().GET('/unified/messaging/users', {})
    expect(response.status).toBe(422)
    expect(error).toMatchObject({ statusCode: 422 })
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ code: 'required', message: "Request header must have required property 'x-account-id'" }),
    )
  })

  it('no credentials -> 401 "Invalid security scheme used"', async () => {
    const { error, response } = await client(null).GET('/unified/messaging/users', { params: { header } })
    expect(response.status).toBe(401)
    expect(error).toMatchObject({ statusCode: 401, message: 'Unauthorized' })
    expect(await violations(response)).toContainEqual(expect.objectContaining({ code: 401, message: 'Invalid security scheme used' }))
  })

  it('a bearer token instead of basic auth -> 401', async () => {
    const { response } = await client('Bearer abc').GET('/unified/messaging/users', { params: { header } })
    expect(response.status).toBe(401)
  })

  it('filter[updated_after] that is not a date-time -> 422 "format"', async () => {
    const { response } = await client().GET('/unified/messaging/conversations', {
      params: { header, query: { filter: { updated_after: 'yesterday' } } },
    })
    expect(response.status).toBe(422)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'query', 'filter', 'updated_after'], code: 'format' }),
    )
  })

  it('send message with a number as content -> 422 "type"', async () => {
    const { response } = await client().POST('/unified/messaging/messages', {
      params: { header },
      // @ts-expect-error content is a string
      body: { content: 123, recipient: 'c28xyrc55866bvuv' },
    })
    expect(response.status).toBe(422)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'content'], code: 'type' }),
    )
  })

  it('create conversation without a body -> 422 "Body parameter is required"', async () => {
    // @ts-expect-error the request body is required
    const { response } = await client().POST('/unified/messaging/conversations', { params: { header } })
    expect(response.status).toBe(422)
    expect(await violations(response)).toContainEqual(expect.objectContaining({ message: 'Body parameter is required' }))
  })

  it('create conversation with participants as a string -> 422 on body.participants', async () => {
    const { response } = await client().POST('/unified/messaging/conversations', {
      params: { header },
      // @ts-expect-error participants is an array of user ids
      body: { participants: 'c28xIQ1' },
    })
    expect(response.status).toBe(422)
    expect(await violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'participants'], code: 'type' }),
    )
  })

})

describe('StackOne Messaging: error responses as the spec declares them', () => {
  it('429 carries Retry-After in seconds and the common error body', async () => {
    const { error, response } = await client().GET(
      '/unified/messaging/messages/{id}/attachments/{subResourceId}/download',
      {
        params: { header, path: { id: 'c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNw', subResourceId: 'att_01HXYZ' } },
        headers: { Prefer: 'code=429' },
      },
    )
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(error).toMatchObject({ statusCode: 429, message: expect.any(String), timestamp: expect.any(String) })
  })

  it('Prefer is a free string: "code=429" on an operation that declares Prefer gets the 429, not a 422', async () => {
    const { error, response } = await client().GET('/unified/messaging/users', {
      params: { header: { ...header, Prefer: 'code=429' } },
    })
    expect(response.status).toBe(429)
    expect(response.headers.get('sl-violations')).toBeNull()
    expect(response.headers.get('retry-after')).toBe('60')
    expect(error).toMatchObject({ statusCode: 429, message: 'Too Many Requests' })
  })

  it('the generated metadata marks the lists as paginated and only GETs as retryable', () => {
    const lists = Object.entries(operations).filter(([, op]) => 'pagination' in op).map(([id]) => id)
    expect(lists.sort()).toEqual([
      'messaging_list_attachments',
      'messaging_list_conversation_messages',
      'messaging_list_conversations',
      'messaging_list_users',
    ])
    for (const op of Object.values(operations)) expect(op.idempotent).toBe(op.method === 'get')
  })
})
