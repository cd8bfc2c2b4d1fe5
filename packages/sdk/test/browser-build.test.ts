// The browser build: the package.json "browser" map swaps core/redirect.ts for core/redirect.browser.ts. Here the
// same swap is made with vi.mock, so the shared code runs as it does in a browser.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStackOne } from '../src/stackone.js'

vi.mock('../src/core/redirect.js', () => import('../src/core/redirect.browser.js'))

afterEach(() => {
  vi.unstubAllGlobals()
})

// A browser asked to follow keeps api-key, partner-key and x-account-id on a cross-origin hop (it drops only
// Authorization), so it is never asked to: whatever the call's `redirect`, the Request says 'manual', and the
// redirect comes back to the caller unfollowed.
describe('browser build: fetch never follows a redirect', () => {
  it.each([undefined, 'follow', 'manual', 'error'] as const)('redirect: %s -> a Request with redirect "manual", sent once, the 302 handed back', async (redirect) => {
    const requests: Request[] = []
    vi.stubGlobal('fetch', async (request: Request) => {
      requests.push(request)
      return new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/users' } })
    })
    const so = createStackOne({ apiKey: 'key', accountId: 'acct' })
    const { response } = await so.GET('/unified/messaging/users', redirect ? { redirect } : {})
    expect(requests).toHaveLength(1)
    expect(requests[0]).toBeInstanceOf(Request)
    expect(requests[0]!.redirect).toBe('manual')
    expect(requests[0]!.headers.get('x-account-id')).toBe('acct')
    expect(response.status).toBe(302)
  })
})
