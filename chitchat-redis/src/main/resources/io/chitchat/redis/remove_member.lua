-- Takes one of this node's members out of the room's presence and frees its name. An announced member (its join
-- entry was sequenced) waits in the leaving hash until its leave entry is sequenced (leave.lua), so that the leave
-- is emitted exactly once even if the node dies now; a member never announced is removed outright.
-- KEYS: 1 members, 2 leaving, 3 names, 4 this node's member set
-- ARGV: 1 member id, 2 this node's id, 3 room id, 4 '1' if announced
-- Returns 1 when removed, 0 when the member is not present or belongs to another node.
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then
  return 0
end
local node, lower = string.match(v, '^%d+\t([^\t]*)\t([^\t]*)\t')
if node ~= ARGV[2] then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HGET', KEYS[3], lower) == ARGV[1] then
  redis.call('HDEL', KEYS[3], lower)
end
if ARGV[4] == '1' then
  redis.call('HSET', KEYS[2], ARGV[1], v)
else
  redis.call('SREM', KEYS[4], ARGV[3] .. '\t' .. ARGV[1])
end
return 1
