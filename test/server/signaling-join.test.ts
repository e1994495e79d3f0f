// Joining rooms through the real socket.io-client: the join ack, peer-joined, validation of the join
// payload, ICE servers from the options, and moving from one room to another (DESIGN.md §3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JoinAck, PeerJoinedMessage, PeerLeftMessage } from '../../src/protocol.ts';
import { connect, eventNames, flush, join, record, startRelay, waitFor, WAIT_MS } from './helpers.ts';

const PEER_ID = /^[A-Za-z0-9_-]{22}$/;

test('the first joiner gets an ok ack with a fresh peer id, its name, no peers, no ICE servers, and the host role and key of the open room it made', async (t) => {
  const { url } = await startRelay(t);
  const socket = await connect(t, url);
  const ack = await join(socket, 'lobby', 'Ada');
  assert.match(ack.id, PEER_ID);
  assert.ok(ack.ok);
  assert.match(ack.resume, PEER_ID);
  assert.notEqual(ack.resume, ack.id);
  assert.match(ack.hostKey ?? '', PEER_ID);
  assert.deepEqual(ack, {
    ok: true,
    id: ack.id,
    resume: ack.resume,
    name: 'Ada',
    role: 'host',
    hostKey: ack.hostKey,
    resumed: false,
    peers: [],
    iceServers: [],
  });
});

test('a second joiner sees the first in its ack, and the first hears peer-joined', async (t) => {
  const { url } = await startRelay(t);
  const ada = await connect(t, url);
  const grace = await connect(t, url);
  const adaAck = await join(ada, 'lobby', 'Ada');
  const announced = waitFor<PeerJoinedMessage>(ada, 'peer-joined');
  const graceAck = await join(grace, 'lobby', 'Grace');
  assert.deepEqual(graceAck.peers, [{ id: adaAck.id, name: 'Ada', role: 'host' }]);
  assert.deepEqual(await announced, { id: graceAck.id, name: 'Grace' });
  assert.notEqual(graceAck.id, adaAck.id);
  assert.equal(graceAck.role, undefined);
  assert.equal(graceAck.hostKey, undefined);
});

test('a peer without a name is listed and announced by id alone; names are trimmed', async (t) => {
  const { url } = await startRelay(t);
  const anonymous = await connect(t, url);
  const named = await connect(t, url);
  const first = await join(anonymous, 'lobby');
  const announced = waitFor<PeerJoinedMessage>(anonymous, 'peer-joined');
  const second = await join(named, 'lobby', '  Ada  ');
  assert.deepEqual(second.peers, [{ id: first.id, role: 'host' }]);
  assert.deepEqual(await announced, { id: second.id, name: 'Ada' });
});

test('rooms are separate: a joiner sees only its own room', async (t) => {
  const { url } = await startRelay(t);
  const one = await connect(t, url);
  const other = await connect(t, url);
  const oneLog = record(one);
  await join(one, 'room-a');
  const ack = await join(other, 'room-b');
  assert.deepEqual(ack.peers, []);
  await flush(one);
  assert.deepEqual(eventNames(oneLog), []);
});

const INVALID_JOINS: Array<[string, unknown]> = [
  ['a room with characters outside A–Z a–z 0–9 . _ ~ -', { room: 'no spaces' }],
  ['a room of 129 characters', { room: 'r'.repeat(129) }],
  ['an empty room', { room: '' }],
  ['a missing room', {}],
  ['a string instead of an object', 'lobby'],
  ['an array instead of an object', ['lobby']],
  ['null', null],
  ['a name with control characters', { room: 'lobby', name: 'Ada\u0007' }],
  ['a name of 65 characters', { room: 'lobby', name: 'n'.repeat(65) }],
  ['a blank name', { room: 'lobby', name: '   ' }],
  ['a name that is not a string', { room: 'lobby', name: 42 }],
  ['a password that is not a string', { room: 'lobby', password: 7 }],
];

test('invalid join payloads are refused with invalid-request and announce nothing', async (t) => {
  const { url } = await startRelay(t);
  const member = await connect(t, url);
  await join(member, 'lobby');
  const memberLog = record(member);
  const socket = await connect(t, url);
  for (const [what, payload] of INVALID_JOINS) {
    const ack = (await socket.timeout(WAIT_MS).emitWithAck('join', payload)) as JoinAck;
    if (ack.ok) assert.fail(`${what} was accepted`);
    assert.equal(ack.code, 'invalid-request', what);
    assert.equal(typeof ack.message, 'string', what);
  }
  await flush(member);
  assert.deepEqual(eventNames(memberLog), []);
});

test('a room of exactly 128 characters from the whole alphabet is accepted', async (t) => {
  const { url } = await startRelay(t);
  const socket = await connect(t, url);
  const room = 'AZaz09._~-'.repeat(13).slice(0, 128);
  assert.equal(room.length, 128);
  await join(socket, room);
});

test('an invalid join without an ack is answered with an invalid-request error event', async (t) => {
  const { url } = await startRelay(t);
  const socket = await connect(t, url);
  const error = waitFor<{ code: string }>(socket, 'error');
  socket.emit('join', { room: '../etc' });
  assert.equal((await error).code, 'invalid-request');
});

test('the join ack carries the ICE servers from the options', async (t) => {
  const iceServers = [{ urls: ['stun:stun.example.org'] }];
  const { url } = await startRelay(t, { iceServers });
  const socket = await connect(t, url);
  assert.deepEqual((await join(socket, 'lobby')).iceServers, iceServers);
});

test('joining another room moves the socket: the old room hears peer-left "left"', async (t) => {
  const { url } = await startRelay(t);
  const mover = await connect(t, url);
  const stayer = await connect(t, url);
  const there = await connect(t, url);
  const before = await join(mover, 'first');
  const stayerAck = await join(stayer, 'first');
  const thereAck = await join(there, 'second');

  const left = waitFor<PeerLeftMessage>(stayer, 'peer-left');
  const arrived = waitFor<PeerJoinedMessage>(there, 'peer-joined');
  const after = await join(mover, 'second');
  assert.deepEqual(await left, { id: before.id, reason: 'left' });
  assert.deepEqual(await arrived, { id: after.id });
  assert.deepEqual(after.peers, [{ id: thereAck.id, role: 'host' }]);

  // The old room no longer lists it.
  const late = await connect(t, url);
  assert.deepEqual((await join(late, 'first')).peers, [{ id: stayerAck.id }]);
});
