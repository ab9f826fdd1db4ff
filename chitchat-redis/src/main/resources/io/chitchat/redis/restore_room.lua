-- Puts back one node's share of a room after Redis lost its data: the record (unless the room was created again
-- meanwhile, with another epoch), a seq no lower than the node has seen, and the node's members whose names are
-- still free, in their original join order.
-- KEYS: 1 room record, 2 room set, 3 seq, 4 members, 5 names, 6 node's member set, 7 log
-- ARGV: 1 id, 2 created, 3 permanent, 4 epoch, 5 password hash ('' = none), 6 seq, 7 node id,
--       then per member: id, lower-cased name, name, ordinal
-- Returns the number of members restored, or -1 when the room now has another epoch.
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  redis.call('HSET', KEYS[1], 'id', ARGV[1], 'created', ARGV[2], 'permanent', ARGV[3], 'epoch', ARGV[4], 'joins', 0)
  if ARGV[5] ~= '' then
    redis.call('HSET', KEYS[1], 'pwd', ARGV[5])
  end
  redis.call('SADD', KEYS[2], ARGV[1])
elseif epoch ~= ARGV[4] then
  return -1
end
if tonumber(redis.call('GET', KEYS[3]) or '0') < tonumber(ARGV[6]) then
  redis.call('SET', KEYS[3], ARGV[6])
end
-- entries sequenced before the record came back were given an expiry (sequence.lua): the room exists again
redis.call('PERSIST', KEYS[3])
redis.call('PERSIST', KEYS[7])
local restored = 0
for i = 8, #ARGV, 4 do
  local id = ARGV[i]
  local lower = ARGV[i + 1]
  if redis.call('HEXISTS', KEYS[4], id) == 0 and redis.call('HSETNX', KEYS[5], lower, id) == 1 then
    local ordinal = tonumber(ARGV[i + 3])
    if tonumber(redis.call('HGET', KEYS[1], 'joins') or '0') < ordinal then
      redis.call('HSET', KEYS[1], 'joins', ordinal)
    end
    redis.call('HSET', KEYS[4], id, ordinal .. '\t' .. ARGV[7] .. '\t' .. lower .. '\t' .. ARGV[i + 2])
    redis.call('SADD', KEYS[6], ARGV[1] .. '\t' .. id)
    restored = restored + 1
  end
end
return restored
