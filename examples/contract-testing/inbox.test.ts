// Contract-testing your own code with @parley/testing: a Prism mock of the spec that ships inside the installed
// package (node_modules/@parley/stackone-messaging/openapi.yaml) checks every request your code sends, and the
// mock's fetch makes a rejected request fail with what Prism objected to.
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Mock, prefer, startMock } from '@parley/testing'
import { createInbox } from './inbox.js'

let mock: Mock
// Packages resolve from this folder, as they would from your project.
beforeAll(async () => {
  mock = await startMock('@parley/stackone-messaging', { cwd: fileURLToPath(new URL('.', import.meta.url)) })
})
afterAll(() => mock?.stop())

// No rate limit against a mock: a documented 429 would pause the key's budget (every client of it in this process)
// for its Retry-After, and the next test would wait.
const inbox = (fetch = mock.fetch) => createInbox({ apiKey: 'test-key', accountId: 'test-account', baseUrl: mock.url, fetch, rateLimit: false })

describe('my inbox, against the installed StackOne spec', () => {
  it('lists conversation names, paging to the end', async () => {
    expect(await inbox().conversationNames(3)).toEqual(['Project Discussion', 'general', 'Project Discussion'])
    // Prism repeats its example cursor forever; finitePages(2) ends the listing after two pages.
    expect(await inbox(mock.finitePages(2)).conversationNames(100)).toHaveLength(4)
  })

  it('sends a reply that the spec accepts', async () => {
    expect(await inbox().reply('c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNA', 'On my way!')).toMatch(/\w+/)
  })

  it('a request the spec forbids fails with the violation named (here: a date that is not an ISO date-time)', async () => {
    expect(await inbox().updatedSince('2024-01-01T00:00:00Z')).toBe(2)
    await expect(inbox().updatedSince('yesterday')).rejects.toMatchObject({
      name: 'ApiError',
      status: 422,
      message: expect.stringContaining('filter.updated_after must match format "date-time"'),
    })
  })

  it('a rate limit is reported, not slept through', async () => {
    await expect(inbox().reply('c1', 'hi', prefer({ code: 429 }))).rejects.toMatchObject({ status: 429, retryable: true })
  })

  it('every documented answer of what reply() calls is handled', async () => {
    const runs = await mock.eachStatus((fetch) => inbox(fetch).reply('c1', 'hi'))
    for (const run of runs) {
      if (run.status < 300) expect(run.value, `${run.status}`).toBeTypeOf('string')
      else expect(run.error, `${run.status}`).toMatchObject({ name: 'ApiError', status: run.status })
    }
    expect(mock.unexercised().filter((s) => s.startsWith('POST '))).toEqual([])
  })
})
