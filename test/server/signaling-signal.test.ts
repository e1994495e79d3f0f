// Relaying signals through the real socket.io-client: delivered only to the target in the sender's room,
// `from` stamped by the relay, and everything else (bad payloads, unknown peers, unknown events) refused.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { ErrorMessage, JoinAccepted, SignalMessage } from '../../src/protocol.ts';
import { connect, eventNames, flush, join, record, startRelay, waitFor } from './helpers.ts';

interface Member {
  socket: Socket;
  ack: JoinAccepted;
  log: unknown[][];
}

/** Connects and joins `count` clients to `room`, each recording what it receives after joining. */
async function members(t: TestContext, url: string, room: string, count: number): Promise<Member[]> {
  const joined: Member[] = [];
  for (let i = 0; i < count; i++) {
    const socket = await connect(t, url);
    // With Redis, peer-joined may reach the others after the newcomer's ack: wait for it.
    const announced = joined.map((member) => waitFor(member.socket, 'peer-joined'));
    const ack = await join(socket, room, `member ${i}`);
    await Promise.all(announced);
    joined.push({ socket, ack, log: [] });
  }
  // Recording starts once everyone is in, so the logs hold only what each test provokes.
  for (const member of joined) member.log = record(member.socket);
  return joined;
}

const OFFER = { description: { type: 'offer', sdp: 'v=0\r\n' } };

test('a signal reaches only its target, with from stamped by the relay', async (t) => {
  const { url } = await startRelay(t);
  const [alice, bob, carol] = await members(t, url, 'call', 3);
  const received = waitFor<SignalMessage>(bob.socket, 'signal');
  alice.socket.emit('signal', { to: bob.ack.id, data: OFFER });
  assert.deepEqual(await received, { from: alice.ack.id, data: OFFER });

  await Promise.all([flush(alice.socket), flush(carol.socket)]);
  assert.deepEqual(eventNames(carol.log), []);
  assert.deepEqual(eventNames(alice.log), []);
});

test('a forged from in the request is ignored: the relay stamps the sender', async (t) => {
  const { url } = await startRelay(t);
  const [alice, bob, carol] = await members(t, url, 'call', 3);
  const received = waitFor<SignalMessage>(bob.socket, 'signal');
  alice.socket.emit('signal', { to: bob.ack.id, from: carol.ack.id, data: { candidate: { candidate: '' } } });
  const signal = await received;
  assert.equal(signal.from, alice.ack.id);
  assert.deepEqual(signal, { from: alice.ack.id, data: { candidate: { candidate: '' } } });
});

test('a signal to a peer in another room is refused with unknown-peer and not delivered', async (t) => {
  const { url } = await startRelay(t);
  const [alice] = await members(t, url, 'here', 1);
  const [stranger] = await members(t, url, 'elsewhere', 1);
  const refused = waitFor<ErrorMessage>(alice.socket, 'error');
  alice.socket.emit('signal', { to: stranger.ack.id, data: OFFER });
  assert.equal((await refused).code, 'unknown-peer');
  await flush(stranger.socket);
  assert.deepEqual(eventNames(stranger.log), []);
});

test('a signal to a well-formed id that nobody has, or to oneself, is refused with unknown-peer', async (t) => {
  const { url } = await startRelay(t);
  const [alice] = await members(t, url, 'call', 1);
  for (const to of ['A'.repeat(22), alice.ack.id]) {
    const refused = waitFor<ErrorMessage>(alice.socket, 'error');
    alice.socket.emit('signal', { to, data: OFFER });
    assert.equal((await refused).code, 'unknown-peer', to);
  }
});

test('a signal before joining is refused with not-joined', async (t) => {
  const { url } = await startRelay(t);
  const [bob] = await members(t, url, 'call', 1);
  const outsider = await connect(t, url);
  const refused = waitFor<ErrorMessage>(outsider, 'error');
  outsider.emit('signal', { to: bob.ack.id, data: OFFER });
  assert.equal((await refused).code, 'not-joined');
  await flush(bob.socket);
  assert.deepEqual(eventNames(bob.log), []);
});

/** Nested `depth` objects deep. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

test('invalid signal payloads are refused with invalid-request and not delivered', async (t) => {
  const { url } = await startRelay(t);
  const [alice, bob] = await members(t, url, 'call', 2);
  const invalid: Array<[string, unknown]> = [
    ['a to that is not a peer id', { to: 'bob', data: OFFER }],
    ['a missing to', { data: OFFER }],
    ['data that is a string', { to: bob.ack.id, data: 'offer' }],
    ['data that is an array', { to: bob.ack.id, data: [OFFER] }],
    ['data that is null', { to: bob.ack.id, data: null }],
    ['missing data', { to: bob.ack.id }],
    ['data over 32 KB serialized', { to: bob.ack.id, data: { sdp: 'x'.repeat(33 * 1024) } }],
    ['data nested too deep', { to: bob.ack.id, data: nested(12) }],
    ['a string instead of an object', bob.ack.id],
  ];
  for (const [what, payload] of invalid) {
    const refused = waitFor<ErrorMessage>(alice.socket, 'error');
    alice.socket.emit('signal', payload);
    assert.equal((await refused).code, 'invalid-request', what);
  }
  await flush(bob.socket);
  assert.deepEqual(eventNames(bob.log), []);
});

test('data of exactly 32 KB serialized is delivered', async (t) => {
  const { url } = await startRelay(t);
  const [alice, bob] = await members(t, url, 'call', 2);
  const data = { sdp: 'x'.repeat(32 * 1024 - '{"sdp":""}'.length) };
  assert.equal(JSON.stringify(data).length, 32 * 1024);
  const received = waitFor<SignalMessage>(bob.socket, 'signal');
  alice.socket.emit('signal', { to: bob.ack.id, data });
  assert.deepEqual(await received, { from: alice.ack.id, data });
});

test('an event the relay does not know is answered with an invalid-request error', async (t) => {
  const { url } = await startRelay(t);
  const socket = await connect(t, url);
  const refused = waitFor<ErrorMessage>(socket, 'error');
  socket.emit('kick', { id: 'someone' });
  const error = await refused;
  assert.equal(error.code, 'invalid-request');
  assert.match(error.message, /kick/);
});
