// Browser builds (the package.json "browser" map swaps this file in): with `redirect: 'manual'` a browser hands
// back an opaque response for any redirect, so there is nothing to follow and no credential can travel on. The
// redirect then surfaces as a failed call (status 0) instead of being followed.
type Fetch = (request: Request) => Promise<Response>

export const followRedirectsSafely = (fetchImpl: Fetch): Fetch => fetchImpl
