// Events kept for a resume go once they are older than the replay window, also for a member that gets no more
// events (memory-store.ts sweeps every member once per window, besides pruning as events come); a member held
// for a resume keeps all of its events through the sweeps.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestContext } from 'node:test';
import { Member } from '../../server/memory-rooms.ts';
import { MemoryStore } from '../../server/memory-store.ts';
import type { Delivery } from '../../server/room-store.ts';

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
