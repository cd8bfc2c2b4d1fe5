// Sunshine Conversations: `meta.afterCursor` goes back as `page[after]` and `meta.hasMore: false` means done.
// Lists declared `direction: backward` (messages: newest page first) follow `meta.beforeCursor` as `page[before]`.
import { ConfigurationError } from '../errors.js'
import type { Dialect } from './types.js'

export const sunshine: Dialect = {
  check(init) {
    const query = init.params?.query
    const size = query?.page?.size
    if (size !== undefined && (!Number.isInteger(size) || size < 1 || size > 100)) {
      throw new ConfigurationError('params.query.page.size', `must be an integer from 1 to 100, got ${String(size)}`)
    }
  },
  withCursor(init, cursor, meta) {
    if (cursor === undefined) return init
    const params = init.params ?? {}
    const query = params.query ?? {}
    const key = meta.direction === 'backward' ? 'before' : 'after'
    // Object.assign wherever the key may be new: see stackone.ts. `params` is always there (the app id is in it).
    const page = Object.assign({}, query.page, { [key]: cursor })
    return { ...init, params: Object.assign({}, params, { query: Object.assign({}, query, { page }) }) }
  },
  nextCursor(data, _items, _init, meta) {
    const page = data?.meta
    if (!page || page.hasMore !== true) return undefined
    const cursor = meta.direction === 'backward' ? page.beforeCursor : page.afterCursor
    return typeof cursor === 'string' && cursor !== '' ? cursor : undefined
  },
}

/** ListConversations needs exactly one of filter.userId / filter.userExternalId (Prism cannot check this one). */
export function checkUserFilter(filter: { userId?: unknown; userExternalId?: unknown } | undefined): void {
  const has = (v: unknown) => v !== undefined && v !== null && v !== ''
  if (filter && has(filter.userId) && has(filter.userExternalId)) {
    throw new ConfigurationError('params.query.filter', 'takes userId or userExternalId, not both')
  }
  if (!filter || (!has(filter.userId) && !has(filter.userExternalId))) {
    throw new ConfigurationError('params.query.filter', 'needs userId or userExternalId')
  }
}
