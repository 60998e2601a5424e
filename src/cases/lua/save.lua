-- Compare-and-set of one case, its inbox summary and all its index entries in one step, so a worker's SLA event
-- and an advisor's reply landing together can neither lose an event nor leave an index or a row showing an old
-- state. KEYS[1] the case hash, KEYS[2] the summary hash, then the keys the ops name by index.
-- ARGV: expected revision ('' for a new case), case JSON, case id, ops JSON, summary JSON.
local rev = redis.call('HGET', KEYS[1], 'rev')
if (rev or '') ~= ARGV[1] then return -1 end
local newrev = (tonumber(rev) or 0) + 1
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'rev', newrev)
local id = ARGV[3]
redis.call('HSET', KEYS[2], id, ARGV[5])
local ops = cjson.decode(ARGV[4])
for _, op in ipairs(ops) do
  local k = KEYS[op[2]]
  if op[1] == 'zadd' then redis.call('ZADD', k, op[3], id)
  elseif op[1] == 'zrem' then redis.call('ZREM', k, id)
  elseif op[1] == 'set' then redis.call('SET', k, id)
  elseif op[1] == 'delif' then if redis.call('GET', k) == id then redis.call('DEL', k) end
  elseif op[1] == 'hset' then redis.call('HSET', k, op[3], id)
  end
end
return newrev
