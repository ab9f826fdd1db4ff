-- Removes a room and its members (their owners' member sets included). History is cleared separately.
-- KEYS: 1 room record, 2 room set, 3 members, 4 leaving, 5 names
-- ARGV: 1 room id, 2 key prefix
for _, hash in ipairs({ KEYS[3], KEYS[4] }) do
  local all = redis.call('HGETALL', hash)
  for i = 1, #all, 2 do
    local node = string.match(all[i + 1], '^%d+\t([^\t]*)\t')
    redis.call('SREM', ARGV[2] .. 'node:' .. node .. ':members', ARGV[1] .. '\t' .. all[i])
  end
end
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4], KEYS[5])
return redis.call('SREM', KEYS[2], ARGV[1])
