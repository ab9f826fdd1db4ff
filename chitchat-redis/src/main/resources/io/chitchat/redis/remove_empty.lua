-- Removes a room that stayed empty for the empty-room delay, if it is still empty, not permanent and the same room
-- (same epoch) that was listed.
-- KEYS: 1 room record, 2 room set, 3 members, 4 leaving, 5 names, 6 seq, 7 log, 8 empty-room list
-- ARGV: 1 listed item (room id TAB epoch), 2 epoch, 3 room id, 4 bus channel, 5 bus message
redis.call('ZREM', KEYS[8], ARGV[1])
if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[2] or redis.call('HGET', KEYS[1], 'permanent') == '1'
    or redis.call('HLEN', KEYS[3]) > 0 or redis.call('HLEN', KEYS[4]) > 0 then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7])
redis.call('SREM', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
