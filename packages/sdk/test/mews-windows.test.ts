// Mews time windows: a listing longer than the API allows is cut into windows that each respect the limit.
import { describe, expect, it } from 'vitest'
import { ConfigurationError, createMews } from '../src/index.js'
import { splitNewestFirst } from '../src/pagination/mews.js'
import { json, scriptedFetch } from './helpers.js'

const iso = (ms: number) => new Date(ms).toISOString()

describe('Mews windows', () => {
  it('never starts a window on a clamped day: 31 March minus one month starts on 1 March, not 29 February', () => {
    const windows = splitNewestFirst(Date.parse('2024-01-15T00:00:00Z'), Date.parse('2024-03-31T00:00:00Z'), 1)
    expect(windows.map(([s, e]) => [iso(s), iso(e)])).toEqual([
      ['2024-03-01T00:00:00.000Z', '2024-03-31T00:00:00.000Z'],
      ['2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
      ['2024-01-15T00:00:00.000Z', '2024-02-01T00:00:00.000Z'],
    ])
    // every window is at most one calendar month counted from its own start
    for (const [s, e] of windows) {
      const limit = new Date(s)
      limit.setUTCMonth(limit.getUTCMonth() + 1)
      expect(e).toBeLessThanOrEqual(limit.getTime())
    }
  })

  it('refuses a second interval longer than the limit (only one can be split), naming it, sending nothing', async () => {
    const s = scriptedFetch(json({ MessageThreads: [], Cursor: null }))
    const mews = createMews({ clientToken: 'c', accessToken: 'a', client: 'x', fetch: s.fetch, baseUrl: 'https://m.test' })
    const listing = mews.paginate('/api/connector/v1/messageThreads/getAll', {
      body: {
        CreatedUtc: { StartUtc: '2025-01-01T00:00:00Z', EndUtc: '2025-02-01T00:00:00Z' },
        UpdatedUtc: { StartUtc: '2024-01-01T00:00:00Z', EndUtc: '2025-01-01T00:00:00Z' },
        Limitation: { Count: 10 },
      },
    })
    const e = await listing[Symbol.asyncIterator]().next().catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ConfigurationError)
    expect(e).toMatchObject({ field: 'body.UpdatedUtc' })
    expect(s.requests).toHaveLength(0)
  })
})
