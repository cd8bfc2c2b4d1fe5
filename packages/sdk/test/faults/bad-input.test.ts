// Bad input is refused before anything is sent, with a ConfigurationError naming the field; path parameters are
// percent-encoded so no value can reach another endpoint. Every check is made against what the real server
// received (nothing, or exactly one request at the intended URL).
import { beforeEach, describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/index.js'
import { fault } from './server.js'
import { exhaust } from '../helpers.js'
import { catchIt, clientsFor, useFaultServer } from './setup.js'

const server = useFaultServer()
beforeEach(() => {
  server.otherwise(fault.json({})) // runs after the reset in useFaultServer's beforeEach
})
const { stackone, brevo, sunshine, mews } = clientsFor(server)

const construct = (make: () => unknown) => {
  try {
    make()
  } catch (e) {
    return e
  }
  return undefined
}
/** The message names the field first, then the problem (`params.path.id must be ...`): one rule for every check. */
function startsWithField(e: unknown, field: string) {
  const message = (e as Error).message
  expect(message.startsWith(`${field} `), message).toBe(true)
}
async function refused(p: Promise<unknown>, field: string) {
  const e = await catchIt(p)
  expect(e).toBeInstanceOf(ConfigurationError)
  expect(e).toMatchObject({ field })
  startsWithField(e, field)
  expect(server.requests).toHaveLength(0)
  return e as ConfigurationError
}

describe('missing or empty path parameters', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['empty', ''],
    ['"."', '.'],
    ['".."', '..'],
    ['"%2e%2E" (encoded ..)', '%2e%2E'],
    ['".%2e"', '.%2e'],
    ['an array', ['a', 'b']],
    ['an object', { a: 1 }],
  ])('StackOne GET user, id %s -> ConfigurationError params.path.id, nothing sent', async (_label, id) => {
    await refused(stackone().GET('/unified/messaging/users/{id}', { params: { path: { id: id as string } } }), 'params.path.id')
  })

  it('Brevo DELETE message without params -> ConfigurationError params.path.id, nothing sent', async () => {
    await refused(brevo().DELETE('/conversations/messages/{id}', {} as never), 'params.path.id')
  })

  it('Sunshine: each of appId and conversationId is named when it is missing or empty', async () => {
    const path = '/v2/apps/{appId}/conversations/{conversationId}'
    await refused(sunshine().GET(path, { params: { path: { appId: '', conversationId: 'c' } } }), 'params.path.appId')
    await refused(sunshine().GET(path, { params: { path: { appId: 'a' } } as never }), 'params.path.conversationId')
    await refused(sunshine().orThrow.DELETE(path, { params: { path: { appId: 'a', conversationId: '..' } } }), 'params.path.conversationId')
  })

  it('StackOne: the second parameter of a nested path (subResourceId) is checked too', async () => {
    const e = await refused(
      stackone().GET('/unified/messaging/messages/{id}/attachments/{subResourceId}', { params: { path: { id: 'm1', subResourceId: '' } } }),
      'params.path.subResourceId',
    )
    expect(e.message).toBe('params.path.subResourceId must be a non-empty string or number, not "." or ".." (/unified/messaging/messages/{id}/attachments/{subResourceId}), got the string ""')
  })
})

describe('path parameters are percent-encoded: no value reaches another endpoint', () => {
  it.each(['../conversations', '../../../admin', 'a/b', 'x?admin=1', 'y#frag', '%2e%2e%2fsecret', '..\\..', ' ../ '])(
    'StackOne GET user, id %j -> one segment at the server',
    async (id) => {
      const { response } = await stackone().GET('/unified/messaging/users/{id}', { params: { path: { id } } })
      expect(response.status).toBe(200)
      expect(server.requests).toHaveLength(1)
      const { url, path } = server.requests[0]!
      expect(url).toBe(`/unified/messaging/users/${encodeURIComponent(id)}`)
      expect(url).not.toMatch(/[?#]/)
      expect(path.split('/')).toHaveLength(5)
      expect(decodeURIComponent(path.split('/')[4]!)).toBe(id)
    },
  )

  it('Sunshine ListMessages with ../ , / , ? and # in both ids -> both stay in their segments', async () => {
    const appId = '../../v1/apps'
    const conversationId = 'c/../../x?y=1#z'
    await sunshine().GET('/v2/apps/{appId}/conversations/{conversationId}/messages', { params: { path: { appId, conversationId } } })
    expect(server.requests.map((r) => r.url)).toEqual([`/v2/apps/..%2F..%2Fv1%2Fapps/conversations/c%2F..%2F..%2Fx%3Fy%3D1%23z/messages`])
  })

  it('Brevo PUT message with id "../pushedMessages/m2" -> sent to /conversations/messages/..%2FpushedMessages%2Fm2', async () => {
    await brevo().PUT('/conversations/messages/{id}', { params: { path: { id: '../pushedMessages/m2' } }, body: { text: 'edited' } })
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]).toMatchObject({ method: 'PUT', url: '/conversations/messages/..%2FpushedMessages%2Fm2' })
  })
})

