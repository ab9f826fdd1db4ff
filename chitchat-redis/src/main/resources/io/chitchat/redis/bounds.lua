-- KEYS: 1 seq, 2 log. Returns {last seq, retained count}.
return { tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('LLEN', KEYS[2]) }
