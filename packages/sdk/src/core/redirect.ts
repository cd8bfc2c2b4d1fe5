// Redirects are followed here, by hand, so that credentials never reach another origin: fetch itself drops only
// Authorization and Cookie on a cross-origin hop, not `api-key`, `partner-key` or `x-account-id`.
type Fetch = (request: Request) => Promise<Response>

export function followRedirectsSafely(fetchImpl: Fetch): Fetch {
  const follow = async (req: Request, hops: number): Promise<Response> => {
    const res = await fetchImpl(req)
    // Browsers answer `redirect: 'manual'` with an opaque response (status 0): there is nothing to follow.
    if (res.status < 300 || res.status > 399 || hops > 4) return res
    const location = res.headers.get('location')
    // 303 always, and 301/302 after a POST, continue as a GET (as browsers do); other bodies cannot be replayed.
    const get = res.status === 303 || (res.status < 303 && req.method === 'POST')
    if (!location || (req.body != null && !get)) return res
    const url = new URL(location, req.url)
    const sameOrigin = url.origin === new URL(req.url).origin
    return follow(
      new Request(url, { method: get ? 'GET' : req.method, headers: sameOrigin ? req.headers : {}, signal: req.signal, redirect: 'manual' }),
      hops + 1,
    )
  }
  return (req) => follow(req, 0)
}
