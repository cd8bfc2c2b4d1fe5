import type { Core, HttpMethod, Prepared } from './client.js'
import { items, pages, type Dialects } from '../pagination/engine.js'
import type { PaginateOptions } from '../pagination/types.js'

/**
 * The object every factory returns (each casts it to its typed ParleyClient): openapi-fetch's methods routed through
 * `send`, so every call gets timeouts, retries and checks; `orThrow`; and pagination.
 */
export function assemble(core: Core, dialects: Dialects): unknown {
  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: Prepared) => core.send(method.toUpperCase() as HttpMethod, path, init),
    use: core.use,
    // openapi-fetch's eject does not rely on `this`.
    eject: core.base.eject,
    paginate: (path: string, init?: Prepared, options?: PaginateOptions) => items(core, dialects, path, init, options),
    pages: (path: string, init?: Prepared, options?: PaginateOptions) => pages(core, dialects, path, init, options),
  }
  const orThrow: Record<string, unknown> = (client.orThrow = {})
  // openapi-fetch's HTTP methods are its upper-case keys (next to request, use and eject).
  for (const m in core.base) if (m === m.toUpperCase()) {
    client[m] = (path: string, init?: Prepared) => core.send(m as HttpMethod, path, init)
    orThrow[m] = (path: string, init?: Prepared) => core.send(m as HttpMethod, path, init, undefined, true).then((r) => r.data)
  }
  return client
}
