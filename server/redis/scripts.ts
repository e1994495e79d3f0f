// The Lua scripts that change rooms in Redis. Each runs atomically, so a room-full check and the join it
// guards, or an event's number and its publication, can never interleave with another relay's. Keys (P is
// REDIS_KEY_PREFIX): P r:<room> hash id → name; P m:<id> hash of one member (room, name, token, node, conn,
// seq, bytes, away, cap, win); P l:<id> list of its numbered events "seq,at,size,json"; P t:<token> → id;
// P nodes set of relays; P alive:<node> key with a TTL; P n:<node> set of the ids it holds; P mode:<room> 'sfu'
// while the room is on the SFU; P sfu:<room> where on the SFU (JSON { url, janusRoom }), set by the first relay
// to place it and removed by the one that destroys its VideoRoom. What hosts control: P s:<room> hash (key: the
// host key's hash, locked, lobby); P k:<room> hash of knocks id → "at,node,conn,name"; P b:<room>:<banKey> set
// (with a TTL) while a removed member is banned; P kn:<node> set of the knocks a relay holds ("id,room"). A host's stored name starts with U+0002 (stored-names.ts); a
// member hash also keeps its ban key (ban).
// Events go to a relay on channel P ch:<node> as "id,seq,json"; "!id,conn" tells it a connection is stale;
// "?id,conn,word" is news for a knock (admitted, host, no-host) or a dismissal (removed, ended, denied...).
// While P hooks:on exists (a relay with webhooks keeps it), every membership's end is pushed on the list P hooks
// for one relay to take (RPOP) and report: once, whichever relay ended it, even a dead one.
// Every script takes P as ARGV[1]. (Keys are computed inside: this needs one Redis, not a Redis Cluster.)

/** Members a sweep looks at in one script (SSCAN's COUNT hint). */
const SWEEP_PAGE = 256;

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
local function is_host(stored)
  return string.byte(stored, 1) == 2
