import { clientMethods, type Core } from './client.js'
import { items, pages, type Dialects } from '../pagination/engine.js'
import type { PaginateOptions } from '../pagination/types.js'

/** Assembles the object every factory returns; the factory casts it to its typed ParleyClient. */
export function assemble(core: Core, dialects: Dialects): unknown {
  const client = clientMethods(core)
  client.paginate = (path: string, init?: Record<string, any>, options?: PaginateOptions) =>
    items(core, dialects, path, init, options)
  client.pages = (path: string, init?: Record<string, any>, options?: PaginateOptions) =>
    pages(core, dialects, path, init, options)
  return client
}
