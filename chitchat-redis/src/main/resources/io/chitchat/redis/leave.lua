-- Emits a member's leave entry exactly once: whoever removes the member from the room's members (present) or
-- leaving hash sequences the leave; everyone else gets 0. Used by the engine's leaves and by the reaper.
-- When the room is left empty (and is not permanent) it is listed for removal after the empty-room delay.
-- KEYS: 1 members, 2 leaving, 3 names, 4 seq, 5 log, 6 room record, 7 owner's liveness key, 8 empty-room list
-- ARGV: 1 member id, 2 room id, 3 key prefix, 4 entry JSON before seq, 5 entry JSON after seq, 6 retention,
--       7 bus channel, 8 node id the member must belong to ('' = any), 9 when the room may be removed if it stays
--       empty (ms), 10 '1' = only if the owner is dead
-- Returns the seq of the leave entry, 0 when the leave was emitted already, -1 when the owner is alive.
if ARGV[10] == '1' and redis.call('EXISTS', KEYS[7]) == 1 then
  return -1
end
local v = redis.call('HGET', KEYS[1], ARGV[1])
local hash = KEYS[1]
if not v then
  v = redis.call('HGET', KEYS[2], ARGV[1])
  hash = KEYS[2]
end
if not v then
  return 0
end
local node, lower = string.match(v, '^%d+\t([^\t]*)\t([^\t]*)\t')
if ARGV[8] ~= '' and node ~= ARGV[8] then
  return 0
end
redis.call('HDEL', hash, ARGV[1])
if redis.call('HGET', KEYS[3], lower) == ARGV[1] then
  redis.call('HDEL', KEYS[3], lower)
end
redis.call('SREM', ARGV[3] .. 'node:' .. node .. ':members', ARGV[2] .. '\t' .. ARGV[1])
if redis.call('EXISTS', KEYS[6]) == 0 then
  return 0
end
local seq = redis.call('INCR', KEYS[4])
local entry = ARGV[4] .. seq .. ARGV[5]
redis.call('RPUSH', KEYS[5], entry)
redis.call('LTRIM', KEYS[5], -tonumber(ARGV[6]), -1)
redis.call('PUBLISH', ARGV[7], 'E' .. entry)
if redis.call('HLEN', KEYS[1]) == 0 and redis.call('HLEN', KEYS[2]) == 0
    and redis.call('HGET', KEYS[6], 'permanent') ~= '1' then
  redis.call('ZADD', KEYS[8], ARGV[9], ARGV[2] .. '\t' .. redis.call('HGET', KEYS[6], 'epoch'))
end
return seq
