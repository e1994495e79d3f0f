// When the relay closes a connection itself: packets it cannot parse (1002), messages over the payload
// limit (1009), and clients that never send a Socket.IO CONNECT. The relay keeps serving others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startRelay } from './helpers.ts';
import { RawClient } from './raw-client.ts';

const malformed: Array<[string, string | Buffer]> = [
  ['a malformed Engine.IO packet', '9zzz'],
  ['a malformed Socket.IO packet', '42[bad json'],
  ['an unknown Socket.IO packet type', '49["join"]'],
  ['a binary frame that no BINARY_EVENT announced', Buffer.from([1, 2, 3])],
  ['a BINARY_EVENT announcing more attachments than allowed', '4599-["join",{"room":"r"}]'],
  ['an ack id beyond the safe integers', '4299999999999999999999["leave"]'],
  ['an EVENT without a payload', '42'],
  ['an EVENT with an ack id and no payload', '427'],
];

for (const [what, packet] of malformed) {
  test(`${what} closes the socket with 1002`, async (t) => {
    const { url } = await startRelay(t);
    const { client: raw } = await RawClient.connected(t, url);
    raw.send(packet);
    assert.equal((await raw.waitClosed()).code, 1002);
  });
}

test('an EVENT without a payload, queued behind a join, closes the socket with 1002', async (t) => {
  const { url } = await startRelay(t);
  const { client: raw } = await RawClient.connected(t, url);
  // The join's handler is async: what comes next waits for it, past the decoder's own error handling.
  raw.send('420["join",{"room":"r"}]');
  raw.send('42');
  assert.equal((await raw.waitClosed()).code, 1002);
});

test('a parse error ends only that connection', async (t) => {
  const { url } = await startRelay(t);
  const { client: bystander } = await RawClient.connected(t, url);
  const { client: broken } = await RawClient.connected(t, url);
  broken.send('42[bad json');
  await broken.waitClosed();
  bystander.send('420["leave"]');
  assert.equal(await bystander.next(), '430[{"ok":true}]');
});

test('a WebSocket message larger than maxPayloadBytes closes the socket with 1009', async (t) => {
  const { url } = await startRelay(t, { maxPayloadBytes: 1024 });
  const { client: raw } = await RawClient.connected(t, url);
  raw.send(`42["join",{"room":"r","name":"${'x'.repeat(2000)}"}]`);
  assert.equal((await raw.waitClosed()).code, 1009);
});

test('a message just under maxPayloadBytes is accepted', async (t) => {
  const { url } = await startRelay(t, { maxPayloadBytes: 1024 });
  const { client: raw } = await RawClient.connected(t, url);
  const frame = `420["leave","${'x'.repeat(900)}"]`;
  assert.ok(Buffer.byteLength(frame) < 1024);
  raw.send(frame);
  assert.equal(await raw.next(), '430[{"ok":true}]');
});

test('a client that sends no CONNECT within connectTimeoutMs is closed', async (t) => {
  const { url } = await startRelay(t, { connectTimeoutMs: 200 });
  const raw = await RawClient.open(t, url);
  assert.match(await raw.next(), /^0\{/);
  await raw.waitClosed();
});

test('a client that sends CONNECT in time outlives the connect timeout', async (t) => {
  const { url } = await startRelay(t, { connectTimeoutMs: 200 });
  const { client: raw } = await RawClient.connected(t, url);
  // Outlast the timeout: a timer left running would close the socket meanwhile.
  await new Promise((resolve) => setTimeout(resolve, 400));
  raw.send('420["leave"]');
  assert.equal(await raw.next(), '430[{"ok":true}]');
});
