-- Fixed-window counters, atomically for every key of one request (user and client IP), and the
-- caller's session read in the same round trip.
-- KEYS: the counters, then (when ARGV has more than the window) the session hash.
-- ARGV[1]: the window in milliseconds; ARGV[2..]: the session hash fields to read (SessionHash.CHECKED).
-- Returns {count1, ttl1, count2, ttl2, ...}: each counter after this request, and the
-- milliseconds until its window ends (a window starts with the first request that counts in it);
-- then, with a session, its fields in ARGV's order ('' when missing).
local fields = #ARGV - 1
local counters = #KEYS
if fields > 0 then
  counters = counters - 1
end
local result = {}
for i = 1, counters do
  local key = KEYS[i]
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if count == 1 or ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  result[#result + 1] = count
  result[#result + 1] = ttl
end
if fields > 0 then
  local values = redis.call('HMGET', KEYS[#KEYS], unpack(ARGV, 2))
  for i = 1, fields do
    -- A missing field is false here, which would end the reply list early.
    result[#result + 1] = values[i] or ''
  end
end
return result
