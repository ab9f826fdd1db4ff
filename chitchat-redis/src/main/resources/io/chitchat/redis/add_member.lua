-- Adds a present member unless its name (lower-cased by the caller) is taken; records the owning node.
-- KEYS: 1 room record, 2 members, 3 names, 4 owner's member set
-- ARGV: 1 member id, 2 lower-cased name, 3 name, 4 node id, 5 room id
-- Returns the member's ordinal (its place in join order, from 1) when added, 0 when the name is taken or the room
-- does not exist.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
if redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[1]) == 0 then
  return 0
end
local ordinal = redis.call('HINCRBY', KEYS[1], 'joins', 1)
redis.call('HSET', KEYS[2], ARGV[1], ordinal .. '\t' .. ARGV[4] .. '\t' .. ARGV[2] .. '\t' .. ARGV[3])
redis.call('SADD', KEYS[4], ARGV[5] .. '\t' .. ARGV[1])
return ordinal
