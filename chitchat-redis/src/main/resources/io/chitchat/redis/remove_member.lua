-- Takes a member out of the room's presence and frees its name; the member waits in the leaving hash until its
-- leave entry is sequenced (leave.lua), so that the leave is emitted exactly once even if the node dies now.
-- KEYS: 1 members, 2 leaving, 3 names
-- ARGV: 1 member id
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then
  return 0
end
local lower = string.match(v, '^%d+\t[^\t]*\t([^\t]*)\t')
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], v)
if redis.call('HGET', KEYS[3], lower) == ARGV[1] then
  redis.call('HDEL', KEYS[3], lower)
end
return 1
