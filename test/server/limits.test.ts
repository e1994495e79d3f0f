// The relay's limits, each hit on purpose: foreign origins (403 before any session), connections per address
// (429), the event rate (rate-limited, then disconnected), sockets that never join, and oversized messages.
// Each time, the exact answer is checked and a bystander is shown to be unaffected.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorMessage, SignalMessage } from '../../src/protocol.ts';
import { connect, flush, join, refusedUpgrade, startRelay, waitFor } from './helpers.ts';
import { ENGINE_PATH, RawClient } from './raw-client.ts';

test('ALLOWED_ORIGINS: another origin gets 403 on HTTP and on the WebSocket upgrade; listed and own origins pass', async (t) => {
  const { app, url } = await startRelay(t, { allowedOrigins: ['https://allowed.example'] });
  const foreign = await app.inject({ url: '/video-conference.js', headers: { origin: 'https://evil.example' } });
  assert.equal(foreign.statusCode, 403);
  assert.match(foreign.json().hint, /evil\.example/);
  const upgrade = await refusedUpgrade(url.replace(/^http/, 'ws') + ENGINE_PATH, { origin: 'https://evil.example' });
  assert.equal(upgrade.status, 403);

  const listed = await app.inject({ url: '/healthz', headers: { origin: 'https://allowed.example' } });
  assert.equal(listed.statusCode, 200);
  const own = await app.inject({ url: '/healthz', headers: { origin: url, host: new URL(url).host } });
  assert.equal(own.statusCode, 200);
  const none = await app.inject({ url: '/healthz' });
  assert.equal(none.statusCode, 200);
  await join(await connect(t, url, { extraHeaders: { origin: 'https://allowed.example' } }), 'room');
});

test('MAX_CONNECTIONS_PER_IP: the next WebSocket from the address gets 429, and a slot frees when one closes', async (t) => {
  const { url } = await startRelay(t, { maxConnectionsPerIp: 2 });
  const first = await RawClient.open(t, url);
  await RawClient.open(t, url);
  const refused = await refusedUpgrade(url.replace(/^http/, 'ws') + ENGINE_PATH);
  assert.equal(refused.status, 429);
  first.ws.close();
  await first.closed;
  // The relay sees the close a moment later: retry until the slot is free (bounded by the test's waits).
  for (let attempt = 0; ; attempt++) {
    try {
      await RawClient.open(t, url);
      break;
    } catch (error) {
      if (attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});

test('rate limit: over the burst, events get rate-limited once; a flood that goes on is disconnected; others carry on', async (t) => {
  const { url } = await startRelay(t, { rateLimitPerSecond: 1, rateLimitBurst: 10 });
  const flooder = await connect(t, url);
  const bystander = await connect(t, url);
  const partner = await connect(t, url);
  await join(flooder, 'flood');
  const { id: partnerId } = await join(partner, 'calm');
  await join(bystander, 'calm');

  const errors: ErrorMessage[] = [];
  flooder.on('error', (error: ErrorMessage) => errors.push(error));
  const disconnected = waitFor<string>(flooder, 'disconnect');
  for (let n = 0; n < 100; n++) flooder.emit('signal', { to: partnerId, data: { n } });
  assert.equal(await disconnected, 'io server disconnect');
  assert.deepEqual(
    errors.filter((error) => error.code === 'rate-limited'),
    [{ code: 'rate-limited', message: 'Too many messages: slow down.' }],
  );

  const delivered = waitFor<SignalMessage>(partner, 'signal');
  bystander.emit('signal', { to: partnerId, data: { still: 'fine' } });
  assert.deepEqual((await delivered).data, { still: 'fine' });
});

test('rate limit: every packet counts, not only events: 9,000 CONNECTs to other namespaces, acks and noops get a burst of answers, then a disconnect', async (t) => {
  const { url } = await startRelay(t, { rateLimitPerSecond: 5, rateLimitBurst: 10 });
  const bystander = await connect(t, url);
  await join(bystander, 'calm');
  const { client: flooder } = await RawClient.connected(t, url);
  const packets = ['40/other,', '430[]', '6'];
  for (let n = 0; n < 9_000 && flooder.isOpen; n++) flooder.send(packets[n % packets.length]!);
  // Read what came back until the relay closed the socket.
  const answers: string[] = [];
  for (;;) {
    const frame = await flooder.next().catch(() => undefined);
    if (frame === undefined) break;
    answers.push(frame);
  }
  const refusedNamespaces = answers.filter((frame) => frame.startsWith('44/other,'));
  assert.ok(refusedNamespaces.length <= 10, `${refusedNamespaces.length} namespace refusals answered`);
  assert.equal(answers.filter((frame) => frame.includes('"rate-limited"')).length, 1);
  assert.equal(answers.at(-1), '41', 'disconnected from the main namespace');
  await flush(bystander);
  assert.equal(bystander.connected, true);
});

test('a socket that joins no room within JOIN_TIMEOUT_MS is disconnected; one that joined stays', async (t) => {
  const { url } = await startRelay(t, { joinTimeoutMs: 200 });
  const idle = await connect(t, url);
  const member = await connect(t, url);
  await join(member, 'room');
  assert.equal(await waitFor<string>(idle, 'disconnect'), 'io server disconnect');
  await flush(member);
  assert.equal(member.connected, true);
});

test('a message over MAX_PAYLOAD_BYTES closes that socket with 1009, again and again, while others are served', async (t) => {
  const { url } = await startRelay(t, { maxPayloadBytes: 4096 });
  const member = await connect(t, url);
  await join(member, 'room');
  for (let round = 0; round < 20; round++) {
    const { client } = await RawClient.connected(t, url);
    client.send(`42["signal",{"to":"x","data":{"big":"${'x'.repeat(8192)}"}}]`);
    assert.equal((await client.closed).code, 1009);
  }
  await flush(member);
  assert.equal(member.connected, true);
});