describe('CR/LF (or NUL) in any header value', () => {
  it('StackOne per-call header -> ConfigurationError headers.x-trace, value not echoed, nothing sent', async () => {
    const e = await refused(stackone().GET('/unified/messaging/users', { headers: { 'x-trace': 'a\r\nInjected: yes' } }), 'headers.x-trace')
    expect(e.message).toBe('headers.x-trace has a character headers cannot carry')
  })

  it('StackOne params.header x-account-id with LF -> ConfigurationError params.header.x-account-id', async () => {
    await refused(
      stackone().GET('/unified/messaging/users', { params: { header: { 'x-account-id': 'acc_1\nX-Admin: 1' } } }),
      'params.header.x-account-id',
    )
  })

  it('Sunshine per-call header with NUL, Mews per-call header with LF -> refused by name', async () => {
    await refused(
      sunshine().GET('/v2/apps/{appId}/conversations/{conversationId}', {
        params: { path: { appId: 'a', conversationId: 'c' } },
        headers: { 'x-b3-traceid': 'abc\0def' },
      }),
      'headers.x-b3-traceid',
    )
    await refused(
      mews().POST('/api/connector/v1/messageThreads/add', { body: { OriginalSender: 'x', Subject: 'y' }, headers: { Prefer: 'return=minimal\nX: 1' } }),
      'headers.Prefer',
    )
  })

  it.each([
    ['Brevo apiKey', () => brevo({ apiKey: 'xkeysib-abc\r\nX-Evil: 1' }), 'headers.api-key'],
    ['Brevo partnerKey', () => brevo({ partnerKey: 'partner\nX-Evil: 1' }), 'headers.partner-key'],
    ['StackOne accountId', () => stackone({ accountId: 'acc_1\r\nX-Evil: 1' }), 'headers.x-account-id'],
  ])('%s with CR/LF -> ConfigurationError at construction naming the header, value not echoed', (_label, make, field) => {
    const e = construct(make)
    expect(e).toBeInstanceOf(ConfigurationError)
    expect(e).toMatchObject({ field })
    startsWithField(e, field)
    expect((e as Error).message).not.toContain('X-Evil')
  })

  it('Brevo apiKey function returning CR/LF -> the call is refused (headers.api-key), nothing sent, not retried', async () => {
    let calls = 0
    const client = brevo({ apiKey: () => (calls++, 'xkeysib-abc\r\nX-Evil: 1') })
    const e = await refused(client.GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } }), 'headers.api-key')
    expect(e.message).not.toContain('X-Evil')
    expect(calls).toBe(1)
  })
})

describe('Mews Limitation.Count outside 1..1000', () => {
  it.each([0, -1, 1001, 2.5, Number.NaN, '10'])('Count %j -> ConfigurationError body.Limitation.Count, nothing sent', async (Count) => {
    const body = { MessageThreadIds: ['t1'], Limitation: { Count: Count as number } }
    const e = await refused(mews().POST('/api/connector/v1/messageThreads/getAll', { body }), 'body.Limitation.Count')
    expect(e.message).toBe(`body.Limitation.Count must be an integer from 1 to 1000, got ${typeof Count === 'string' ? `the string "${Count}"` : Count}`)
    await refused(exhaust(mews().paginate('/api/connector/v1/messages/getAll', { body })), 'body.Limitation.Count')
  })

  it('Count 1 and 1000 are sent as given', async () => {
    for (const Count of [1, 1000]) {
      await mews().POST('/api/connector/v1/messageThreads/getAll', { body: { MessageThreadIds: ['t1'], Limitation: { Count } } })
    }
    expect(server.requests.map((r) => r.json.Limitation.Count)).toEqual([1, 1000])
  })
})

describe('Sunshine ListConversations filter', () => {
  const both = { params: { path: { appId: 'app_1' }, query: { filter: { userId: 'u1', userExternalId: 'ext-1' } as never } } }
  it('both userId and userExternalId -> ConfigurationError params.query.filter (plain call and paginate), nothing sent', async () => {
    const e = await refused(sunshine().GET('/v2/apps/{appId}/conversations', both), 'params.query.filter')
    expect(e.message).toBe('params.query.filter takes userId or userExternalId, not both')
    await refused(exhaust(sunshine().paginate('/v2/apps/{appId}/conversations', both)), 'params.query.filter')
  })

  it('neither -> ConfigurationError params.query.filter; exactly one -> sent', async () => {
    await refused(sunshine().GET('/v2/apps/{appId}/conversations', { params: { path: { appId: 'app_1' }, query: {} as never } }), 'params.query.filter')
    await sunshine().GET('/v2/apps/{appId}/conversations', { params: { path: { appId: 'app_1' }, query: { filter: { userExternalId: 'ext-1' } } } })
    expect(server.requests).toHaveLength(1)
    expect(new URL(server.requests[0]!.url, server.origin).searchParams.get('filter[userExternalId]')).toBe('ext-1')
  })
})

describe('baseUrl', () => {
  it.each([
    ['no scheme', 'api.stackone.com'],
    ['not a URL', 'not a url'],
    ['another scheme', 'ftp://files.example'],
    ['a query', 'https://api.stackone.com/?region=eu'],
    ['a fragment', 'https://api.stackone.com/#x'],
    ['an empty query', 'https://api.stackone.com/?'],
    ['an empty fragment', 'https://api.stackone.com/#'],
    ['not a string', 42 as unknown as string],
    ['userinfo with a secret, no scheme', 'user:s3cret@api.stackone.com'],
  ])('%s -> ConfigurationError at construction naming baseUrl, value not echoed', (_label, baseUrl) => {
    const e = construct(() => stackone({ baseUrl }))
    expect(e).toBeInstanceOf(ConfigurationError)
    expect(e).toMatchObject({ field: 'baseUrl' })
    startsWithField(e, 'baseUrl')
    expect((e as Error).message).not.toContain(String(baseUrl))
  })

  it('an http(s) URL with a path prefix is used as is: the call goes to prefix + path', async () => {
    const client = stackone({ baseUrl: `${server.origin}/proxy/v1` })
    await client.GET('/unified/messaging/users')
    expect(server.requests.map((r) => r.url)).toEqual(['/proxy/v1/unified/messaging/users'])
  })
})
