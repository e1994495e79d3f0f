// What a site's backend hears of its rooms (WEBHOOK_URL): rooms starting and ending, people joining, leaving,
// knocking and being removed, locks; signed, and once per event even when several relays share a Redis (and
// when the relay whose member it was died).
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { RelayOptions } from '../../server/app.ts';
import type { WebhookEvent } from '../../server/webhooks/webhook-event.ts';
import type { HostAck, JoinWaiting } from '../../src/protocol.ts';
import { cluster, relayProcess } from './cluster.ts';
import { connect, join, startRelay, waitFor, WAIT_MS } from './helpers.ts';
import { backend, SECRET, verifies } from './webhook-backend.ts';

function act(socket: Socket, request: Record<string, unknown>): Promise<HostAck> {
  return socket.timeout(WAIT_MS).emitWithAck('host', request) as Promise<HostAck>;
}

/** A backend, and what a relay needs to report to it. */
async function site(t: TestContext) {
  const receiver = await backend(t);
  const options: RelayOptions = { webhook: { url: receiver.url, secret: SECRET, maxQueued: 1000 } };
  /** Resolves once `count` events in all have arrived; returns them as type + data, in order. */
  const arrived = async (count: number) => {
    while (receiver.received.length < count) await waitFor(receiver.events, 'request');
    return receiver.received.map(({ event }) => brief(event));
  };
  return { receiver, options, arrived };
}

/** An event without what changes from run to run. */
function brief({ type, room, data }: WebhookEvent): string {
  return `${type} ${room} ${JSON.stringify(data)}`;
}

test('a room reports its start, joins, a knock, a lock, a removal, and its end, each signed', async (t) => {
  const { receiver, options, arrived } = await site(t);
  const relay = await startRelay(t, options);
  const host = await connect(t, relay.url);
  const h = (await join(host, 'reported', 'Hannah')).id;
  const guest = await connect(t, relay.url);
  const g = (await join(guest, 'reported', 'Gus')).id;
  await act(host, { action: 'lock', locked: true });
  await act(host, { action: 'lock', locked: false });
  await act(host, { action: 'lobby', enabled: true });
  const knocker = await connect(t, relay.url);
  const knock = (await knocker.timeout(WAIT_MS).emitWithAck('join', { room: 'reported', name: 'Kim' })) as JoinWaiting;
  await act(host, { action: 'remove', id: g });
  await act(host, { action: 'end' });
  assert.deepEqual(await arrived(10), [
    'room-started reported {}',
    `participant-joined reported {"id":"${h}","name":"Hannah","role":"host"}`,
    `participant-joined reported {"id":"${g}","name":"Gus","role":"guest"}`,
    `room-locked reported {"by":"${h}"}`,
    `room-unlocked reported {"by":"${h}"}`,
    `knock reported {"id":"${knock.id}","name":"Kim"}`,
    `participant-left reported {"id":"${g}","reason":"removed"}`,
    `participant-removed reported {"id":"${g}","by":"${h}"}`,
    `participant-left reported {"id":"${h}","reason":"ended"}`,
    'room-ended reported {}',
  ]);
  assert.ok(receiver.received.every((request) => verifies(request)));
});

test('across relays on Redis, each event reaches the backend once, even one about a relay that died', async (t) => {
  const { receiver, options, arrived } = await site(t);
  const { options: shared, relays } = await cluster(t, 2, options);
  const [one, two] = [relays[0]!, relays[1]!];
  const a = await connect(t, one.url);
  const b = await connect(t, two.url);
  const aId = (await join(a, 'spread')).id;
  const bId = (await join(b, 'spread')).id;
  const doomed = await relayProcess(t, shared);
  const c = await connect(t, doomed.url);
  const cId = (await join(c, 'spread')).id;
  await arrived(4);
  doomed.child.kill('SIGKILL');
  await waitFor(a, 'peer-left');
  await a.timeout(WAIT_MS).emitWithAck('leave');
  b.disconnect();
  await arrived(8);
  // A marker through each surviving relay: anything either sent before it has arrived by then.
  for (const { url } of [one, two]) await join(await connect(t, url), 'marker');
  const events = await arrived(11);
  assert.deepEqual(
    events.slice(0, 8).sort(),
    [
      'room-started spread {}',
      `participant-joined spread {"id":"${aId}","role":"host"}`,
      `participant-joined spread {"id":"${bId}","role":"guest"}`,
      `participant-joined spread {"id":"${cId}","role":"guest"}`,
      `participant-left spread {"id":"${cId}","reason":"timeout"}`,
      `participant-left spread {"id":"${aId}","reason":"left"}`,
      `participant-left spread {"id":"${bId}","reason":"disconnected"}`,
      'room-ended spread {}',
    ].sort(),
  );
  assert.equal(events.filter((event) => event.includes(' marker ')).length, 3);
  assert.equal(receiver.received.length, 11, 'no event came twice');
});
