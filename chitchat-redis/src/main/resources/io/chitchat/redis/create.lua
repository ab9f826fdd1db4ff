-- Creates a room unless it exists; forgets anything left over from an earlier room of the same id.
-- A room that is not permanent is listed as empty until it gets a member (the reaper removes it if it is still
-- empty when the empty-room delay is over).
-- KEYS: 1 room record, 2 room set, 3 members, 4 leaving, 5 names, 6 seq, 7 log, 8 empty-room list
-- ARGV: 1 id, 2 created (ms), 3 permanent '1'/'0', 4 epoch, 5 password hash ('' = none), 6 when the room may be
--       removed if still empty ('' for a permanent room)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('DEL', KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'created', ARGV[2], 'permanent', ARGV[3], 'epoch', ARGV[4], 'joins', 0)
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], 'pwd', ARGV[5])
end
redis.call('SADD', KEYS[2], ARGV[1])
if ARGV[6] ~= '' then
  redis.call('ZADD', KEYS[8], ARGV[6], ARGV[1] .. '\t' .. ARGV[4])
end
return 1
