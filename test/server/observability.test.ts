// What operators see: Prometheus metrics on /metrics, readiness on /readyz (false while shutting down), and
// TURN credentials in the join ack that coturn's use-auth-secret accepts.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import type { ErrorMessage, IceServersAck } from '../../src/protocol.ts';
import { connect, flush, join, startRelay, waitFor, WAIT_MS } from './helpers.ts';

/** The value of one sample in Prometheus text, e.g. sample(text, 'vc_relay_errors_total{code="room-full"}'). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

test('/metrics counts sockets, rooms, members, relayed messages, errors and resumes', async (t) => {
  const { app, url } = await startRelay(t, { maxPeersPerRoom: 2 });
  const [a, b, c] = [await connect(t, url), await connect(t, url), await connect(t, url)];
  await join(a, 'r');
  const { id } = await join(b, 'r');
  const both = new Promise<void>((resolve) => {
    let count = 0;
    b.on('signal', () => ++count === 2 && resolve());
  });
  a.emit('signal', { to: id, data: { candidate: { candidate: 'x' } } });
  a.emit('signal', { to: id, data: { description: { type: 'offer', sdp: 'x' } } });
  await both;
  const refused = waitFor<ErrorMessage>(c, 'error');
  c.emit('join', { room: 'r' });
  assert.equal((await refused).code, 'room-full');
  await flush(c);

  const response = await app.inject('/metrics');
  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] as string, /^text\/plain/);
  const text = response.body;
  assert.equal(sample(text, 'vc_relay_sockets_open'), 3);
  assert.equal(sample(text, 'vc_relay_rooms'), 1);
  assert.equal(sample(text, 'vc_relay_members'), 2);
  assert.equal(sample(text, 'vc_relay_messages_relayed_total{type="candidate"}'), 1);
  assert.equal(sample(text, 'vc_relay_messages_relayed_total{type="description"}'), 1);
  assert.equal(sample(text, 'vc_relay_errors_total{code="room-full"}'), 1);
  assert.match(text, /vc_relay_process_resident_memory_bytes \d+/);
});

test('/readyz is ready while serving', async (t) => {
  const { app } = await startRelay(t);
  const response = await app.inject('/readyz');
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), { ready: true });
});

test('with TURN_URLS and TURN_SECRET, each join ack carries coturn REST credentials for that peer', async (t) => {
  const secret = 'coturn-static-auth-secret';
  const { url } = await startRelay(t, {
    iceServers: [{ urls: ['stun:stun.example.org'] }],
    turn: { urls: ['turn:turn.example.org:3478', 'turns:turn.example.org:5349'], secret, ttlSeconds: 3600 },
  });
  const before = Math.floor(Date.now() / 1000);
  const ack = await join(await connect(t, url), 'r');
  assert.deepEqual(ack.iceServers[0], { urls: ['stun:stun.example.org'] });
  const turn = ack.iceServers[1]!;
  assert.deepEqual(turn.urls, ['turn:turn.example.org:3478', 'turns:turn.example.org:5349']);
  const [expiry, peer] = turn.username!.split(':');
  assert.equal(peer, ack.id);
  assert.ok(Number(expiry) >= before + 3600 && Number(expiry) <= before + 3601);
  assert.equal(turn.credential, createHmac('sha1', secret).update(turn.username!).digest('base64'));
});

test('ice-servers: a member gets fresh TURN credentials (the TTL says when to ask); before joining, not-joined', async (t) => {
  const { url } = await startRelay(t, { turn: { urls: ['turn:turn.example.org'], secret: 's', ttlSeconds: 600 } });
  const socket = await connect(t, url);
  assert.deepEqual(await socket.timeout(WAIT_MS).emitWithAck('ice-servers'), {
    ok: false,
    code: 'not-joined',
    message: 'join a room first',
  });
  const ack = await join(socket, 'r');
  assert.equal(ack.iceServersTtl, 600);
  const fresh = (await socket.timeout(WAIT_MS).emitWithAck('ice-servers')) as IceServersAck;
  assert.ok(fresh.ok);
  assert.equal(fresh.iceServersTtl, 600);
  const [expiry, peer] = fresh.iceServers[0]!.username!.split(':');
  assert.equal(peer, ack.id);
  assert.ok(Number(expiry) >= Math.floor(Date.now() / 1000) + 599);
  assert.equal(
    fresh.iceServers[0]!.credential,
    createHmac('sha1', 's').update(fresh.iceServers[0]!.username!).digest('base64'),
  );
});

test('without TURN, the ack has no TTL and ice-servers answers the STUN servers alone', async (t) => {
  const { url } = await startRelay(t, { iceServers: [{ urls: ['stun:stun.example.org'] }] });
  const socket = await connect(t, url);
  const ack = await join(socket, 'r');
  assert.equal(ack.iceServersTtl, undefined);
  assert.deepEqual(await socket.timeout(WAIT_MS).emitWithAck('ice-servers'), {
    ok: true,
    iceServers: [{ urls: ['stun:stun.example.org'] }],
  });
});
