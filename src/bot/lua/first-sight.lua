-- First sight of a message, in one round trip: whether it is new, the room's recent messages, whether the
-- resident just called the bot (WeChat cannot @ with a picture, so a photo right after a mention counts), and where
-- the resident lives (a private chat names no village). Only a new message is written into the room's context.
-- A script that Redis ran just before a crash is run again by ioredis after reconnecting: the token tells that
-- first attempt of ours from another delivery of the message.
-- KEYS: seen, context, called, homes (the villages the talker speaks in, scored by when). ARGV: token, seen TTL, kind
-- (text | nontext | private), context entry, context size, mentioned (1/0), called TTL, now (ms), village, homes TTL.
-- Returns [first (1/0), recent context entries newest first, called (1/0), villages spoken in, most recent first].
local first = redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2], 'NX')
if not first and redis.call('GET', KEYS[1]) ~= ARGV[1] then return {0, {}, 0, false} end
local kind = ARGV[3]
if kind == 'private' then return {1, {}, 0, redis.call('ZREVRANGE', KEYS[4], 0, -1)} end
local size = tonumber(ARGV[5])
local recent = redis.call('LRANGE', KEYS[2], 0, size - 1)
local called = 0
if kind == 'text' then
  redis.call('LPUSH', KEYS[2], ARGV[4])
  redis.call('LTRIM', KEYS[2], 0, size - 1)
  if ARGV[6] == '1' then redis.call('SET', KEYS[3], '1', 'EX', ARGV[7]) end
elseif redis.call('GETDEL', KEYS[3]) then
  called = 1
end
redis.call('ZADD', KEYS[4], ARGV[8], ARGV[9])
redis.call('EXPIRE', KEYS[4], ARGV[10])
return {1, recent, called, {}}
