-- Assigns a room's next seq to an entry, stores it and (optionally) publishes it, atomically.
-- KEYS: 1 seq, 2 log, 3 room record
-- ARGV: 1 entry JSON before the seq value, 2 entry JSON after it, 3 retention, 4 bus channel ('' = do not
--       publish), 5 expiry (ms) of the history of a room without a record
-- Returns the seq.
local seq = redis.call('INCR', KEYS[1])
local entry = ARGV[1] .. seq .. ARGV[2]
redis.call('RPUSH', KEYS[2], entry)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
if redis.call('EXISTS', KEYS[3]) == 0 then
  -- no such room (removed meanwhile, or a history used on its own): do not keep its history forever
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
if ARGV[4] ~= '' then
  redis.call('PUBLISH', ARGV[4], 'E' .. entry)
end
return seq
