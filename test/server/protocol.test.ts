// Engine.IO v4 / Socket.IO v5 conformance of the relay, packet by packet on a raw WebSocket:
// the open packet, CONNECT (with auth, to other namespaces), EVENT with ACK, and DISCONNECT (DESIGN.md §3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connect, join, startRelay, waitFor } from './helpers.ts';
import { RawClient } from './raw-client.ts';
import type { PeerJoinedMessage, PeerLeftMessage } from '../../src/protocol.ts';

test('the open packet announces the session, no upgrades, the heartbeat and the payload limit', async (t) => {
  const { url } = await startRelay(t, { pingIntervalMs: 1234, pingTimeoutMs: 567, maxPayloadBytes: 8192 });
  const raw = await RawClient.open(t, url);
  const open = await raw.next();
  assert.equal(open[0], '0', `expected an open packet, got ${open}`);
  const { sid, ...rest } = JSON.parse(open.slice(1));
  assert.equal(typeof sid, 'string');
  assert.ok(sid.length > 0);
  assert.deepEqual(rest, { upgrades: [], pingInterval: 1234, pingTimeout: 567, maxPayload: 8192 });
});

test('CONNECT to the main namespace is answered with a CONNECT carrying a sid', async (t) => {
  const { url } = await startRelay(t);
  const { connectAnswer } = await RawClient.connected(t, url);
  assert.match(connectAnswer, /^40\{/);
  const { sid } = JSON.parse(connectAnswer.slice(2));
  assert.equal(typeof sid, 'string');
  assert.ok(sid.length > 0);
});

test('CONNECT with an auth payload is accepted', async (t) => {
  const { url } = await startRelay(t);
  const raw = await RawClient.open(t, url);
  await raw.next(); // open
  raw.send('40{"token":"x"}');
  const answer = await raw.next();
  assert.match(answer, /^40\{"sid":"[^"]+"\}$/);
});

test('CONNECT to another namespace gets CONNECT_ERROR, and the main namespace stays available', async (t) => {
  const { url } = await startRelay(t);
  const raw = await RawClient.open(t, url);
  await raw.next(); // open
  raw.send('40/admin,');
  const refusal = await raw.next();
  assert.ok(refusal.startsWith('44/admin,'), `expected CONNECT_ERROR for /admin, got ${refusal}`);
  assert.equal(typeof JSON.parse(refusal.slice('44/admin,'.length)).message, 'string');

  raw.send('40');
  assert.match(await raw.next(), /^40\{/);
});

test('an EVENT with an ack id is answered with an ACK of the same id', async (t) => {
  const { url } = await startRelay(t);
  const { client: raw } = await RawClient.connected(t, url);
  raw.send('420["leave"]');
  assert.equal(await raw.next(), '430[{"ok":true}]');
  raw.send('427["join",{"room":"acks"}]');
  const answer = await raw.next();
  assert.ok(answer.startsWith('437['), `expected ACK 7, got ${answer}`);
  assert.equal(JSON.parse(answer.slice(3))[0].ok, true);
});

test('a DISCONNECT from the client ends its session: the room hears peer-left "disconnected"', async (t) => {
  const { url } = await startRelay(t);
  const other = await connect(t, url);
  await join(other, 'bye');
  const { client: raw } = await RawClient.connected(t, url);
  const joined = waitFor<PeerJoinedMessage>(other, 'peer-joined');
  raw.send('421["join",{"room":"bye"}]');
  const { id } = JSON.parse((await raw.next()).slice(3))[0];
  assert.equal((await joined).id, id);

  const left = waitFor<PeerLeftMessage>(other, 'peer-left');
  raw.send('41');
  assert.deepEqual(await left, { id, reason: 'disconnected' });
  await raw.waitClosed();
});
