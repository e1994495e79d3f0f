// Events kept for a resume go once they are older than the replay window, also for a member that gets no more
// events (memory-store.ts sweeps every member once per window, besides pruning as events come, and so does the
// Redis store, with a script over the members of its relay, a page at a time); a member held for a resume keeps
// all of its events through the sweeps.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestContext } from 'node:test';
import { Redis } from 'ioredis';
import { Member } from '../../server/memory-rooms.ts';
import { MemoryStore } from '../../server/memory-store.ts';
import type { Delivery } from '../../server/room-store.ts';
import { cluster } from './cluster.ts';
import { connect, join, waitFor } from './helpers.ts';

const WINDOW_MS = 50;

function delivery(connection: string): Delivery {
  return { connection, send() {}, whenReceived() {}, revoke() {}, dismiss() {}, lobby() {} };
}

/** A store with a short window, and two members of one room: the second has been sent `signals` events. */
async function pairWithSignals(t: TestContext, signals: number): Promise<{ store: MemoryStore; receiver: Member }> {
  const store = new MemoryStore({
    replayWindowMs: WINDOW_MS,
    replayBytes: 1 << 20,
    holdLimits: { perIp: 10, bytes: 1 << 20 },
    expired() {},
    dismissedAway() {},
  });
  t.after(() => store.close());
  const join = async (connection: string) => {
    const access = { banKey: '127.0.0.1', maxKnocks: 10 };
    const outcome = await store.join({ room: 'r', delivery: delivery(connection), maxPeers: 8, access });
    assert.ok(outcome.ok === true && outcome.member instanceof Member);
    return outcome.member;
  };
  const sender = await join('a');
  const receiver = await join('b');
  for (let n = 0; n < signals; n++) assert.ok(store.signal(sender, receiver.id, `["signal",{"n":${n}}]`));
  return { store, receiver };
}

test('a connected member that gets no more events lets go of what it kept once the window has passed', async (t) => {
  const { receiver } = await pairWithSignals(t, 5);
  assert.ok(receiver.bytes > 0, 'the events are kept at first');
  for (let waited = 0; receiver.bytes > 0 && waited < 10_000; waited += WINDOW_MS) await sleep(WINDOW_MS);
  assert.equal(receiver.bytes, 0);
});

test('a member held for a resume keeps its events through the sweeps, and gets them all back', async (t) => {
  const { store, receiver } = await pairWithSignals(t, 5);
  await store.hold(receiver, receiver.delivery!, 60_000, '127.0.0.1');
  await sleep(5 * WINDOW_MS); // several sweeps
  const outcome = await store.resume({ room: 'r', token: receiver.resumeToken, received: 0, delivery: delivery('b2') });
  assert.equal(outcome.outcome, 'resumed');
  assert.equal((outcome as { missed: unknown[] }).missed.length, 5);
});

test('on Redis too, a member that gets no more events lets go of what it kept once the window has passed', async (t) => {
  // The replay window is pingInterval + pingTimeout.
  const { redis, options, relays } = await cluster(t, 1, { pingIntervalMs: 100, pingTimeoutMs: 100 });
  const [sender, receiver] = [await connect(t, relays[0]!.url), await connect(t, relays[0]!.url)];
  await join(sender, 'r');
  const { id } = await join(receiver, 'r');
  const received = waitFor<{ data: { n: number } }>(receiver, 'signal', { filter: (message) => message.data.n === 4 });
  for (let n = 0; n < 5; n++) sender.emit('signal', { to: id, data: { n } });
  await received;
  const db = new Redis(redis.url);
  t.after(() => db.quit());
  const kept = `${options.redisKeyPrefix}l:${id}`;
  assert.ok((await db.llen(kept)) >= 5, 'the events are kept at first');
  for (let waited = 0; (await db.llen(kept)) > 0 && waited < 10_000; waited += 100) await sleep(100);
  assert.equal(await db.llen(kept), 0);
});

test('on Redis, the sweep goes through every member of a relay, a page at a time', async (t) => {
  const { redis, options, relays } = await cluster(t, 1, { pingIntervalMs: 100, pingTimeoutMs: 100 });
  // A member on the relay makes its set of members; more than a page of members with old kept events join it.
  await join(await connect(t, relays[0]!.url), 'r');
  const db = new Redis(redis.url);
  t.after(() => db.quit());
  const P = options.redisKeyPrefix;
  const [set] = await db.keys(`${P}n:*`);
  assert.ok(set, "the relay's set of members");
  const ids = Array.from({ length: 1_000 }, (_, n) => `swept${n}`);
  const seeding = db.multi();
  for (const id of ids) {
    seeding.sadd(set, id);
    seeding.hset(`${P}m:${id}`, { bytes: 12, cap: 262_144, win: 200, away: 0 });
    seeding.rpush(`${P}l:${id}`, '1,0,12,["n",{}]');
  }
  await seeding.exec();
  const lists = ids.map((id) => `${P}l:${id}`);
  const keeping = () => db.exists(...lists);
  for (let waited = 0; (await keeping()) > 0 && waited < 10_000; waited += 100) await sleep(100);
  assert.equal(await keeping(), 0);
});
