// The relay with an SFU (SFU_URL): a room that reaches SFU_THRESHOLD moves onto it (room-mode, before the
// newcomer's peer-joined) and back when it shrinks or its node cannot be reached, the room cap becomes
// SFU_MAX_PEERS, and `sfu` requests are checked (who may ask, what they carry) before anything reaches Janus,
// which here is Debian's, started from deploy/janus/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { JoinAccepted, JoinAck, JoinWaiting, SfuAck } from '../../src/protocol.ts';
import { startJanus, type JanusServer } from '../support/janus-server.mjs';
import { freePort } from '../support/redis-server.mjs';
import { connect, eventNames, join, record, startRelay, waitFor, WAIT_MS } from './helpers.ts';

let janus: JanusServer;
before(async () => {
  janus = await startJanus();
});
after(() => janus.remove());

const sfuOptions = (threshold = 3) => ({ sfu: { urls: [janus.url], threshold, maxPeers: 4, backAfterMs: 30_000 } });

test('the join that reaches the threshold moves the room: the others hear room-mode before peer-joined', async (t) => {
  const { url } = await startRelay(t, sfuOptions());
  const [ada, brian, chen] = await Promise.all([connect(t, url), connect(t, url), connect(t, url)]);
  const adaAck = await join(ada, 'big');
  assert.equal(adaAck.mode, undefined);
  const brianHeard = waitFor(ada, 'peer-joined');
  const brianAck = await join(brian, 'big');
  assert.equal(brianAck.mode, undefined);
  await brianHeard;
  const heard = record(ada);
  const chenHeard = waitFor(ada, 'peer-joined');
  const chenAck = await join(chen, 'big');
  assert.equal(chenAck.mode, 'sfu');
  await chenHeard;
  assert.deepEqual(eventNames(heard), ['room-mode', 'peer-joined']);
  assert.deepEqual(heard[0], ['room-mode', { mode: 'sfu' }]);
});

test('with an SFU, rooms hold SFU_MAX_PEERS; an emptied room starts again as a mesh', async (t) => {
  const { url } = await startRelay(t, sfuOptions(2));
  const sockets = await Promise.all(Array.from({ length: 5 }, () => connect(t, url)));
  for (const socket of sockets.slice(0, 4)) await join(socket, 'capped');
  const refused = (await sockets[4]!.timeout(WAIT_MS).emitWithAck('join', { room: 'capped' })) as JoinAck;
  assert.deepEqual(refused.ok ? null : refused.code, 'room-full');
  for (const socket of sockets.slice(0, 4)) await socket.timeout(WAIT_MS).emitWithAck('leave');
  assert.equal((await join(sockets[4]!, 'capped')).mode, undefined);
});

test('sfu requests: refused before joining, in a mesh room, and when malformed', async (t) => {
  const { url } = await startRelay(t, sfuOptions());
  const socket = await connect(t, url);
  const ask = async (request: unknown) =>
    (await socket.timeout(WAIT_MS).emitWithAck('sfu', request as never)) as SfuAck;
  assert.deepEqual(await ask({ type: 'publish', sdp: 'v=0' }), {
    ok: false,
    code: 'not-joined',
    message: 'join a room before using the SFU',
  });
  await join(socket, 'small');
  const inMesh = await ask({ type: 'publish', sdp: 'v=0' });
  assert.equal(inMesh.ok ? null : inMesh.message, 'This room does not use an SFU.');
  for (const malformed of [
    null,
    { type: 'publish' },
    { type: 'publish', sdp: 'x'.repeat(40_000) },
    { type: 'publish', sdp: 'v=0', screen: '../1' },
    { type: 'answer', sdp: 7 },
    { type: 'candidate', target: 'nobody', candidate: null },
    { type: 'candidate', target: 'publisher', candidate: { candidate: 'c', sdpMLineIndex: -1 } },
    { type: 'subscribe' },
    { type: 'layer', peer: 'nobody', layer: 1 },
    { type: 'layer', peer: 'AAAAAAAAAAAAAAAAAAAAAA', layer: 3 },
  ]) {
    const answer = await ask(malformed);
    assert.equal(answer.ok ? null : answer.code, 'invalid-request', JSON.stringify(malformed)?.slice(0, 80));
  }
});

test('an offer Janus cannot take, and an SFU that cannot be reached, get sfu-unavailable; the room carries on', async (t) => {
  const { url } = await startRelay(t, sfuOptions(2));
  const [ada, brian] = await Promise.all([connect(t, url), connect(t, url)]);
  await join(ada, 'room');
  const brianId = (await join(brian, 'room')).id;
  const refused = (await ada.timeout(WAIT_MS).emitWithAck('sfu', { type: 'publish', sdp: 'v=0' })) as SfuAck;
  assert.equal(refused.ok ? null : refused.code, 'sfu-unavailable');
  // Signaling goes on.
  const signalled = waitFor(brian, 'signal');
  ada.emit('signal', { to: brianId, data: { hello: true } });
  await signalled;

  const nowhere = await startRelay(t, {
    sfu: { urls: [`ws://127.0.0.1:${await freePort()}`], threshold: 2, maxPeers: 4, backAfterMs: 30_000 },
  });
  const [chen, dana] = await Promise.all([connect(t, nowhere.url), connect(t, nowhere.url)]);
  await join(chen, 'room');
  await join(dana, 'room');
  const movedBack = waitFor(dana, 'room-mode');
  const unreachable = (await chen.timeout(WAIT_MS).emitWithAck('sfu', { type: 'publish', sdp: 'v=0' })) as SfuAck;
  assert.equal(unreachable.ok ? null : unreachable.code, 'sfu-unavailable');
  // The room goes back to the mesh, and stays there while the node is down, whoever joins.
  assert.deepEqual(await movedBack, { mode: 'mesh', error: 'sfu-unavailable' });
  const erin = await connect(t, nowhere.url);
  assert.equal((await join(erin, 'room')).mode, undefined);
});

