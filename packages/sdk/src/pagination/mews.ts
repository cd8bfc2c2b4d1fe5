// Mews Connector: the response's `Cursor` (the oldest item returned) goes back as `Limitation.Cursor`; a null
// Cursor, or fewer items than `Limitation.Count`, means done. Time filters longer than the API allows (3 months
// for threads, 1 month for messages) are split into consecutive windows, newest first, so a year asked is a year
// returned; intervals are half-open (StartUtc <= x < EndUtc), so windows neither overlap nor leave gaps.
import { describe } from '../core/describe.js'
import { ConfigurationError } from '../errors.js'
import type { PaginationMeta, Prepared } from '../core/send.js'
import type { Dialect } from './types.js'

export const mews: Dialect = {
  check(init) {
    const count = init.body?.Limitation?.Count
    if (!Number.isInteger(count) || count < 1 || count > 1000) {
      throw new ConfigurationError('body.Limitation.Count', `must be an integer from 1 to 1000, got ${describe(count)}`)
    }
  },
  withCursor(init, cursor) {
    const body = init.body ?? {}
    return { ...init, body: { ...body, Limitation: { ...body.Limitation, Cursor: cursor ?? null } } }
  },
  nextCursor(data, items, init) {
    const cursor = data?.Cursor
    if (typeof cursor !== 'string' || cursor === '') return undefined
    if (items.length < (init.body?.Limitation?.Count ?? 0)) return undefined
    return cursor
  },
  windows(init, meta) {
    const months = meta.maxIntervalMonths
    const field = meta.intervals?.find((f) => init.body?.[f] != null)
    if (!months || !field) return [init]
    const interval = init.body[field]
    const start = Date.parse(interval.StartUtc)
    const end = Date.parse(interval.EndUtc)
    if (Number.isNaN(start)) throw new ConfigurationError(`body.${field}.StartUtc`, `is not a date-time, got ${describe(interval.StartUtc)}`)
    if (Number.isNaN(end)) throw new ConfigurationError(`body.${field}.EndUtc`, `is not a date-time, got ${describe(interval.EndUtc)}`)
    if (start > end) throw new ConfigurationError(`body.${field}`, 'has its StartUtc after its EndUtc')
    // Only one interval can be cut into windows; a second one longer than the limit would be refused by the API.
    for (const other of meta.intervals ?? []) {
      const o = other === field ? undefined : init.body?.[other]
      if (o && splitNewestFirst(Date.parse(o.StartUtc), Date.parse(o.EndUtc), months).length > 1) {
        throw new ConfigurationError(
          `body.${other}`,
          `is longer than ${months} month(s); only one interval (here body.${field}) can be split into windows`,
        )
      }
    }
    return splitNewestFirst(start, end, months).map(([s, e]) => withInterval(init, field, s, e))
  },
}

/** [start, end) cut into pieces of at most `months` calendar months, newest piece first. */
export function splitNewestFirst(start: number, end: number, months: number): [number, number][] {
  const out: [number, number][] = []
  let upper = end
  for (;;) {
    const lower = subtractMonths(upper, months)
    if (lower <= start) {
      out.push([start, upper])
      return out
    }
    out.push([lower, upper])
    upper = lower
  }
}

function subtractMonths(ms: number, months: number): number {
  const d = new Date(ms)
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() - months)
  // 31 March - 1 month has no 31 February: start the window on 1 March instead, so that the window is never
  // longer than `months` counted from its own start (29 February + 1 month is only 29 March).
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(day > lastDay ? lastDay + 1 : day)
  return d.getTime()
}

function withInterval(init: Prepared, field: string, start: number, end: number): Prepared {
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
  return { ...init, body: { ...init.body, [field]: { StartUtc: iso(start), EndUtc: iso(end) } } }
}
