-- One reply that opens no case per cooldown, per resident and per room: 1 and both marked when every key's cooldown
-- has passed, else 0 and nothing changed. Times come from the bot's clock (ARGV[1], ms), not from Redis, so a
-- simulated clock moves the cooldowns too; the keys' TTLs only clear them away afterwards.
-- KEYS: the cooldown keys. ARGV: now, then one cooldown (ms) per key.
local now = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local last = redis.call('GET', key)
  if last and now - tonumber(last) < tonumber(ARGV[i + 1]) then return 0 end
end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, now, 'PX', ARGV[i + 1])
end
return 1
