// The page test/browser.test.ts bundles (esbuild, platform browser, from the BUILT @parley/sdk) and opens in
// headless Chromium. It talks to the Prism mocks through the page's own origin (`/mock/<api>/...`, proxied by the
// test's server), so Authorization and custom headers need no CORS. It reports through `window.__result`.
import { ApiError, createStackOne, createSunshine } from '@parley/sdk'

export type PageResult =
  | {
      ok: true
      userAgent: string
      /** One typed GET: status, whether Prism objected, the conversation's name type. */
      get: { status: number; violations: string | null; nameType: string }
      /** `paginate(..., { maxPages: 2 })` over a two-item example page. */
      paginate: { count: number; ids: string[] }
      /** A 404 the mock was asked for, thrown by `orThrow` as an ApiError. */
      error: { isApiError: boolean; name: string; status: number | undefined }
      /** Sunshine with `auth: 'jwt'`: the JWT is signed with Web Crypto in the page. */
      sunshine: { webCrypto: boolean; count: number; violations: string | null }
    }
  | { ok: false; error: string }

declare global {
  interface Window {
    __result?: PageResult
  }
}

const mock = (api: string) => `${location.origin}/mock/${api}`

async function main(): Promise<PageResult> {
  const so = createStackOne({ apiKey: 'sk_browser_test', accountId: '45355976281015164504', baseUrl: mock('stackone-messaging') })
  const one = await so.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'c28x' } } })

  const ids: string[] = []
  for await (const c of so.paginate('/unified/messaging/conversations', { params: { query: { page_size: '2' } } }, { maxPages: 2 })) {
    ids.push(c.id ?? '')
  }

  const thrown = await so.orThrow
    .GET('/unified/messaging/messages/{id}/attachments/{subResourceId}/download', {
      params: { path: { id: 'm1', subResourceId: 'missing' } },
      headers: { Prefer: 'code=404' }, // Prism's way to ask for the 404 example; this operation has no `prefer` param
    })
    .then(() => undefined, (e: unknown) => e)

  const sc = createSunshine({ keyId: 'app_5d8cff3cd55b040010928b5b', secret: 'browser-secret', auth: 'jwt', baseUrl: mock('sunshine-conversations') })
  let count = 0
  let violations: string | null = null
  for await (const page of sc.pages(
    '/v2/apps/{appId}/conversations',
    { params: { path: { appId: '5d8cff3cd55b040010928b5b' }, query: { filter: { userId: '42589ad070d43be9b00ff7e5' }, page: { size: 10 } } } },
    { maxPages: 1 },
  )) {
    count += page.items.length
    violations ??= page.response.headers.get('sl-violations')
  }

  return {
    ok: true,
    userAgent: navigator.userAgent,
    get: { status: one.response.status, violations: one.response.headers.get('sl-violations'), nameType: typeof one.data?.data?.name },
    paginate: { count: ids.length, ids },
    error: {
      isApiError: thrown instanceof ApiError,
      name: (thrown as Error | undefined)?.name ?? 'none',
      status: thrown instanceof ApiError ? thrown.status : undefined,
    },
    sunshine: { webCrypto: typeof crypto.subtle?.sign === 'function', count, violations },
  }
}

main().then(
  (result) => {
    window.__result = result
  },
  (e: unknown) => {
    window.__result = { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) }
  },
)
