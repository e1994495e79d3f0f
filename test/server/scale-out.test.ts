// Several relays on one Redis act as one (REDIS_URL): a room spans relays for join acks, peer-joined and
// peer-left, signals, room-full and resume on another relay; the wire protocol is the same as with one relay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { JoinAccepted, JoinAck, PeerJoinedMessage, PeerLeftMessage, SignalMessage } from '../../src/protocol.ts';
import { cluster, flushVia } from './cluster.ts';
import { connect, eventNames, flush, join, record, waitFor, WAIT_MS } from './helpers.ts';

const OFFER = { description: { type: 'offer', sdp: 'v=0\r\n' } };

function ask(socket: Socket, request: Record<string, unknown>): Promise<JoinAck> {
  return socket.timeout(WAIT_MS).emitWithAck('join', request) as Promise<JoinAck>;
}

test('members on two relays see each other in the join ack and peer-joined, and signal both ways', async (t) => {
  const { relays } = await cluster(t);
  const [one, two] = [relays[0]!, relays[1]!];
  const ada = await connect(t, one.url);
  const grace = await connect(t, two.url);
  const adaAck = await join(ada, 'spanning', 'Ada');
  const announced = waitFor<PeerJoinedMessage>(ada, 'peer-joined');
  const graceAck = await join(grace, 'spanning', 'Grace');
  assert.deepEqual(graceAck.peers, [{ id: adaAck.id, name: 'Ada', role: 'host' }]);
  assert.deepEqual(await announced, { id: graceAck.id, name: 'Grace' });

  const toGrace = waitFor<SignalMessage>(grace, 'signal');
  ada.emit('signal', { to: graceAck.id, data: OFFER });
  assert.deepEqual(await toGrace, { from: adaAck.id, data: OFFER });
  const toAda = waitFor<SignalMessage>(ada, 'signal');
  grace.emit('signal', { to: adaAck.id, from: 'forged', data: { candidate: { candidate: '' } } });
  assert.deepEqual(await toAda, { from: graceAck.id, data: { candidate: { candidate: '' } } });
});

test('signals keep their order across relays, and never reach another room', async (t) => {
  const { relays } = await cluster(t, 3);
  const [a, b, c] = (await Promise.all(relays.map(({ url }) => connect(t, url)))) as [Socket, Socket, Socket];
  await join(a, 'ordered');
  const bAck = await join(b, 'ordered');
  const cAck = await join(c, 'other-room');
  const received: number[] = [];
  b.on('signal', ({ data }: SignalMessage) => typeof data.n === 'number' && received.push(data.n));
  for (let n = 0; n < 50; n++) a.emit('signal', { to: bAck.id, data: { n } });
  await flushVia(a, b, bAck.id);
  assert.deepEqual(
    received,
    Array.from({ length: 50 }, (_, n) => n),
  );

  const refused = waitFor<{ code: string }>(a, 'error');
  a.emit('signal', { to: cAck.id, data: OFFER });
  assert.equal((await refused).code, 'unknown-peer');
});

test('leave and disconnect reach the other relay as peer-left "left" and "disconnected"', async (t) => {
  const { relays } = await cluster(t);
  const stayer = await connect(t, relays[0]!.url);
  const leaver = await connect(t, relays[1]!.url);
  const goner = await connect(t, relays[1]!.url);
  await join(stayer, 'parting');
  const { id: leaverId } = await join(leaver, 'parting');
  const { id: gonerId } = await join(goner, 'parting');

  const left = waitFor<PeerLeftMessage>(stayer, 'peer-left');
  assert.deepEqual(await leaver.timeout(WAIT_MS).emitWithAck('leave'), { ok: true });
  assert.deepEqual(await left, { id: leaverId, reason: 'left' });
  const gone = waitFor<PeerLeftMessage>(stayer, 'peer-left');
  goner.disconnect();
  assert.deepEqual(await gone, { id: gonerId, reason: 'disconnected' });
});

test('room-full counts the members on every relay, and the room hears nothing of the refusal', async (t) => {
  const { relays } = await cluster(t, 2, { maxPeersPerRoom: 2 });
  const [one, two] = [relays[0]!, relays[1]!];
  const a = await connect(t, one.url);
  const b = await connect(t, two.url);
  const aAck = await join(a, 'small');
  const announced = waitFor(a, 'peer-joined');
  await join(b, 'small');
  await announced;
  const log = record(a);
  for (const url of [one.url, two.url]) {
    const late = await connect(t, url);
    const ack = await ask(late, { room: 'small' });
    assert.equal(!ack.ok && ack.code, 'room-full', url);
  }
  await flushVia(b, a, aAck.id);
  assert.deepEqual(eventNames(log), ['signal']);
  // A member re-joining its own full room is not counted twice.
  assert.equal((await ask(b, { room: 'small' })).ok, true);
});

