// Redirects are followed here, by hand, so that credentials never reach another origin: fetch itself drops only
// Authorization and Cookie on a cross-origin hop, not `api-key`, `partner-key` or `x-account-id`. So fetch is always
// asked for `redirect: 'manual'`, and a caller's `redirect` says whether a redirect is followed, not who follows it.
import { ConfigurationError } from '../errors.js'
import { describe } from './describe.js'

export type Fetch = (request: Request) => Promise<Response>
type Mode = 'follow' | 'manual' | 'error'

// The statuses fetch's own `redirect: 'error'` refuses.
const REDIRECTS = [301, 302, 303, 307, 308]

/** `fetchImpl` with redirects followed by hand, as `mode` says. */
export function followRedirectsSafely(fetchImpl: Fetch, mode: Mode = 'follow'): Fetch {
  const follow = async (req: Request, res: Response, hops: number): Promise<Response> => {
    if (mode === 'error' && REDIRECTS.includes(res.status)) {
      await res.body?.cancel()
      throw new TypeError(`redirected (HTTP ${res.status}) and the call says redirect: "error"`)
    }
    if (res.status < 300 || res.status > 399 || hops > 4 || mode === 'manual') return res
    const location = res.headers.get('location')
    // 303 always, and 301/302 after a POST, continue as a GET (as browsers do); other bodies cannot be replayed.
    const get = res.status === 303 || (res.status < 303 && req.method === 'POST')
    if (!location || (req.body != null && !get)) return res
    const url = new URL(location, req.url)
    const sameOrigin = url.origin === new URL(req.url).origin
    const next = new Request(url, { method: get ? 'GET' : req.method, headers: sameOrigin ? req.headers : {}, signal: req.signal, redirect: 'manual' })
    return follow(next, await fetchImpl(next), hops + 1)
  }
  return async (req) => follow(req, await fetchImpl(req), 0)
}

/**
 * The init of a call that sets `redirect` or its own `fetch` (any other is returned as it is): the call gets its own
 * follower, in the caller's mode, around its own fetch, else the client's.
 */
export function callerRedirect<T extends { redirect?: unknown; fetch?: unknown }>(init: T, clientFetch: Fetch): T {
  if (init.redirect === undefined && init.fetch === undefined) return init
  const mode = init.redirect ?? 'follow'
  if (mode !== 'follow' && mode !== 'manual' && mode !== 'error') {
    throw new ConfigurationError('redirect', 'must be "follow", "manual" or "error"')
  }
  return { ...init, fetch: followRedirectsSafely((init.fetch as Fetch | undefined) ?? clientFetch, mode) }
}
