-- A page of an index and the summaries of its cases, read in one step: ids and rows in the same order.
-- KEYS[1] the index, KEYS[2] the summary hash. ARGV: start, stop.
local ids = redis.call('ZREVRANGE', KEYS[1], ARGV[1], ARGV[2])
if #ids == 0 then return {ids, {}} end
return {ids, redis.call('HMGET', KEYS[2], unpack(ids))}
