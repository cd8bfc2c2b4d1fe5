import { describe, expect, it } from 'vitest'
import { ApiError } from '@parley/sdk'
import { createMews } from '@parley/sdk/mews'
import { createStackOne } from '@parley/sdk/stackone'
import { prefer } from '@parley/testing'
import { useMock } from '@parley/testing/vitest'

const stackoneMock = useMock('@parley/stackone-messaging')
const mewsMock = useMock('@parley/mews-message-threads')

// In a test, hand the client the mock's URL and fetch; no retries, so an error answer comes back at once.
const stackone = createStackOne({ apiKey: 'test', accountId: 'test', baseUrl: stackoneMock.url, fetch: stackoneMock.fetch, retry: { maxRetries: 0 } })
const mews = createMews({ clientToken: 'test-client-token', accessToken: 'test-access-token', client: 'My App 1.0', baseUrl: mewsMock.url, fetch: mewsMock.fetch, retry: { maxRetries: 0 } })
const threads = { body: { CreatedUtc: { StartUtc: '2025-09-01T00:00:00Z', EndUtc: '2025-10-01T00:00:00Z' }, Limitation: { Count: 2 } } }

describe('my code against the installed specs', () => {
  it('makes calls the spec accepts', async () => {
    const page = await stackone.orThrow.GET('/unified/messaging/conversations', { params: { query: { page_size: '25' } } })
    expect(page.data?.length).toBeGreaterThan(0)
  })

  it('sees a rejected call fail with the violation named', async () => {
    const call = stackone.orThrow.GET('/unified/messaging/conversations', { params: { query: { filter: { updated_after: 'yesterday' } } } })
    await expect(call).rejects.toThrow('filter.updated_after must match format "date-time"')
  })

  it('handles a 429 from StackOne and from Mews without waiting', async () => {
    const started = Date.now()
    const fromStackOne = await stackone.orThrow.GET('/unified/messaging/conversations', { headers: prefer({ code: 429 }) }).catch((e: unknown) => e)
    expect(fromStackOne).toBeInstanceOf(ApiError)
    expect(fromStackOne).toMatchObject({ status: 429, retryable: true })
    const fromMews = await mews.orThrow.POST('/api/connector/v1/messageThreads/getAll', { ...threads, headers: prefer({ code: 429 }) }).catch((e: unknown) => e)
    expect(fromMews).toMatchObject({ status: 429, retryable: true })
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})