/** Kills the transport without a goodbye, as a network failure (or a relay dying) does. */
async function dropTransport(socket: Socket): Promise<void> {
  const gone = waitFor(socket, 'disconnect');
  socket.io.engine.close();
  await gone;
}

test('a member dropped from one relay resumes on another: same id, exactly the missed events, nobody sees it leave', async (t) => {
  const { relays } = await cluster(t);
  const [one, two] = [relays[0]!, relays[1]!];
  const dropper = await connect(t, one.url);
  const stayer = await connect(t, two.url);
  const dropped = await join(dropper, 'roaming', 'Dropper');
  const stayed = await join(stayer, 'roaming', 'Stayer');
  const stayerLog = record(stayer);
  await dropTransport(dropper);

  for (let n = 1; n <= 5; n++) stayer.emit('signal', { to: dropped.id, data: { n } });
  await flush(stayer); // its relay has handled them: they are numbered before the newcomer's peer-joined
  const newcomer = await connect(t, one.url);
  const arrived = await join(newcomer, 'roaming', 'Newcomer');

  const back = await connect(t, two.url);
  const log = record(back);
  // It had received Stayer's peer-joined and the first signal.
  const ack = (await ask(back, { room: 'roaming', resume: dropped.resume, received: 2 })) as JoinAccepted;
  assert.equal(ack.resumed, true);
  assert.equal(ack.id, dropped.id);
  assert.deepEqual(
    [...ack.peers].sort((x, y) => x.id.localeCompare(y.id)),
    [
      { id: stayed.id, name: 'Stayer' },
      { id: arrived.id, name: 'Newcomer' },
    ].sort((x, y) => x.id.localeCompare(y.id)),
  );
  await flushVia(stayer, back, dropped.id);
  assert.deepEqual(log.slice(0, -1), [
    ...[2, 3, 4, 5].map((n) => ['signal', { from: stayed.id, data: { n } }]),
    ['peer-joined', { id: arrived.id, name: 'Newcomer' }],
  ]);

  const toStayer = waitFor<SignalMessage>(stayer, 'signal');
  back.emit('signal', { to: stayed.id, data: { hello: true } });
  assert.deepEqual(await toStayer, { from: dropped.id, data: { hello: true } });
  assert.deepEqual(
    eventNames(stayerLog).filter((name) => name !== 'signal'),
    ['peer-joined'],
  );
});

test('a client that comes back on another relay before its old connection drops takes the membership over', async (t) => {
  const { relays } = await cluster(t);
  const [one, two] = [relays[0]!, relays[1]!];
  const first = await connect(t, one.url);
  const stayer = await connect(t, one.url);
  const joined = await join(first, 'takeover');
  await join(stayer, 'takeover');
  const old = waitFor(first, 'disconnect');
  const back = await connect(t, two.url);
  const ack = (await ask(back, { room: 'takeover', resume: joined.resume, received: 1 })) as JoinAccepted;
  assert.equal(ack.resumed, true);
  assert.equal(ack.id, joined.id);
  await old; // the first relay closed the stale connection
});

test('a member that does not resume within the grace period is announced on the other relay with "timeout"', async (t) => {
  const { relays } = await cluster(t, 2, { resumeGraceMs: 200 });
  const dropper = await connect(t, relays[0]!.url);
  const stayer = await connect(t, relays[1]!.url);
  const { id, resume } = await join(dropper, 'patience');
  await join(stayer, 'patience');
  const left = waitFor<PeerLeftMessage>(stayer, 'peer-left');
  await dropTransport(dropper);
  assert.deepEqual(await left, { id, reason: 'timeout' });
  const back = await connect(t, relays[1]!.url);
  const ack = (await ask(back, { room: 'patience', resume, received: 1 })) as JoinAccepted;
  assert.equal(ack.resumed, false);
});

test('a relay shut down for a deploy: its members resume on another relay and nobody sees them leave', async (t) => {
  const { relays } = await cluster(t);
  const [leaving, staying] = [relays[0]!, relays[1]!];
  const moved = await connect(t, leaving.url);
  const stayer = await connect(t, staying.url);
  const joined = await join(moved, 'deploy');
  const { id: stayerId } = await join(stayer, 'deploy');
  const stayerLog = record(stayer);
  const told = waitFor<{ code: string }>(moved, 'error');
  await leaving.app.close();
  assert.equal((await told).code, 'server-shutting-down');

  const back = await connect(t, staying.url);
  const ack = (await ask(back, { room: 'deploy', resume: joined.resume, received: 1 })) as JoinAccepted;
  assert.equal(ack.resumed, true);
  assert.equal(ack.id, joined.id);
  assert.deepEqual(ack.peers, [{ id: stayerId }]);
  await flushVia(back, stayer, stayerId);
  assert.deepEqual(eventNames(stayerLog), ['signal']);
});
