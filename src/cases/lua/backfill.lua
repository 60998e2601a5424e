-- Writes rebuilt summaries (KEYS[1] is the summary hash, then one case key per summary) only where the case is
-- still at the revision they were built from: a save in between has already written a newer one.
-- ARGV: per case, its revision, id and summary JSON.
for i = 2, #KEYS do
  if redis.call('HGET', KEYS[i], 'rev') == ARGV[i * 3 - 5] then
    redis.call('HSET', KEYS[1], ARGV[i * 3 - 4], ARGV[i * 3 - 3])
  end
end
return 0
