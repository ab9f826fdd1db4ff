-- Reads retained entries of a room. The log holds consecutive seqs ending at the room's seq, because every
-- INCR of the seq is paired with an RPUSH in the same script.
-- KEYS: 1 seq, 2 log
-- ARGV: 1 'after' (seq > bound, oldest first) or 'before' (seq < bound, the latest ones), 2 bound, 3 limit
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local len = redis.call('LLEN', KEYS[2])
if len == 0 then
  return {}
end
local first = last - len + 1
local bound = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local from
local to
if ARGV[1] == 'after' then
  from = math.max(bound + 1, first)
  to = math.min(last, from + limit - 1)
else
  to = math.min(bound - 1, last)
  from = math.max(first, to - limit + 1)
end
if to < from then
  return {}
end
return redis.call('LRANGE', KEYS[2], from - first, to - first)
