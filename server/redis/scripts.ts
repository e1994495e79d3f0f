// The Lua scripts that change rooms in Redis. Each runs atomically, so a room-full check and the join it
// guards, or an event's number and its publication, can never interleave with another relay's. Keys (P is
// REDIS_KEY_PREFIX): P r:<room> hash id → name; P m:<id> hash of one member (room, name, token, node, conn,
// seq, bytes, away, cap, win); P l:<id> list of its numbered events "seq,at,size,json"; P t:<token> → id;
// P nodes set of relays; P alive:<node> key with a TTL; P n:<node> set of the ids it holds; P mode:<room> 'sfu'
// while the room is on the SFU; P sfu:<room> where on the SFU (JSON { url, janusRoom }), set by the first relay
// to place it and removed by the one that destroys its VideoRoom.
// Events go to a relay on channel P ch:<node> as "id,seq,json"; "!id,conn" tells it a connection is stale.
// Every script takes P as ARGV[1]. (Keys are computed inside: this needs one Redis, not a Redis Cluster.)

const PRELUDE = `
local P = ARGV[1]
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
-- Drops the oldest kept events while over the byte cap or, while connected, older than the replay window.
local function prune(mk, lk, bytes, cap, win, away, now)
  while true do
    local head = redis.call('LINDEX', lk, 0)
    if not head then break end
    local at, size = string.match(head, '^%d+,(%d+),(%d+),')
    if bytes <= cap and (away or tonumber(at) >= now - win) then break end
    redis.call('LPOP', lk)
    bytes = bytes - tonumber(size)
  end
  redis.call('HSET', mk, 'bytes', bytes)
end
-- Numbers an event for a member, keeps it for a resume and, if the member is connected, sends it to its relay.
local function deliver(id, json, size, now)
  local mk = P .. 'm:' .. id
  local f = redis.call('HMGET', mk, 'node', 'away', 'cap', 'win', 'bytes')
  if not f[1] then return end
  local seq = redis.call('HINCRBY', mk, 'seq', 1)
  local lk = P .. 'l:' .. id
  redis.call('RPUSH', lk, seq .. ',' .. now .. ',' .. size .. ',' .. json)
  prune(mk, lk, tonumber(f[5]) + size, tonumber(f[3]), tonumber(f[4]), f[2] == '1', now)
  if f[2] ~= '1' then redis.call('PUBLISH', P .. 'ch:' .. f[1], id .. ',' .. seq .. ',' .. json) end
end
-- Takes a member out of its room and tells the others (except those held by relay 'skip') why.
local function remove(id, reason, now, skip)
  local mk = P .. 'm:' .. id
  local f = redis.call('HMGET', mk, 'room', 'node', 'token')
  if not f[1] then return 0 end
  local rk = P .. 'r:' .. f[1]
  redis.call('HDEL', rk, id)
  if redis.call('HLEN', rk) == 0 then redis.call('DEL', P .. 'mode:' .. f[1]) end
  redis.call('DEL', mk, P .. 'l:' .. id, P .. 't:' .. f[3])
  redis.call('SREM', P .. 'n:' .. f[2], id)
  local json = '["peer-left",{"id":"' .. id .. '","reason":"' .. reason .. '"}]'
  for _, other in ipairs(redis.call('HKEYS', rk)) do
    if skip == '' or redis.call('HGET', P .. 'm:' .. other, 'node') ~= skip then deliver(other, json, 128, now) end
  end
  return 1
end
-- The other members of a room as id, name pairs.
local function peers(room, except)
  local out = {}
  local all = redis.call('HGETALL', P .. 'r:' .. room)
  for i = 1, #all, 2 do
    if all[i] ~= except then
      table.insert(out, all[i])
      table.insert(out, all[i + 1])
    end
  end
  return out
end
`;

/**
 * ARGV: P, room, id, token, name, node, conn, maxPeers, replayBytes, replayWindowMs, leavingId, leavingConn,
 * peerJoinedJson, sfuThreshold ('' for none), roomModeJson. Returns {'full'} or {'ok', mode, peer id, name, ...};
 * a join that makes the room sfuThreshold large moves it onto the SFU, and the others hear it first.
 */
