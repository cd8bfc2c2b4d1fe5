// Browser builds (the package.json "browser" map swaps this file in): with `redirect: 'manual'` a browser hands
// back an opaque response for any redirect, so there is nothing to follow and no credential can travel on. The
// redirect then surfaces as a failed call (status 0) instead of being followed, whatever the call's `redirect` says:
// a browser asked to follow would keep api-key, partner-key or x-account-id on a cross-origin hop. So both exports
// hand back what they are given (one function: every byte here is in the bundle size check).
const unchanged = <T>(value: T): T => value

export { unchanged as callerRedirect, unchanged as followRedirectsSafely }
