-- One sequence per case-number prefix and local day; the message key remembers its number, so a re-delivered
-- message (or the worker after the bot) reads the same number back instead of taking a new one.
-- KEYS[1] the message's allocation, KEYS[2] the day's sequence.
local seq = redis.call('GET', KEYS[1])
if seq then return tonumber(seq) end
seq = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], 259200)
redis.call('SET', KEYS[1], seq, 'EX', 604800)
return seq