const JOIN = `
local room, id, token, name, node = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local rk = P .. 'r:' .. room
local count = redis.call('HLEN', rk)
local leaving = ARGV[11]
local held = leaving ~= '' and redis.call('HGET', P .. 'm:' .. leaving, 'conn') == ARGV[12]
if held and redis.call('HEXISTS', rk, leaving) == 1 then count = count - 1 end
if count >= tonumber(ARGV[8]) then return {'full'} end
local now = now_ms()
if held then remove(leaving, 'left', now, '') end
local others = peers(room, id)
local mk = P .. 'mode:' .. room
local mode = redis.call('GET', mk) or 'mesh'
if ARGV[14] ~= '' and mode ~= 'sfu' and count + 1 >= tonumber(ARGV[14]) then
  mode = 'sfu'
  redis.call('SET', mk, mode)
  for i = 1, #others, 2 do deliver(others[i], ARGV[15], #ARGV[15], now) end
end
for i = 1, #others, 2 do deliver(others[i], ARGV[13], 128, now) end
redis.call('HSET', rk, id, name)
redis.call('HSET', P .. 'm:' .. id, 'room', room, 'name', name, 'token', token, 'node', node, 'conn', ARGV[7],
  'seq', 0, 'bytes', 0, 'away', 0, 'cap', ARGV[9], 'win', ARGV[10])
redis.call('SET', P .. 't:' .. token, id)
redis.call('SADD', P .. 'n:' .. node, id)
table.insert(others, 1, mode)
table.insert(others, 1, 'ok')
return others
`;

/**
 * ARGV: P, room, token, received, node, conn. Returns {'unknown'}, {'ended', id}, or
 * {'resumed', id, name, seq, mode, missedCount, missed json..., peer id, peer name, ...}.
 */
const RESUME = `
local id = redis.call('GET', P .. 't:' .. ARGV[3])
if not id then return {'unknown'} end
local mk = P .. 'm:' .. id
local f = redis.call('HMGET', mk, 'room', 'node', 'conn', 'seq', 'name')
if f[1] ~= ARGV[2] then return {'unknown'} end
-- The connection that held it, wherever it is, is stale now.
redis.call('PUBLISH', P .. 'ch:' .. f[2], '!' .. id .. ',' .. f[3])
local received, seq = tonumber(ARGV[4]), tonumber(f[4])
local missed = {}
local complete = received <= seq
for _, entry in ipairs(redis.call('LRANGE', P .. 'l:' .. id, 0, -1)) do
  local s, json = string.match(entry, '^(%d+),%d+,%d+,(.*)$')
  s = tonumber(s)
  if s > received then
    if #missed == 0 and s ~= received + 1 then complete = false end
    table.insert(missed, json)
  end
end
-- Events it lacks, none of them kept (an event bigger than the buffer never is).
if #missed == 0 and received < seq then complete = false end
if not complete then
  remove(id, 'disconnected', now_ms(), '')
  return {'ended', id}
end
redis.call('HSET', mk, 'node', ARGV[5], 'conn', ARGV[6], 'away', 0)
redis.call('SMOVE', P .. 'n:' .. f[2], P .. 'n:' .. ARGV[5], id)
local out = {'resumed', id, f[5], seq, redis.call('GET', P .. 'mode:' .. f[1]) or 'mesh', #missed}
for _, json in ipairs(missed) do table.insert(out, json) end
for _, value in ipairs(peers(f[1], id)) do table.insert(out, value) end
return out
`;

/** ARGV: P, from, to, room, json, size. Returns 1 if delivered, 0 if `to` is not another member of the room. */
const SIGNAL = `
local rk = P .. 'r:' .. ARGV[4]
if ARGV[2] == ARGV[3] or redis.call('HEXISTS', rk, ARGV[3]) == 0 or redis.call('HEXISTS', rk, ARGV[2]) == 0 then
  return 0
end
deliver(ARGV[3], ARGV[5], tonumber(ARGV[6]), now_ms())
return 1
`;

/** ARGV: P, id, conn, name, json. Renames the member if that connection holds it, and tells the others. */
const RENAME = `
local mk = P .. 'm:' .. ARGV[2]
local f = redis.call('HMGET', mk, 'conn', 'room')
if f[1] ~= ARGV[3] then return 0 end
local rk = P .. 'r:' .. f[2]
redis.call('HSET', mk, 'name', ARGV[4])
redis.call('HSET', rk, ARGV[2], ARGV[4])
local now = now_ms()
for _, other in ipairs(redis.call('HKEYS', rk)) do
  if other ~= ARGV[2] then deliver(other, ARGV[5], 128, now) end
end
return 1
`;

/** ARGV: P, id, conn, reason, skipNode. Ends the membership if that connection still holds it. */
const LEAVE = `
if redis.call('HGET', P .. 'm:' .. ARGV[2], 'conn') ~= ARGV[3] then return 0 end
return remove(ARGV[2], ARGV[4], now_ms(), ARGV[5])
`;

