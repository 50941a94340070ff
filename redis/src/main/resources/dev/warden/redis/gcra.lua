-- Warden's shared token bucket: the generic cell rate algorithm (GCRA) on the Redis server's
-- clock, in one atomic step, with the same arithmetic as dev.warden.runtime.RateLimiter.
--
-- KEYS[1]  the bucket, warden:{<guard name>}: the theoretical arrival time (TAT) of the next
--          call, in nanoseconds of the server clock, as decimal digits; absent = a full bucket
-- ARGV[1]  emission interval, ns     ARGV[2]  tolerance (burst - 1) * interval, ns
-- ARGV[3]  longest acceptable wait, ns                ARGV[5]  lease size L, 1 to 1000000
-- ARGV[4]  reserve: the wait in ns ('0' = now), or '-1' (not due within the wait; nothing taken)
--          peek:    the slack tolerance - (TAT - now) in ns, or '-1' (no permit now); no write
--          trace:   as reserve, with the server time of the decision: {reply, now}
--          lease:   takes n = min(L, permits available now) permits at once, as n reserves at
--                   the same instant would; if none is available, reserves one as reserve does.
--                   {reply, n, now}: reply as reserve; n the permits taken (0 if refused)
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

-- a * k for a whole k in [0, 1e6]: every product stays below 2^53, so it is exact.
local function times(a, k)
  local ns = a[2] * k
  local carry = math.floor(ns / E9)
  ns = ns - carry * E9
  if ns < 0 then
    carry, ns = carry - 1, ns + E9
  elseif ns >= E9 then
    carry, ns = carry + 1, ns - E9
  end
  return {a[1] * k + carry, ns}
end

-- The most permits, between 1 and limit, that fit in slack >= 0: the largest n with
-- (n - 1) * interval <= slack. Estimated in doubles, then made exact.
local function fitting(slack, interval, limit)
  local n = math.floor((slack[1] * E9 + slack[2]) / (interval[1] * E9 + interval[2])) + 1
  n = math.max(1, math.min(limit, n))
  while n > 1 and less(slack, times(interval, n - 1)) do
    n = n - 1
  end
  while n < limit and not less(slack, times(interval, n)) do
    n = n + 1
  end
  return n
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

local taken = 1
if mode == 'lease' and not less(tolerance, debt) then
  taken = fitting(sub(tolerance, debt), interval, tonumber(ARGV[5]))
end

local reply
if less(add(tolerance, maxWait), debt) then
  reply = '-1'
  taken = 0
else
  local next = add(tat, times(interval, taken))
  -- Kept until the bucket is full again, never shorter than a whole bucket's refill: from the
  -- debt of the last permit taken.
  local last = add(debt, times(interval, taken - 1))
  local life = last
  if less(last, tolerance) then
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
if mode == 'lease' then
  return {reply, string.format('%d', taken), text(now)}
end
return reply
