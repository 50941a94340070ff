-- Warden's shared token bucket: the generic cell rate algorithm (GCRA) on the Redis server's
-- clock, in one atomic step, with the same arithmetic as dev.warden.runtime.RateLimiter.
--
-- KEYS[1]  the bucket, warden:{<guard name>}: the theoretical arrival time (TAT) of the next
--          call, in nanoseconds of the server clock, as decimal digits; absent = a full bucket
-- ARGV[1]  emission interval, ns     ARGV[2]  tolerance (burst - 1) * interval, ns
-- ARGV[3]  longest acceptable wait, ns
-- ARGV[4]  reserve: the wait in ns ('0' = now), or '-1' (not due within the wait; nothing taken)
--          peek:    the slack tolerance - (TAT - now) in ns, or '-1' (no permit now); no write
--          trace:   as reserve, with the server time of the decision: {reply, now}
--
-- Lua numbers are doubles, exact only to 2^53 (104 days of nanoseconds), so every time is kept as
-- a pair {seconds, nanoseconds in [0, 1e9)}: exact up to far beyond 2^63 ns. Replies are decimal
-- strings for the same reason.
local E9 = 1000000000

local function parse(digits)
  local n = #digits
  if n <= 9 then
    return {0, tonumber(digits)}
  end
  return {tonumber(string.sub(digits, 1, n - 9)), tonumber(string.sub(digits, n - 8))}
end

local function add(a, b)
  local ns = a[2] + b[2]
  if ns >= E9 then
    return {a[1] + b[1] + 1, ns - E9}
  end
  return {a[1] + b[1], ns}
end

local function sub(a, b)
  local ns = a[2] - b[2]
  if ns < 0 then
    return {a[1] - b[1] - 1, ns + E9}
  end
  return {a[1] - b[1], ns}
end

local function less(a, b)
  return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2])
end

local function text(a)
  if a[1] < 0 then
    return '-1'
  end
  if a[1] == 0 then
    return string.format('%d', a[2])
  end
  return string.format('%d%09d', a[1], a[2])
end

local interval = parse(ARGV[1])
local tolerance = parse(ARGV[2])
local maxWait = parse(ARGV[3])
local mode = ARGV[4]

local clock = redis.call('TIME')
local now = {tonumber(clock[1]), tonumber(clock[2]) * 1000}
local tat = now
local stored = redis.call('GET', KEYS[1])
if stored then
  if not string.match(stored, '^%d+$') or #stored > 25 then
    return redis.error_reply('WRONGTYPE ' .. KEYS[1] .. ' holds no Warden bucket')
  end
  local arrival = parse(stored)
  if less(now, arrival) then
    tat = arrival
  end
end
local debt = sub(tat, now)

if mode == 'peek' then
  return text(sub(tolerance, debt))
end

local reply
if less(add(tolerance, maxWait), debt) then
  reply = '-1'
else
  local next = add(tat, interval)
  -- Kept until the bucket is full again, never shorter than a whole bucket's refill.
  local life = debt
  if less(debt, tolerance) then
    life = tolerance
  end
  life = add(life, interval)
  local millis = life[1] * 1000 + math.ceil(life[2] / 1000000) + 1
  redis.call('SET', KEYS[1], text(next), 'PX', string.format('%d', millis))
  if less(debt, tolerance) then
    reply = '0'
  else
    reply = text(sub(debt, tolerance))
  end
end
if mode == 'trace' then
  return {reply, text(now)}
end
return reply
