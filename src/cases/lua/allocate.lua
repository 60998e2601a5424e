-- One sequence per case-number prefix and local day; the message key remembers its number, so a re-delivered
-- message (or the worker after the bot) reads the same number back instead of taking a new one.
-- KEYS[1] the message's allocation, KEYS[2] the day's sequence. Returns -1 when the day's sequence is missing
-- (first case of the day, or numbering state lost) unless ARGV[1] is "seeded": the caller then sets it from the
-- highest number stored that day, so numbers never start again from 1.
local seq = redis.call('GET', KEYS[1])
if seq then return tonumber(seq) end
if ARGV[1] ~= 'seeded' and redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
seq = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], 3024000)
redis.call('SET', KEYS[1], seq, 'EX', 604800)
return seq