end
-- Delivers an event to the room's hosts; returns how many there are.
local function tell_hosts(room, json, now)
  local all = redis.call('HGETALL', P .. 'r:' .. room)
  local hosts = 0
  for i = 1, #all, 2 do
    if is_host(all[i + 1]) then
      hosts = hosts + 1
      deliver(all[i], json, #json, now)
    end
  end
  return hosts
end
-- Sends a word to one knock's relay ("?id,conn,word"), its entry being "at,node,conn,name".
local function tell_knock(id, entry, word)
  local node, conn = string.match(entry, '^%d+,([^,]*),([^,]*),')
  redis.call('PUBLISH', P .. 'ch:' .. node, '?' .. id .. ',' .. conn .. ',' .. word)
end
local function tell_knocks(room, word)
  local all = redis.call('HGETALL', P .. 'k:' .. room)
  for i = 1, #all, 2 do tell_knock(all[i], all[i + 1], word) end
end
local function knock_ended(id)
  return '["knock-ended",{"id":"' .. id .. '"}]'
end
-- Takes a knock out of its room's lobby, and out of its relay's set of knocks ("id,room" in P kn:<node>).
local function forget_knock(room, id, entry)
  redis.call('HDEL', P .. 'k:' .. room, id)
  redis.call('SREM', P .. 'kn:' .. string.match(entry, '^%d+,([^,]*),'), id .. ',' .. room)
end
-- A room with nobody in it or its lobby loses what hosts set (its host key expires).
local function settle(room)
  if redis.call('HLEN', P .. 'r:' .. room) == 0 and redis.call('HLEN', P .. 'k:' .. room) == 0 then
    redis.call('DEL', P .. 's:' .. room)
  end
end
-- Reports a membership's end for webhooks ('["room","id","reason",roomEnded]'), while a relay drains them.
local function departed(room, id, reason)
  if redis.call('EXISTS', P .. 'hooks:on') == 0 then return end
  local ended = redis.call('HLEN', P .. 'r:' .. room) == 0 and 1 or 0
  redis.call('LPUSH', P .. 'hooks', '["' .. room .. '","' .. id .. '","' .. reason .. '",' .. ended .. ']')
  redis.call('LTRIM', P .. 'hooks', 0, 9999)
end
-- Takes a member out of its room and tells the others (except those held by relay 'skip') why.
local function remove(id, reason, now, skip)
  local mk = P .. 'm:' .. id
  local f = redis.call('HMGET', mk, 'room', 'node', 'token', 'name')
  if not f[1] then return 0 end
  local rk = P .. 'r:' .. f[1]
  redis.call('HDEL', rk, id)
  if redis.call('HLEN', rk) == 0 then redis.call('DEL', P .. 'mode:' .. f[1]) end
  redis.call('DEL', mk, P .. 'l:' .. id, P .. 't:' .. f[3])
  redis.call('SREM', P .. 'n:' .. f[2], id)
  local json = '["peer-left",{"id":"' .. id .. '","reason":"' .. reason .. '"}]'
  local hosts = 0
  for _, other in ipairs(redis.call('HKEYS', rk)) do
    if skip == '' or redis.call('HGET', P .. 'm:' .. other, 'node') ~= skip then deliver(other, json, 128, now) end
  end
  if is_host(f[4]) then
    for _, stored in ipairs(redis.call('HVALS', rk)) do if is_host(stored) then hosts = hosts + 1 end end
    if hosts == 0 then tell_knocks(f[1], 'no-host') end
  end
  departed(f[1], id, reason)
  settle(f[1])
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
 * ARGV: P, room, id, token, name (stored, as a guest's), node, conn, maxPeers, replayBytes, replayWindowMs,
 * leavingId, leavingConn, peerJoinedJson (a guest's), sfuThreshold ('' for none), roomModeJson, tokenRole ('host'
 * or ''), hostKeyHash, newHostKeyHash (for a room this join makes), banKey, knock ('1': a guest token's lobby
 * claim), lobbyOn ('1': a host token's), admitted ('1': a host let this knock in), peerJoinedJson (a host's),
 * maxKnocks, knockJson. Returns {'full'}, {'removed'}, {'locked'}, {'lobby-full'}, {'waiting', hosts} or
 * {'ok', mode, role, created, locked, lobby, knockCount, knock id, knock entry..., peer id, name, ...}; a join that
 * makes the room sfuThreshold large moves it onto the SFU, and the others hear it first.
 */
const JOIN = `
local room, id, token, node = ARGV[2], ARGV[3], ARGV[4], ARGV[6]
local rk, sk, kk = P .. 'r:' .. room, P .. 's:' .. room, P .. 'k:' .. room
if ARGV[16] ~= 'host' and redis.call('EXISTS', P .. 'b:' .. room .. ':' .. ARGV[19]) == 1 then return {'removed'} end
local count = redis.call('HLEN', rk)
local leaving = ARGV[11]
local held = leaving ~= '' and redis.call('HGET', P .. 'm:' .. leaving, 'conn') == ARGV[12]
if held and redis.call('HEXISTS', rk, leaving) == 1 then count = count - 1 end
if count >= tonumber(ARGV[8]) then return {'full'} end
local created = count == 0
if created and ARGV[18] ~= '' then redis.call('HSET', sk, 'key', ARGV[18]) end
local role = ARGV[16]
if (created and ARGV[18] ~= '') or (ARGV[17] ~= '' and redis.call('HGET', sk, 'key') == ARGV[17]) then role = 'host' end
local now = now_ms()
if role ~= 'host' and ARGV[22] ~= '1' then
  if redis.call('HGET', sk, 'locked') == '1' then
    settle(room)
    return {'locked'}
  end
  if redis.call('HGET', sk, 'lobby') == '1' or ARGV[20] == '1' then
    if redis.call('HLEN', kk) >= tonumber(ARGV[24]) then
      settle(room)
      return {'lobby-full'}
    end
    redis.call('HSET', kk, id, now .. ',' .. node .. ',' .. ARGV[7] .. ',' .. ARGV[5])
    redis.call('SADD', P .. 'kn:' .. node, id .. ',' .. room)
    return {'waiting', tell_hosts(room, ARGV[25], now)}
  end
end
if role == 'host' and ARGV[21] == '1' then redis.call('HSET', sk, 'lobby', 1) end
if held then remove(leaving, 'left', now, '') end
local others = peers(room, id)
local hosts = 0
for i = 2, #others, 2 do if is_host(others[i]) then hosts = hosts + 1 end end
local mk = P .. 'mode:' .. room
local mode = redis.call('GET', mk) or 'mesh'
if ARGV[14] ~= '' and mode ~= 'sfu' and count + 1 >= tonumber(ARGV[14]) then
  mode = 'sfu'
  redis.call('SET', mk, mode)
  for i = 1, #others, 2 do deliver(others[i], ARGV[15], #ARGV[15], now) end
end
local joined = ARGV[13]
local name = ARGV[5]
if role == 'host' then
  joined = ARGV[23]
  name = string.char(2) .. name
end
for i = 1, #others, 2 do deliver(others[i], joined, 128, now) end
redis.call('HSET', rk, id, name)
redis.call('HSET', P .. 'm:' .. id, 'room', room, 'name', name, 'token', token, 'node', node, 'conn', ARGV[7],
  'seq', 0, 'bytes', 0, 'away', 0, 'cap', ARGV[9], 'win', ARGV[10], 'ban', ARGV[19])
redis.call('SET', P .. 't:' .. token, id)
redis.call('SADD', P .. 'n:' .. node, id)
if role == 'host' and hosts == 0 then tell_knocks(room, 'host') end
local flags = redis.call('HMGET', sk, 'locked', 'lobby')
local out = {'ok', mode, role, created and 1 or 0, flags[1] or '', flags[2] or ''}
local knocks = {}
if role == 'host' then knocks = redis.call('HGETALL', kk) end
table.insert(out, #knocks / 2)
for _, value in ipairs(knocks) do table.insert(out, value) end
for _, value in ipairs(others) do table.insert(out, value) end
return out
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
    -- Its knocks went with it.
    for _, knock in ipairs(redis.call('SMEMBERS', P .. 'kn:' .. other)) do
      local id, room = string.match(knock, '^([^,]*),(.*)$')
      redis.call('HDEL', P .. 'k:' .. room, id)
      tell_hosts(room, knock_ended(id), now)
      settle(room)
    end
    redis.call('DEL', P .. 'kn:' .. other)
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

/** ARGV: P, room, id, conn. A knock ends unanswered (if that connection still holds it): the hosts are told. */
const WITHDRAW = `
local kk = P .. 'k:' .. ARGV[2]
local entry = redis.call('HGET', kk, ARGV[3])
if not entry or string.match(entry, '^%d+,[^,]*,([^,]*),') ~= ARGV[4] then return 0 end
forget_knock(ARGV[2], ARGV[3], entry)
tell_hosts(ARGV[2], knock_ended(ARGV[3]), now_ms())
settle(ARGV[2])
return 1
`;

/** ARGV: P, room, id, word (admitted or denied). A host's answer to a knock: 0 if nobody with that id waits. */
const ANSWER = `
local kk = P .. 'k:' .. ARGV[2]
local entry = redis.call('HGET', kk, ARGV[3])
if not entry then return 0 end
forget_knock(ARGV[2], ARGV[3], entry)
tell_knock(ARGV[3], entry, ARGV[4])
tell_hosts(ARGV[2], knock_ended(ARGV[3]), now_ms())
return 1
`;

/**
 * ARGV: P, room, hostId, id, banMs, hostActionJson. A host removes a member: banned for banMs (by its ban key),
 * dismissed, and the others told (host-action, then peer-left 'removed'). 0 if it is not another member.
 */
const REMOVE = `
local room, id = ARGV[2], ARGV[4]
local rk = P .. 'r:' .. room
if id == ARGV[3] or redis.call('HEXISTS', rk, id) == 0 then return 0 end
local f = redis.call('HMGET', P .. 'm:' .. id, 'ban', 'node', 'conn')
redis.call('SET', P .. 'b:' .. room .. ':' .. f[1], 1, 'PX', ARGV[5])
redis.call('PUBLISH', P .. 'ch:' .. f[2], '?' .. id .. ',' .. f[3] .. ',removed')
local now = now_ms()
for _, other in ipairs(redis.call('HKEYS', rk)) do
  if other ~= id then deliver(other, ARGV[6], #ARGV[6], now) end
end
remove(id, 'removed', now, '')
return 1
`;

/**
 * ARGV: P, room, hostId, target ('' for none: must be another member if given), field ('' or locked or lobby),
 * value ('1' or ''), hostActionJson. Sets what hosts control and tells every member; turning the lobby off lets
 * everyone waiting in. 0 if the target is not another member.
 */
const CONTROL = `
local room, target, field = ARGV[2], ARGV[4], ARGV[5]
local rk, sk, kk = P .. 'r:' .. room, P .. 's:' .. room, P .. 'k:' .. room
if target ~= '' and (target == ARGV[3] or redis.call('HEXISTS', rk, target) == 0) then return 0 end
if field ~= '' then
  if ARGV[6] == '1' then redis.call('HSET', sk, field, 1) else redis.call('HDEL', sk, field) end
end
local now = now_ms()
for _, id in ipairs(redis.call('HKEYS', rk)) do deliver(id, ARGV[7], #ARGV[7], now) end
if field == 'lobby' and ARGV[6] ~= '1' then
  local all = redis.call('HGETALL', kk)
  for i = 1, #all, 2 do
    forget_knock(room, all[i], all[i + 1])
    tell_knock(all[i], all[i + 1], 'admitted')
    tell_hosts(room, knock_ended(all[i]), now)
  end
end
return 1
`;

/** ARGV: P, room. A host ends the call: everyone in the room and its lobby is dismissed ('ended'). */
const END = `
local room = ARGV[2]
local rk = P .. 'r:' .. room
local all = redis.call('HGETALL', P .. 'k:' .. room)
for i = 1, #all, 2 do
  forget_knock(room, all[i], all[i + 1])
  tell_knock(all[i], all[i + 1], 'ended')
end
local ids = redis.call('HKEYS', rk)
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', P .. 'm:' .. id, 'node', 'conn')
  redis.call('PUBLISH', P .. 'ch:' .. f[1], '?' .. id .. ',' .. f[2] .. ',ended')
end
local now = now_ms()
for _, id in ipairs(ids) do remove(id, 'ended', now, '') end
redis.call('DEL', P .. 's:' .. room)
return 1
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

/**
 * ARGV: P, node, cursor. Lets one page of this relay's members (SSCAN from `cursor`) forget the kept events they no
 * longer need (prune), also those that get no more events; returns the cursor of the next page ('0': all done).
 * A relay runs through every page once per replay window: a page at a time, so that a relay with many members does
 * not hold Redis for one long script.
 */
const SWEEP = `
local now = now_ms()
local page = redis.call('SSCAN', P .. 'n:' .. ARGV[2], ARGV[3], 'COUNT', ${SWEEP_PAGE})
for _, id in ipairs(page[2]) do
  local mk = P .. 'm:' .. id
  local f = redis.call('HMGET', mk, 'bytes', 'cap', 'win', 'away')
  if f[1] then prune(mk, P .. 'l:' .. id, tonumber(f[1]), tonumber(f[2]), tonumber(f[3]), f[4] == '1', now) end
end
return page[1]
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
  vcSweep: SWEEP,
  vcSetMode: SET_MODE,
  vcWithdraw: WITHDRAW,
  vcAnswer: ANSWER,
  vcRemove: REMOVE,
  vcControl: CONTROL,
  vcEnd: END,
  vcUnplace: UNPLACE,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** Each script with the shared helpers in front. */
export function scriptSource(name: ScriptName): string {
  return PRELUDE + SCRIPTS[name];
}
