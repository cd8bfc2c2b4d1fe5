// Sunshine Conversations: `meta.afterCursor` goes back as `page[after]` and `meta.hasMore: false` means done.
// Lists declared `direction: backward` (messages: newest page first) follow `meta.beforeCursor` as `page[before]`.
import { describe } from '../core/describe.js'
import { ConfigurationError } from '../errors.js'
import type { Dialect } from './types.js'

export const sunshine: Dialect = {
  check(init) {
    const query = init.params?.query
    const size = query?.page?.size
    if (size !== undefined && (!Number.isInteger(size) || size < 1 || size > 100)) {
      throw new ConfigurationError('params.query.page.size', `must be an integer from 1 to 100, got ${describe(size)}`)
    }
  },
  withCursor(init, cursor, meta) {
    if (cursor === undefined) return init
    const params = init.params ?? {}
    const query = params.query ?? {}
    const key = meta.direction === 'backward' ? 'before' : 'after'
    return { ...init, params: { ...params, query: { ...query, page: { ...query.page, [key]: cursor } } } }
  },
  nextCursor(data, _items, _init, meta) {
    const page = data?.meta
    if (!page || page.hasMore !== true) return undefined
    const cursor = meta.direction === 'backward' ? page.beforeCursor : page.afterCursor
    return typeof cursor === 'string' && cursor !== '' ? cursor : undefined
  },
}
