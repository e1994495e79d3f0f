// Leaving through the real socket.io-client: `leave` with its ack, disconnects, and transports that just
// drop, each telling the rest of the room with peer-left; empty rooms disappear.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { RelayOptions } from '../../server/app.ts';
import type { ErrorMessage, PeerLeftMessage } from '../../src/protocol.ts';
import { connect, join, startRelay, waitFor, WAIT_MS } from './helpers.ts';

/** Two clients in one room: the one that will leave (with its id) and the one that stays. */
async function pairInRoom(t: TestContext, options: RelayOptions = {}) {
  const { url } = await startRelay(t, options);
  const leaver = await connect(t, url);
  const stayer = await connect(t, url);
  const { id } = await join(leaver, 'room');
  const { id: stayerId } = await join(stayer, 'room');
  return { leaver, stayer, id, stayerId };
}

test('leave is acknowledged with ok, and the room hears peer-left "left"', async (t) => {
  const { leaver, stayer, id } = await pairInRoom(t);
  const left = waitFor<PeerLeftMessage>(stayer, 'peer-left');
  assert.deepEqual(await leaver.timeout(WAIT_MS).emitWithAck('leave'), { ok: true });
  assert.deepEqual(await left, { id, reason: 'left' });
});

test('after leaving, signals are refused with not-joined', async (t) => {
  const { leaver, stayerId: id } = await pairInRoom(t);
  await leaver.timeout(WAIT_MS).emitWithAck('leave');
  const refused = waitFor<ErrorMessage>(leaver, 'error');
  leaver.emit('signal', { to: id, data: {} });
  assert.equal((await refused).code, 'not-joined');
});

test('leave without having joined is acknowledged with ok', async (t) => {
  const { url } = await startRelay(t);
  const socket = await connect(t, url);
  assert.deepEqual(await socket.timeout(WAIT_MS).emitWithAck('leave'), { ok: true });
});

test('a client that disconnects is announced with peer-left "disconnected"', async (t) => {
  const { leaver, stayer, id } = await pairInRoom(t);
  const left = waitFor<PeerLeftMessage>(stayer, 'peer-left');
  leaver.disconnect();
  assert.deepEqual(await left, { id, reason: 'disconnected' });
});

test('with resume off, a client whose transport drops is announced with peer-left "disconnected" at once', async (t) => {
  const { leaver, stayer, id } = await pairInRoom(t, { resumeGraceMs: 0 });
  const left = waitFor<PeerLeftMessage>(stayer, 'peer-left');
  leaver.io.engine.close(); // closes the WebSocket without a Socket.IO DISCONNECT packet
  assert.deepEqual(await left, { id, reason: 'disconnected' });
});

test('rooms disappear when their last member leaves or disconnects', async (t) => {
  const { app, url } = await startRelay(t);
  const health = async (): Promise<{ rooms: number; peers: number }> => {
    const { rooms, peers } = (await app.inject('/healthz')).json();
    return { rooms, peers };
  };
  const [one, two, three] = [await connect(t, url), await connect(t, url), await connect(t, url)];
  await join(one, 'a');
  await join(two, 'b');
  await join(three, 'b');
  assert.deepEqual(await health(), { rooms: 2, peers: 3 });

  await one.timeout(WAIT_MS).emitWithAck('leave');
  const left = waitFor<PeerLeftMessage>(three, 'peer-left');
  two.disconnect();
  await left; // the relay has handled the disconnect
  assert.deepEqual(await health(), { rooms: 1, peers: 1 });
  await three.timeout(WAIT_MS).emitWithAck('leave');
  assert.deepEqual(await health(), { rooms: 0, peers: 0 });
});
