// Who gets into a room: ROOM_PASSWORD, signed join tokens (JOIN_SECRET), and MAX_PEERS_PER_ROOM. A refusal
// is the same whether or not the room exists, and the room hears nothing of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mintJoinToken } from '../../server/join-token.ts';
import type { JoinAck, JoinWaiting } from '../../src/protocol.ts';
import { connect, eventNames, flush, join, record, startRelay, waitFor, WAIT_MS } from './helpers.ts';
import type { Socket } from 'socket.io-client';

const SECRET = 'test-join-secret';

function ask(socket: Socket, request: Record<string, unknown>): Promise<Exclude<JoinAck, JoinWaiting>> {
  return socket.timeout(WAIT_MS).emitWithAck('join', request) as Promise<Exclude<JoinAck, JoinWaiting>>;
}

test('ROOM_PASSWORD: the right password gets in; a wrong or missing one gets unauthorized, unnoticed', async (t) => {
  const { url } = await startRelay(t, { roomPassword: 'open sesame' });
  const member = await connect(t, url);
  assert.equal((await ask(member, { room: 'vault', password: 'open sesame' })).ok, true);
  const log = record(member);

  const stranger = await connect(t, url);
  const wrong = await ask(stranger, { room: 'vault', password: 'guess' });
  const missing = await ask(stranger, { room: 'vault' });
  const empty = await ask(stranger, { room: 'no-such-room', password: 'guess' });
  for (const refusal of [wrong, missing, empty]) assert.deepEqual(refusal, missing);
  assert.equal(missing.ok, false);
  assert.equal(!missing.ok && missing.code, 'unauthorized');
  await flush(member);
  assert.deepEqual(eventNames(log), []);
});

test('JOIN_SECRET: a valid token admits to its room, under the name it carries', async (t) => {
  const { url } = await startRelay(t, { joinSecret: SECRET });
  const first = await connect(t, url);
  await ask(first, { room: 'board', token: mintJoinToken({ room: 'board' }, SECRET) });
  const second = await connect(t, url);
  const ack = await ask(second, {
    room: 'board',
    name: 'Mallory',
    token: mintJoinToken({ room: 'board', name: 'Ada' }, SECRET),
  });
  assert.equal(ack.ok, true);
  const firstView = await connect(t, url);
  const third = await ask(firstView, { room: 'board', token: mintJoinToken({ room: 'board' }, SECRET) });
  assert.ok(third.ok);
  assert.ok(third.peers.some((peer) => peer.name === 'Ada'));
  assert.ok(!third.peers.some((peer) => peer.name === 'Mallory'));
});

test('JOIN_SECRET: tokens for another room, expired, forged or mangled get unauthorized', async (t) => {
  const { url } = await startRelay(t, { joinSecret: SECRET });
  const socket = await connect(t, url);
  const valid = mintJoinToken({ room: 'board' }, SECRET);
  const refused = [
    mintJoinToken({ room: 'other' }, SECRET),
    mintJoinToken({ room: 'board', expiresInSeconds: 60 }, SECRET, Date.now() - 120_000),
    mintJoinToken({ room: 'board' }, 'another-secret'),
    `${valid}x`,
    valid.split('.')[0]!,
  ];
  for (const token of refused) {
    const ack = await ask(socket, { room: 'board', token });
    assert.equal(!ack.ok && ack.code, 'unauthorized', `token ${token}`);
  }
  assert.equal((await ask(socket, { room: 'board' })).ok, false);
});

test('with both set, either the password or a token gets in', async (t) => {
  const { url } = await startRelay(t, { roomPassword: 'pw', joinSecret: SECRET });
  const a = await connect(t, url);
  const b = await connect(t, url);
  assert.equal((await ask(a, { room: 'r', password: 'pw' })).ok, true);
  assert.equal((await ask(b, { room: 'r', token: mintJoinToken({ room: 'r' }, SECRET) })).ok, true);
});

test('MAX_PEERS_PER_ROOM: the next join gets room-full and the room hears nothing; other rooms are unaffected', async (t) => {
  const { url } = await startRelay(t, { maxPeersPerRoom: 2 });
  const a = await connect(t, url);
  const b = await connect(t, url);
  await join(a, 'small');
  const announced = waitFor(a, 'peer-joined'); // with Redis, it may come after b's ack
  await join(b, 'small');
  await announced;
  const log = record(a);
  const c = await connect(t, url);
  const ack = await ask(c, { room: 'small' });
  assert.equal(!ack.ok && ack.code, 'room-full');
  await join(c, 'elsewhere');
  await flush(a);
  assert.deepEqual(eventNames(log), []);

  // A member re-joining its own full room is not counted twice.
  assert.equal((await ask(b, { room: 'small' })).ok, true);
});
