// KEYS: inventory ready, ga, seats, version, changes; published version, gate. ARGV: gate token.
// One atomic step: ends this window's gate (if still ours), reads the counts and the seats changed
// since the last published version (the `changes` sorted set: seatId scored by the version of its
// last change, written by HOLD/RELEASE; REBUILD scores the member '*'), and records the version as
// published. Answers {'NOT_READY'}, {'SAME'} (nothing new) or
// {'OK', version, previousVersion | '', ga (flat HGETALL), changes (flat seatId, state), resync}.
// Seat states: H held, S sold, B blocked, F free. resync is '1' when the seats cannot be diffed:
// no earlier publish, or a rebuild since it.
export const PUBLISH_AVAILABILITY_LUA = `
if redis.call('GET', KEYS[7]) == ARGV[1] then redis.call('DEL', KEYS[7]) end
if redis.call('EXISTS', KEYS[1]) == 0 then return {'NOT_READY'} end
local version = redis.call('GET', KEYS[4]) or '0'
local previous = redis.call('GET', KEYS[6])
if previous == version then return {'SAME'} end
redis.call('SET', KEYS[6], version)
local ga = redis.call('HGETALL', KEYS[2])
if not previous then return {'OK', version, '', ga, {}, '1'} end
local rebuilt = redis.call('ZSCORE', KEYS[5], '*')
local seatIds = redis.call('ZRANGEBYSCORE', KEYS[5], '(' .. previous, '+inf')
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', previous)
if rebuilt and tonumber(rebuilt) > tonumber(previous) then return {'OK', version, previous, ga, {}, '1'} end
local changes = {}
for _, seatId in ipairs(seatIds) do
  local value = redis.call('HGET', KEYS[3], seatId)
  if not value then value = 'F' elseif value ~= 'S' and value ~= 'B' then value = 'H' end
  changes[#changes + 1] = seatId
  changes[#changes + 1] = value
end
return {'OK', version, previous, ga, changes, '0'}
`;
