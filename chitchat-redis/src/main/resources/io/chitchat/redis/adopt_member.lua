-- Makes this node the owner of a present member (a resume here of a member whose connection dropped elsewhere).
-- KEYS: 1 members, 2 this node's member set
-- ARGV: 1 member id, 2 this node's id, 3 room id, 4 key prefix
-- Returns the member's ordinal when this node owns the member now, 0 when it is not present (left, or reaped).
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then
  return 0
end
local ordinal, node, rest = string.match(v, '^(%d+)\t([^\t]*)\t(.*)$')
if node ~= ARGV[2] then
  redis.call('SREM', ARGV[4] .. 'node:' .. node .. ':members', ARGV[3] .. '\t' .. ARGV[1])
  redis.call('HSET', KEYS[1], ARGV[1], ordinal .. '\t' .. ARGV[2] .. '\t' .. rest)
  redis.call('SADD', KEYS[2], ARGV[3] .. '\t' .. ARGV[1])
end
return tonumber(ordinal)
