// Members held for a resume are bounded: RESUME_HELD_PER_IP per client address and RESUME_HELD_BYTES of kept
// events on the relay. Past either, the oldest hold ends at once (the room hears peer-left `timeout`, the
// metrics count it `evicted`); the newer ones can still resume.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { JoinAccepted, PeerLeftMessage } from '../../src/protocol.ts';
import { connect, flush, join, REDIS_MODE, startRelay, waitFor, WAIT_MS, type Listening } from './helpers.ts';

/** Kills the transport without a goodbye, as a network failure does. */
async function drop(socket: Socket): Promise<void> {
  const gone = waitFor(socket, 'disconnect');
  socket.io.engine.close();
  await gone;
}

/** The value of one series in the relay's Prometheus text. */
async function metric({ app }: Listening, series: string): Promise<number> {
  const text = (await app.inject('/metrics')).body;
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** Polls the relay's metric until it has the value (the relay sees a drop a moment after the client). */
async function metricReaches(relay: Listening, series: string, value: number): Promise<void> {
  for (let polls = 0; (await metric(relay, series)) !== value; polls++) {
    if (polls === 250) assert.fail(`${series} stayed at ${await metric(relay, series)}, not ${value}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A member that joins `room` and drops; resolves once the relay holds it (or has ended an older hold for it). */
async function joinAndDrop(t: TestContext, relay: Listening, room: string): Promise<JoinAccepted> {
  const holds = async () =>
    (await metric(relay, 'vc_relay_members_held')) + (await metric(relay, 'vc_relay_resumes_total{outcome="evicted"}'));
  const before = await holds();
  const socket = await connect(t, relay.url);
  const ack = await join(socket, room);
  await drop(socket);
  for (let polls = 0; (await holds()) === before; polls++) {
    if (polls === 250) assert.fail('the relay never held the dropped member');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return ack;
}

test('RESUME_HELD_PER_IP: the oldest holds from an address end at once; the newest can still resume', async (t) => {
  const relay = await startRelay(t, { resumeHeldPerIp: 3 });
  const stayer = await connect(t, relay.url);
  await join(stayer, 'r');
  const left: PeerLeftMessage[] = [];
  stayer.on('peer-left', (message: PeerLeftMessage) => left.push(message));

  const dropped: JoinAccepted[] = [];
  for (let n = 0; n < 6; n++) dropped.push(await joinAndDrop(t, relay, 'r'));
  await flush(stayer);
  assert.deepEqual(
    left,
    dropped.slice(0, 3).map(({ id }) => ({ id, reason: 'timeout' })),
  );
  assert.equal(await metric(relay, 'vc_relay_members_held'), 3);
  assert.equal(await metric(relay, 'vc_relay_resumes_total{outcome="evicted"}'), 3);

  const back = await connect(t, relay.url);
  const newest = dropped.at(-1)!;
  const ack = (await back
    .timeout(WAIT_MS)
    .emitWithAck('join', { room: 'r', resume: newest.resume, received: 0 })) as JoinAccepted;
  assert.equal(ack.resumed, true);
  assert.equal(ack.id, newest.id);
  await metricReaches(relay, 'vc_relay_members_held', 2);
});

// With Redis the held events are kept in Redis (each member's within RESUME_BUFFER_BYTES), not on the relay.
const inMemoryOnly = { skip: REDIS_MODE && 'held events live in Redis, not in the relay' };

test('RESUME_HELD_BYTES: when held events pass the bound, the oldest hold ends first', inMemoryOnly, async (t) => {
  const relay = await startRelay(t, { resumeHeldBytes: 100_000, resumeBufferBytes: 80_000 });
  const stayer = await connect(t, relay.url);
  await join(stayer, 'r');
  const big = 'x'.repeat(10_000);
  const fill = async (to: string) => {
    for (let n = 0; n < 6; n++) stayer.emit('signal', { to, data: { big } });
    await flush(stayer);
  };

  const first = await joinAndDrop(t, relay, 'r');
  await fill(first.id);
  assert.ok((await metric(relay, 'vc_relay_resume_held_bytes')) >= 60_000);
  const firstLeft = waitFor<PeerLeftMessage>(stayer, 'peer-left');
  const second = await joinAndDrop(t, relay, 'r');
  await fill(second.id);
  assert.deepEqual(await firstLeft, { id: first.id, reason: 'timeout' });
  assert.ok((await metric(relay, 'vc_relay_resume_held_bytes')) <= 100_000);
  assert.equal(await metric(relay, 'vc_relay_members_held'), 1);
});
