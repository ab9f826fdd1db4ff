-- Forgets a dead node once its members are all reaped.
-- KEYS: 1 node liveness key, 2 node's member set, 3 node set. ARGV: 1 node id.
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('SCARD', KEYS[2]) > 0 then
  return 0
end
redis.call('SREM', KEYS[3], ARGV[1])
return 1
