// KEYS: ga, seats, ready, version, hold[, changes]. ARGV: holdId, gaCount, (typeId, quantity) x gaCount, seatIds...
// All or nothing: every check runs before the first write. `changes` (live availability) scores
// each held seat with the new version.
export const HOLD_LUA = `
if redis.call('EXISTS', KEYS[3]) == 0 then return {'NOT_READY'} end
if redis.call('EXISTS', KEYS[5]) == 1 then return {'DUPLICATE'} end
local gaCount = tonumber(ARGV[2])
local seatStart = 3 + gaCount * 2
for i = 0, gaCount - 1 do
  local typeId = ARGV[3 + i * 2]
  local quantity = tonumber(ARGV[4 + i * 2])
  local available = tonumber(redis.call('HGET', KEYS[1], typeId) or '-1')
  if available < 0 then return {'UNKNOWN_TYPE', typeId} end
  if available < quantity then return {'SOLD_OUT', typeId, tostring(available)} end
end
for i = seatStart, #ARGV do
  if redis.call('HEXISTS', KEYS[2], ARGV[i]) == 1 then return {'SEAT_TAKEN', ARGV[i]} end
end
for i = 0, gaCount - 1 do
  local typeId = ARGV[3 + i * 2]
  redis.call('HINCRBY', KEYS[1], typeId, -tonumber(ARGV[4 + i * 2]))
  redis.call('HINCRBY', KEYS[5], 'ga:' .. typeId, tonumber(ARGV[4 + i * 2]))
end
local version = redis.call('INCR', KEYS[4])
for i = seatStart, #ARGV do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[1])
  redis.call('HSET', KEYS[5], 'seat:' .. ARGV[i], 1)
  if KEYS[6] then redis.call('ZADD', KEYS[6], version, ARGV[i]) end
end
return {'OK', tostring(version)}
`;

// KEYS: ga, seats, version, hold[, changes]. ARGV: holdId. Returns the stock once: the hold key is
// deleted. `changes` (live availability) scores each freed seat with the new version.
export const RELEASE_LUA = `
local items = redis.call('HGETALL', KEYS[4])
if #items == 0 then return 0 end
local version = redis.call('INCR', KEYS[3])
for i = 1, #items, 2 do
  local field, value = items[i], items[i + 1]
  if string.sub(field, 1, 3) == 'ga:' then
    redis.call('HINCRBY', KEYS[1], string.sub(field, 4), tonumber(value))
  elseif redis.call('HGET', KEYS[2], string.sub(field, 6)) == ARGV[1] then
    redis.call('HDEL', KEYS[2], string.sub(field, 6))
    if KEYS[5] then redis.call('ZADD', KEYS[5], version, string.sub(field, 6)) end
  end
end
redis.call('DEL', KEYS[4])
return 1
`;

// KEYS: ga, seats, ready, version[, changes]. ARGV: version, gaCount, (typeId, available) x gaCount,
// seatCount, (seatId, state) x seatCount, then (holdKey, field, value) triples.
// Replaces the event's inventory in one step and marks it ready. `changes` gets the member '*'
// scored with the new version: every seat may have changed (live availability resyncs).
export const REBUILD_LUA = `
redis.call('DEL', KEYS[1], KEYS[2])
local gaCount = tonumber(ARGV[2])
local i = 3
for _ = 1, gaCount do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]); i = i + 2 end
local seatCount = tonumber(ARGV[i]); i = i + 1
for _ = 1, seatCount do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]); i = i + 2 end
while i <= #ARGV do redis.call('HSET', ARGV[i], ARGV[i + 1], ARGV[i + 2]); i = i + 3 end
local current = tonumber(redis.call('GET', KEYS[4]) or '0')
local version = math.max(current + 1, tonumber(ARGV[1]))
redis.call('SET', KEYS[4], version)
if KEYS[5] then redis.call('ZADD', KEYS[5], version, '*') end
redis.call('SET', KEYS[3], '1')
return 1
`;

// KEYS: seats, version, hold[, changes]. ARGV: holdId. A hold became a sale: its seats (still
// marked with this hold) become sold ('S'), its GA stock stays taken, the per-hold key goes.
// Exactly once like RELEASE_LUA (the per-hold key).
export const CONVERT_LUA = `
local items = redis.call('HGETALL', KEYS[3])
if #items == 0 then return 0 end
local version = redis.call('INCR', KEYS[2])
for i = 1, #items, 2 do
  local field = items[i]
  if string.sub(field, 1, 5) == 'seat:' then
    local seat = string.sub(field, 6)
    if redis.call('HGET', KEYS[1], seat) == ARGV[1] then
      redis.call('HSET', KEYS[1], seat, 'S')
      if KEYS[4] then redis.call('ZADD', KEYS[4], version, seat) end
    end
  end
end
redis.call('DEL', KEYS[3])
return 1
`;