/** ARGV: P, id, conn. The connection dropped: keep every event from now on, for a resume. */
const HOLD = `
local mk = P .. 'm:' .. ARGV[2]
local f = redis.call('HMGET', mk, 'conn', 'bytes', 'cap', 'win')
if f[1] ~= ARGV[3] then return 0 end
prune(mk, P .. 'l:' .. ARGV[2], tonumber(f[2]), tonumber(f[3]), tonumber(f[4]), false, now_ms())
redis.call('HSET', mk, 'away', 1)
return 1
`;

/**
 * ARGV: P, node, ttlMs. Says this relay is alive, then ends the memberships of relays that are not (peer-left
 * `timeout`). Returns {1 if this relay had to register again, number of memberships ended}.
 */
const HEARTBEAT = `
local node = ARGV[2]
redis.call('SET', P .. 'alive:' .. node, 1, 'PX', ARGV[3])
local added = redis.call('SADD', P .. 'nodes', node)
local now = now_ms()
local ended = 0
for _, other in ipairs(redis.call('SMEMBERS', P .. 'nodes')) do
  if redis.call('EXISTS', P .. 'alive:' .. other) == 0 then
    for _, id in ipairs(redis.call('SMEMBERS', P .. 'n:' .. other)) do
      if redis.call('HGET', P .. 'm:' .. id, 'node') == other then ended = ended + remove(id, 'timeout', now, '') end
    end
    redis.call('DEL', P .. 'n:' .. other)
    redis.call('SREM', P .. 'nodes', other)
  end
end
return {added, ended}
`;

/**
 * ARGV: P, id, conn, nextSeq, localFrom. After an outage: is the membership still this connection's, and which
 * kept events from nextSeq on did the relay miss? localFrom (0: none) is the first number the relay gave an event
 * it delivered on its own while Redis was away; if Redis numbered events for the member meanwhile too, the
 * numbers clash. Returns {'gone'}, {'clash'} or {'ok', entry...}.
 */
const SYNC = `
local mk = P .. 'm:' .. ARGV[2]
local f = redis.call('HMGET', mk, 'conn', 'seq')
if f[1] ~= ARGV[3] then return {'gone'} end
local nextSeq, localFrom = tonumber(ARGV[4]), tonumber(ARGV[5])
if localFrom > 0 then
  if tonumber(f[2]) >= localFrom then return {'clash'} end
  redis.call('HSET', mk, 'seq', nextSeq - 1)
  return {'ok'}
end
local out = {'ok'}
for _, entry in ipairs(redis.call('LRANGE', P .. 'l:' .. ARGV[2], 0, -1)) do
  if tonumber(string.match(entry, '^(%d+),')) >= nextSeq then table.insert(out, entry) end
end
return out
`;

/**
 * ARGV: P, room, mode, atMost, roomModeJson. Moves the room's media (to 'sfu' again: onto another SFU server)
 * and tells every member, unless it holds more than atMost members (or is a mesh told to be one). Returns 1 if
 * it moved.
 */
const SET_MODE = `
local rk = P .. 'r:' .. ARGV[2]
local count = redis.call('HLEN', rk)
if count == 0 or count > tonumber(ARGV[4]) then return 0 end
local mk = P .. 'mode:' .. ARGV[2]
if ARGV[3] == 'sfu' then redis.call('SET', mk, 'sfu') elseif redis.call('DEL', mk) == 0 then return 0 end
local now = now_ms()
for _, id in ipairs(redis.call('HKEYS', rk)) do deliver(id, ARGV[5], #ARGV[5], now) end
return 1
`;

/** ARGV: P, room, placementJson. Forgets where the room was on the SFU, if it was there: 1 if it was. */
const UNPLACE = `
local key = P .. 'sfu:' .. ARGV[2]
if redis.call('GET', key) ~= ARGV[3] then return 0 end
redis.call('DEL', key)
return 1
`;

/** ARGV: P, node, ttlMs. A relay closing: its members (held for a resume elsewhere) end once the TTL runs out. */
const RETIRE = `
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', P .. 'alive:' .. ARGV[2], 1, 'PX', ARGV[3])
else
  redis.call('DEL', P .. 'alive:' .. ARGV[2])
end
return 1
`;

export const SCRIPTS = {
  vcJoin: JOIN,
  vcResume: RESUME,
  vcSignal: SIGNAL,
  vcRename: RENAME,
  vcLeave: LEAVE,
  vcHold: HOLD,
  vcHeartbeat: HEARTBEAT,
  vcSync: SYNC,
  vcRetire: RETIRE,
  vcSetMode: SET_MODE,
  vcUnplace: UNPLACE,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** Each script with the shared helpers in front. */
export function scriptSource(name: ScriptName): string {
  return PRELUDE + SCRIPTS[name];
}