test('a room that shrinks goes back to the mesh after SFU_BACK_AFTER_MS, and its members hear it', async (t) => {
  const { url } = await startRelay(t, { sfu: { urls: [janus.url], threshold: 3, maxPeers: 8, backAfterMs: 1000 } });
  const sockets = await Promise.all([connect(t, url), connect(t, url), connect(t, url)]);
  const [ada, brian, chen] = sockets as [Socket, Socket, Socket];
  const brianHeard = waitFor(ada, 'peer-joined');
  await join(ada, 'shrinking');
  await join(brian, 'shrinking');
  await brianHeard;
  const moved = Promise.all([waitFor(ada, 'room-mode'), waitFor(ada, 'peer-joined')]);
  await join(chen, 'shrinking');
  await moved;
  const heard = record(ada);
  await brian.timeout(WAIT_MS).emitWithAck('leave');
  await chen.timeout(WAIT_MS).emitWithAck('leave');
  assert.deepEqual(await waitFor(ada, 'room-mode', { timeoutMs: WAIT_MS + 1000 }), { mode: 'mesh' });
  assert.deepEqual(eventNames(heard), ['peer-left', 'peer-left', 'room-mode']);
  // Large again: back onto the SFU.
  const again = waitFor(ada, 'room-mode');
  await join(brian, 'shrinking');
  await join(chen, 'shrinking');
  assert.deepEqual(await again, { mode: 'sfu' });
});

test('a member of an SFU room that resumes keeps its Janus session; one this relay holds none of publishes again', async (t) => {
  const { url } = await startRelay(t, sfuOptions(2));
  const [ada, brian] = await Promise.all([
    connect(t, url, { reconnection: true }),
    connect(t, url, { reconnection: true }),
  ]);
  const adaAck = await join(ada, 'resuming');
  const brianAck = await join(brian, 'resuming');
  // Ada has a session on the relay's SFU (its offer is refused, but the session is there); Brian has none.
  await ada.timeout(WAIT_MS).emitWithAck('sfu', { type: 'publish', sdp: 'v=0' });
  for (const socket of [ada, brian]) {
    const gone = waitFor(socket, 'disconnect');
    socket.io.engine.close();
    await gone;
    await waitFor(socket, 'connect');
  }
  const rejoin = async (socket: Socket, resume: string, received: number) =>
    (await socket.timeout(WAIT_MS).emitWithAck('join', { room: 'resuming', resume, received })) as Exclude<
      JoinAck,
      JoinWaiting
    >;
  const adaBack = await rejoin(ada, adaAck.resume, 2);
  const brianBack = await rejoin(brian, brianAck.resume, 0);
  assert.deepEqual([adaBack.ok && adaBack.mode, adaBack.ok && adaBack.publish], ['sfu', undefined]);
  assert.deepEqual([brianBack.ok && brianBack.mode, brianBack.ok && brianBack.publish], ['sfu', true]);
});

test('hosts in an SFU room: a knock let in joins on the SFU; a removed or ended member leaves its Janus session', async (t) => {
  const { app, url } = await startRelay(t, sfuOptions(2));
  const sfu = app.sfu!;
  const leftJanus: string[] = [];
  const leave = sfu.leave.bind(sfu);
  sfu.leave = (id, room) => (leftJanus.push(id), leave(id, room));
  const [host, guest, knocker] = await Promise.all([connect(t, url), connect(t, url), connect(t, url)]);
  await join(host, 'moderated');
  const guestAck = await join(guest, 'moderated');
  assert.equal(guestAck.mode, 'sfu');
  const act = (request: unknown) => host.timeout(WAIT_MS).emitWithAck('host', request as never);
  await act({ action: 'lobby', enabled: true });
  const waiting = (await knocker.timeout(WAIT_MS).emitWithAck('join', { room: 'moderated' })) as JoinWaiting;
  const admitted = waitFor<JoinAccepted>(knocker, 'admitted');
  await act({ action: 'admit', id: waiting.id });
  assert.equal((await admitted).mode, 'sfu');

  const removed = waitFor(guest, 'dismissed');
  await act({ action: 'remove', id: guestAck.id });
  await removed;
  assert.ok(leftJanus.includes(guestAck.id), 'the removed member left the SFU');
  const ended = waitFor(knocker, 'dismissed');
  await act({ action: 'end' });
  await ended;
  assert.ok(leftJanus.includes(waiting.id), 'everyone left the SFU with the end of the call');
});
