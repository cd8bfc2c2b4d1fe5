// StackOne: the response's `next` goes back as the `next` query parameter; absent, null or blank means done
// (the same rule as StackOne's own SDK).
import type { Dialect } from './types.js'

export const stackone: Dialect = {
  withCursor(init, cursor) {
    if (cursor === undefined) return init
    const params = init.params ?? {}
    return { ...init, params: { ...params, query: { ...params.query, next: cursor } } }
  },
  nextCursor(data) {
    const next = data?.next
    return typeof next === 'string' && next.trim() !== '' ? next : undefined
  },
}
