// Each vendor's budget is declared in its spec (top-level x-parley-rate-limit) and compiled into its API package as
// `rateLimit`, which the SDK's limiter reads. A malformed declaration stops the generator with the spec and field named.
import * as brevo from '@parley/brevo-conversations'
import * as mews from '@parley/mews-message-threads'
import * as stackone from '@parley/stackone-messaging'
import * as sunshine from '@parley/sunshine-conversations'
import { describe, expect, it } from 'vitest'
import { rateLimitMetadata } from '../../../scripts/generate.mjs'

describe('x-parley-rate-limit, as the API packages export it', () => {
  it('Mews: 200 requests per access token per 30 s, confirmed', () => {
    expect(mews.rateLimit).toEqual({ per: 'accessToken', requests: 200, perMs: 30_000, confirmed: true })
  })

  it('StackOne: 1,000 requests per API key per 60 s, confirmed', () => {
    expect(stackone.rateLimit).toEqual({ per: 'apiKey', requests: 1000, perMs: 60_000, confirmed: true })
  })

  it('Brevo: no default budget (unconfirmed), and its three plans as tiers a client can pick', () => {
    expect(brevo.rateLimit).toEqual({
      per: 'apiKey',
      confirmed: false,
      tiers: {
        general: { requests: 100, perMs: 3_600_000 },
        advanced: { requests: 200, perMs: 3_600_000 },
        extended: { requests: 600, perMs: 3_600_000 },
      },
    })
  })

  it('Sunshine: none published', () => {
    expect(sunshine.rateLimit).toEqual({ per: 'undisclosed', confirmed: false })
  })
})

describe('the generator refuses a malformed x-parley-rate-limit, naming spec and field', () => {
  const spec = (limit: unknown) => ({ openapi: '3.1.0', paths: {}, ...(limit === undefined ? {} : { 'x-parley-rate-limit': limit }) })
  const compile = (limit: unknown) => () => rateLimitMetadata(spec(limit), 'acme.yaml')
  const good = { per: 'apiKey', requests: 10, perMs: 1000, confirmed: true }

  it('accepts a confirmed budget, an unconfirmed one with tiers only, and none at all', () => {
    expect(compile(good)()).toEqual(good)
    expect(compile({ per: 'apiKey', confirmed: false, tiers: { pro: { requests: 5, perMs: 60_000 } }, note: 'n' })).not.toThrow()
    expect(compile({ per: 'undisclosed', confirmed: false })).not.toThrow()
  })

  it.each([
    [undefined, /^acme\.yaml: x-parley-rate-limit is missing/],
    [[], /^acme\.yaml: x-parley-rate-limit is missing/],
    [{ ...good, perMS: 1000 }, /^acme\.yaml: x-parley-rate-limit\.perMS is not a field/],
    [{ ...good, per: 'API key' }, /^acme\.yaml: x-parley-rate-limit\.per must name what one budget is per/],
    [{ ...good, confirmed: 'yes' }, /^acme\.yaml: x-parley-rate-limit\.confirmed must be true or false/],
    [{ per: 'apiKey', requests: 10, confirmed: true }, /^acme\.yaml: x-parley-rate-limit: requests and perMs go together/],
    [{ ...good, requests: 0 }, /^acme\.yaml: x-parley-rate-limit\.requests must be a positive integer/],
    [{ ...good, perMs: 1.5 }, /^acme\.yaml: x-parley-rate-limit\.perMs must be a positive integer/],
    [{ per: 'apiKey', confirmed: true }, /^acme\.yaml: x-parley-rate-limit: a confirmed budget needs requests and perMs/],
    [{ ...good, tiers: [] }, /^acme\.yaml: x-parley-rate-limit\.tiers must map tier names/],
    [{ ...good, tiers: { pro: { requests: 5 } } }, /^acme\.yaml: x-parley-rate-limit\.tiers\.pro: requests and perMs go together/],
    [{ ...good, tiers: { pro: { requests: 5, perMs: 10, burst: 2 } } }, /^acme\.yaml: x-parley-rate-limit\.tiers\.pro must be \{ requests, perMs \}/],
    [{ ...good, note: 3 }, /^acme\.yaml: x-parley-rate-limit\.note must be a string/],
  ])('%j', (limit, message) => {
    expect(compile(limit)).toThrow(message)
  })
})
