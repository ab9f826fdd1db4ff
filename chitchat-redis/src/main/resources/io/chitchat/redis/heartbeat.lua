-- Refreshes a node's liveness key and reads Redis's instance marker (created when missing: a marker that changes
-- tells every node that Redis lost its data).
-- KEYS: 1 node liveness key, 2 node set, 3 instance marker
-- ARGV: 1 value, 2 ttl (ms), 3 node id, 4 a fresh marker
-- Returns {1 if the liveness key was still alive else 0, the marker}.
local alive = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
local marker = redis.call('GET', KEYS[3])
if not marker then
  redis.call('SET', KEYS[3], ARGV[4])
  marker = ARGV[4]
end
return { alive, marker }
