// Assembles the object every factory returns (each casts it to its typed ParleyClient): openapi-fetch's methods
// routed through `send`, so every call gets timeouts, retries and checks; `orThrow`; and pagination.
import type { Core, HttpMethod, Prepared } from './core/send.js'
import { items, pages, type Dialects } from './pagination/engine.js'
import type { PaginateOptions } from './pagination/types.js'

export function assemble(core: Core, dialects: Dialects): unknown {
  const orThrow: Record<string, unknown> = {}
  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: Prepared) => core.send(method.toUpperCase() as HttpMethod, path, init),
    // openapi-fetch's use and eject do not rely on `this`.
    use: core.base.use,
    eject: core.base.eject,
    orThrow,
    paginate: (path: string, init?: Prepared, options?: PaginateOptions) => items(core, dialects, path, init, options),
    pages: (path: string, init?: Prepared, options?: PaginateOptions) => pages(core, dialects, path, init, options),
  }
  // openapi-fetch's HTTP methods are its upper-case keys (next to request, use and eject).
  for (const key in core.base) {
    const method = key as HttpMethod
    if (method !== method.toUpperCase()) continue
    client[method] = (path: string, init?: Prepared) => core.send(method, path, init)
    orThrow[method] = async (path: string, init?: Prepared) => (await core.send(method, path, init, { orThrow: true })).data
  }
  return client
}
