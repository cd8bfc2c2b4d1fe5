// The Lua scripts, each run atomically by Redis. Times come from Redis's own clock (TIME), so processes whose clocks
// disagree still count one window.
import { script } from './connection.js'

/**
 * A budget's sliding log. KEYS[1]: a sorted set of the times (ms) of the requests taken in the last window;
 * KEYS[2]: the pause flag, alive for the pause's length.
 * `take requests perMs member`: drops the times older than the window; if the budget is not paused and fewer than
 * `requests` remain, adds now and answers 0, else answers the ms until the pause ends or room comes back: when the
 * oldest of the newest `requests` leaves the window (clients of one budget that ask with different `requests` can
 * leave more than `requests` in it). The log expires one window after its last request, so idle budgets leave nothing behind.
 * `pause ms`: pauses the budget for `ms` from now, unless it is already paused for longer.
 */
export const BUDGET = script(`
if ARGV[1] == 'pause' then
  local ms = tonumber(ARGV[2])
  if redis.call('PTTL', KEYS[2]) < ms then redis.call('SET', KEYS[2], '1', 'PX', ms) end
  return 0
end
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused end
local requests, perMs = tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - perMs)
if redis.call('ZCARD', KEYS[1]) < requests then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.ceil(perMs))
  return 0
end
local entry = redis.call('ZCARD', KEYS[1]) - requests
local frees = tonumber(redis.call('ZRANGE', KEYS[1], entry, entry, 'WITHSCORES')[2])
return math.max(1, math.ceil(frees + perMs - now))
`)

/** Deletes KEYS[1] only while it still holds ARGV[1]: a claim is released only by the delivery that holds it. */
export const RELEASE = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)
