// The direct path: one attempt without openapi-fetch's coreFetch, for calls made with the global fetch and no
// middleware. The same URL, body and headers (openapi-fetch's own serializers) and the same `{ data | error,
// response }`, but fetch gets the URL and an init (no Request for it to copy into a second one), the client's header
// object as it is when the call adds no headers (no Headers built, then copied), and no middleware bookkeeping. On
// Node 20 a GET costs 7 % fewer instructions without a timeout and 2 % fewer with the default one than through
// openapi-fetch (bench/instructions.mjs, whose counts move by up to 5 % between runs); a list page, no measurable change.
// Browser builds swap in direct.browser.ts: no direct path there, openapi-fetch does every call.
import { createFinalURL, createQuerySerializer, defaultBodySerializer, defaultPathSerializer, mergeHeaders } from 'openapi-fetch'
import { globalFetch, type CoreConfig, type Prepared, type RawResult } from './client.js'
import { redirectFollower } from './redirect.js'
import { bodyRead } from './timeout.js'
import { checkBaseUrl } from './validate.js'

/** The attempt's result, or undefined when the call needs openapi-fetch (its own fetch, Request or serializers). */
export type DirectCall = (method: string, path: string, init: Prepared, signal: AbortSignal | null | undefined) => Promise<RawResult> | undefined

/** The direct path of a client, or none when the client has its own fetch (promised a real Request). */
export function createDirectCall({ baseUrl, headers, fetch: ownFetch }: CoreConfig): DirectCall | undefined {
  // Every client on Node passes here, its own fetch or not. Browser builds skip the check (each byte there is in the
  // bundle size check): a bad baseUrl fails their first call instead.
  checkBaseUrl(baseUrl)
  if (ownFetch) return undefined
  // As openapi-fetch: one trailing slash dropped, the default query serializer.
  const root = baseUrl.replace(/\/$/, '')
  const querySerializer = createQuerySerializer()
  // Redirects are followed by hand (redirect.ts), and only once a 3xx has come: no async layer around every call.
  const follow = redirectFollower(globalFetch)
  const call = async (method: string, path: string, init: Prepared, signal: AbortSignal | null | undefined) => {
    // `redirect` is taken out so that not even `redirect: undefined` can reach fetch: fetch never follows (redirect.ts).
    const { params = {}, headers: callHeaders, body, parseAs = 'json', redirect: _redirect, ...rest } = init
    const serialized: unknown = body === undefined ? undefined : (defaultBodySerializer as any)(body, mergeHeaders(headers, callHeaders, params.header))
    const finalHeaders =
      callHeaders || params.header || serialized !== undefined
        ? mergeHeaders(serialized === undefined || serialized instanceof FormData ? {} : { 'Content-Type': 'application/json' }, headers, callHeaders, params.header)
        : headers
    const url = createFinalURL(path, { baseUrl: root, params, querySerializer, pathSerializer: defaultPathSerializer })
    // In this order the init costs fetch fewer instructions than with `...rest` first (3 % of a list page, in
    // callgrind counts with a stubbed fetch after two warm-up listings, which still included V8 compiling). GET is
    // fetch's default method: left out, it spares fetch checking the method's characters on every page.
    const request = { redirect: 'manual', ...rest, method: method === 'GET' ? undefined : method, url, body: serialized, headers: finalHeaders, signal }
    // The global fetch, looked up per call as in globalFetch.
    let response = await fetch(url, request as RequestInit)
    // Each property of a Response is dear on Node (undici hands out a Proxy of its own): status is read once.
    let status = response.status
    if (status > 299 && status < 400) status = (response = await follow(request, response, 0)).status
    // A 2xx JSON answer, the common case (every list page): read as text, parsed when not empty. That gives what
    // openapi-fetch's checks of status 204, HEAD and content-length give, without the header lookup.
    let result: RawResult
    if (parseAs === 'json' && status > 199 && status < 300) {
      const text = await response.text()
      result = { data: text ? JSON.parse(text) : undefined, response }
    } else result = await readResponse(response, method, parseAs)
    // Every other parseAs has read the body to its end (or there was none): the signal may serve another request.
    if (signal && parseAs !== 'stream') bodyRead(signal)
    return result
  }
  return (method, path, init, signal) =>
    init.middleware || init.fetch || init.Request || init.querySerializer || init.bodySerializer || init.pathSerializer || init.baseUrl
      ? undefined
      : call(method, path, init, signal)
}

// openapi-fetch 0.17's handling of the response, with the same results.
async function readResponse(response: Response, method: string, parseAs: string): Promise<RawResult> {
  const length = response.headers.get('content-length')
  if (response.status === 204 || method === 'HEAD' || (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))) {
    return response.ok ? { data: undefined, response } : { error: undefined, response }
  }
  if (response.ok) return { data: parseAs === 'stream' ? response.body : await (response as any)[parseAs](), response }
  let error: unknown = await response.text()
  try {
    error = JSON.parse(error as string)
  } catch {}
  return { error, response }
}
