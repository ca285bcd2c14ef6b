-- Fixed-window counters, atomically for every key of one request (user and client IP).
-- KEYS: the counters; ARGV[1]: the window in milliseconds.
-- Returns {count1, ttl1, count2, ttl2, ...}: each counter after this request, and the
-- milliseconds until its window ends. A window starts with the first request that counts in it.
local result = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if count == 1 or ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  result[#result + 1] = count
  result[#result + 1] = ttl
end
return result
