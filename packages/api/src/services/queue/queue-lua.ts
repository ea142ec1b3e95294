// The waiting room's atomic steps. Each runs inside one event's hash slot ({eventId}) and reads
// the inventory keys of services/booking next to the queue's own.

// KEYS: inv ga, inv seats, inv ready, waiting, admitted, state, queue ready[, waiting-list demand].
// ARGV: now (ms), overbook %, admission TTL (ms), max admissions per call, admissions per minute (0: no cap).
// Drops lapsed admissions, then admits from the head of the queue while
//   admitted-and-unused < floor(available x overbook / 100),
// where available is what Redis says can still be held (GA stock + free seats: remaining stock
// minus live holds), and, with an outflow cap, while the token bucket (a quarter second's worth
// of burst, refilled continuously; state fields tokens/tokensAt) has tokens.
// Answers {'OK', available, outstanding, waiting, {admitted ids}, {lapsed ids}}.
export const ADMIT_LUA = `
if redis.call('EXISTS', KEYS[3]) == 0 then return {'NOT_READY'} end
if redis.call('EXISTS', KEYS[7]) == 0 then return {'QUEUE_NOT_READY'} end
if redis.call('HGET', KEYS[6], 'closed') == '1' then return {'CLOSED'} end
local now = tonumber(ARGV[1])
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now)
if #lapsed > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now) end
local available = 0
local ga = redis.call('HGETALL', KEYS[1])
for i = 1, #ga, 2 do
  local n = tonumber(ga[i + 1])
  -- A type with people on its waiting list (KEYS[8], optional) has no stock for the room: the list owns it.
  if n > 0 and (not KEYS[8] or tonumber(redis.call('HGET', KEYS[8], ga[i]) or '0') == 0) then available = available + n end
end
local seatTotal = tonumber(redis.call('HGET', KEYS[6], 'seatTotal') or '0')
if seatTotal > 0 then
  local free = seatTotal - redis.call('HLEN', KEYS[2])
  if free > 0 then available = available + free end
end
local outstanding = redis.call('ZCARD', KEYS[5])
local budget = math.min(math.floor(available * tonumber(ARGV[2]) / 100) - outstanding, tonumber(ARGV[4]))
local rate = tonumber(ARGV[5])
local tokens = 0
if rate > 0 then
  local burst = math.max(1, rate / 240)
  tokens = tonumber(redis.call('HGET', KEYS[6], 'tokens') or tostring(burst))
  local last = tonumber(redis.call('HGET', KEYS[6], 'tokensAt') or ARGV[1])
  tokens = math.min(burst, tokens + math.max(0, now - last) * rate / 60000)
  budget = math.min(budget, math.floor(tokens))
end
local admitted = {}
if budget > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[4], budget)
  local expiry = now + tonumber(ARGV[3])
  for i = 1, #popped, 2 do
    redis.call('ZADD', KEYS[5], expiry, popped[i])
    admitted[#admitted + 1] = popped[i]
  end
  if #admitted > 0 then redis.call('HINCRBY', KEYS[6], 'admittedTotal', #admitted) end
end
if rate > 0 then redis.call('HSET', KEYS[6], 'tokens', tostring(tokens - #admitted), 'tokensAt', ARGV[1]) end
return {'OK', available, outstanding + #admitted, redis.call('ZCARD', KEYS[4]), admitted, lapsed}
`;

// KEYS: admitted, using. ARGV: queueTicketId, cartId, now (ms), lease (ms).
// Reserves an admission for one hold attempt: it must still be admitted and unused, and no other
// request may be using it. Answers OK, GONE (used, lapsed or never admitted) or IN_USE.
export const CLAIM_LUA = `
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not expiry or tonumber(expiry) <= tonumber(ARGV[3]) then return 'GONE' end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', tonumber(ARGV[4])) then return 'OK' end
return 'IN_USE'
`;

// KEYS: waiting, state, listeners, pushed. Closes the queue (sold out): marks it closed, empties it and
// answers {waiting ids, listening ids} so everyone can be told at once.
export const CLOSE_LUA = `
if redis.call('HGET', KEYS[2], 'closed') == '1' then return {{}, {}} end
redis.call('HSET', KEYS[2], 'closed', '1')
local waiting = redis.call('ZRANGE', KEYS[1], 0, -1)
local listening = redis.call('ZRANGE', KEYS[3], 0, -1)
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4])
return {waiting, listening}
`;

// KEYS: listeners, waiting, state, pushed. ARGV: listeners looked at further back, near-front
// position N, least change per mille further back, most pushes further back.
// Answers {id, position} pairs to push, each recorded in `pushed`:
// 1. the first N in line who listen, on any change of position (they are about to be admitted);
// 2. listeners further back, walked round-robin (cursor in state; listeners are ordered by when
//    they subscribed), on their first push or a change of at least the per mille of their last
//    pushed position, up to the most pushes. Listeners no longer waiting are dropped.
export const POSITIONS_LUA = `
local out = {}
local near = tonumber(ARGV[2])
local function push(id, position)
  redis.call('HSET', KEYS[4], id, position)
  out[#out + 1] = id
  out[#out + 1] = position
end
local front = redis.call('ZRANGE', KEYS[2], 0, near - 1)
for i, id in ipairs(front) do
  if redis.call('ZSCORE', KEYS[1], id) and tonumber(redis.call('HGET', KEYS[4], id) or '0') ~= i then push(id, i) end
end
local total = redis.call('ZCARD', KEYS[1])
if total == 0 then return out end
local cursor = tonumber(redis.call('HGET', KEYS[3], 'cursor') or '0')
if cursor >= total then cursor = 0 end
local ids = redis.call('ZRANGE', KEYS[1], cursor, cursor + tonumber(ARGV[1]) - 1)
local budget = tonumber(ARGV[4])
local walked = 0
local dropped = 0
for _, id in ipairs(ids) do
  if budget <= 0 then break end
  walked = walked + 1
  local rank = redis.call('ZRANK', KEYS[2], id)
  if not rank then
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[4], id)
    dropped = dropped + 1
  elseif rank >= near then
    local last = tonumber(redis.call('HGET', KEYS[4], id) or '0')
    local position = rank + 1
    if last == 0 or math.abs(last - position) * 1000 >= last * tonumber(ARGV[3]) then
      push(id, position)
      budget = budget - 1
    end
  end
end
redis.call('HSET', KEYS[3], 'cursor', cursor + walked - dropped)
return out
`;
