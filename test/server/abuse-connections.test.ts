// Attacks on the relay's connection limits: handshakes that never finish their headers (counted from the TCP
// accept and closed after HEADERS_TIMEOUT_MS), a forged X-Forwarded-For (only the proxies' own entries are
// believed), and a DNS-rebinding page (own origin judged from PUBLIC_URL, not the Host header).
import assert from 'node:assert/strict';
import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import { test, type TestContext } from 'node:test';
import WebSocket from 'ws';
import type { SignalMessage } from '../../src/protocol.ts';
import { connect, join, refusedUpgrade, startRelay, waitFor, within, type ClientOptions } from './helpers.ts';
import { ENGINE_PATH } from './raw-client.ts';

/**
 * Another loopback address for the well-behaved clients, so the attacker's limit is not theirs (engine.io-client
 * hands `localAddress` on to ws, though its types do not list it).
 */
const FROM_ANOTHER_ADDRESS = { localAddress: '127.0.0.2' } as ClientOptions;

/** A TCP connection that starts a WebSocket handshake and never finishes its headers; what comes back, and when it closed. */
function halfOpenHandshake(t: TestContext, port: number) {
  const socket: TcpSocket = tcpConnect({ port, host: '127.0.0.1' });
  t.after(() => socket.destroy());
  let answer = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
  socket.on('error', () => {});
  socket.write(`GET ${ENGINE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n`);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { closed, answer: () => answer };
}

test(
  '300 handshakes that never finish their headers: past MAX_CONNECTIONS_PER_IP they get 429 at once, the rest are closed after HEADERS_TIMEOUT_MS; others are served meanwhile',
  { timeout: 30_000 },
  async (t) => {
    const { port, url } = await startRelay(t, {
      maxConnectionsPerIp: 20,
      headersTimeoutMs: 500,
      requestTimeoutMs: 1000,
    });
    const handshakes = Array.from({ length: 300 }, () => halfOpenHandshake(t, port));

    const [a, b] = [await connect(t, url, FROM_ANOTHER_ADDRESS), await connect(t, url, FROM_ANOTHER_ADDRESS)];
    await join(a, 'calm');
    const { id } = await join(b, 'calm');
    const delivered = waitFor<SignalMessage>(b, 'signal');
    a.emit('signal', { to: id, data: { still: 'fine' } });
    assert.deepEqual((await delivered).data, { still: 'fine' });

    await within(
      Promise.all(handshakes.map((handshake) => handshake.closed)),
      'every half-open handshake closed',
      10_000,
    );
    const refused = handshakes.filter((handshake) => handshake.answer().startsWith('HTTP/1.1 429'));
    assert.equal(refused.length, 280);
    assert.match(refused[0]!.answer(), /"too many connections from this address"/);
  },
);

/** Opens a WebSocket with extra headers (as a reverse proxy would send them); resolves once it is open. */
async function openWithHeaders(t: TestContext, url: string, headers: Record<string, string>): Promise<void> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + ENGINE_PATH, { headers });
  t.after(() => ws.terminate());
  await within(new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject)), 'WebSocket open');
}

for (const trustProxy of [1, ['127.0.0.1']]) {
  test(`TRUST_PROXY=${trustProxy}: a forged X-Forwarded-For entry does not help a client past MAX_CONNECTIONS_PER_IP`, async (t) => {
    const { url } = await startRelay(t, { maxConnectionsPerIp: 2, trustProxy });
    // The test is the proxy: it appends the client's real address, after whatever the client wrote.
    const fromClient = (forged: string) => ({ 'x-forwarded-for': `${forged}, 203.0.113.7` });
    await openWithHeaders(t, url, fromClient('198.51.100.1'));
    await openWithHeaders(t, url, fromClient('198.51.100.2'));
    const third = await refusedUpgrade(url.replace(/^http/, 'ws') + ENGINE_PATH, fromClient('198.51.100.3'));
    assert.equal(third.status, 429);
    // Another client behind the same proxy has slots of its own.
    await openWithHeaders(t, url, { 'x-forwarded-for': '203.0.113.8' });
  });
}

test('TRUST_PROXY with addresses: a client that is not a listed proxy is counted by its own address, whatever it claims', async (t) => {
  const { url } = await startRelay(t, { maxConnectionsPerIp: 2, trustProxy: ['192.0.2.1'] });
  await openWithHeaders(t, url, { 'x-forwarded-for': '198.51.100.1' });
  await openWithHeaders(t, url, { 'x-forwarded-for': '198.51.100.2' });
  const third = await refusedUpgrade(url.replace(/^http/, 'ws') + ENGINE_PATH, { 'x-forwarded-for': '198.51.100.3' });
  assert.equal(third.status, 429);
});

test('PUBLIC_URL: a DNS-rebinding page (its own name in Host and Origin) is refused; the relay’s real origin is its own', async (t) => {
  const rebinding = { origin: 'http://evil.example:3000', host: 'evil.example:3000' };
  const guarded = await startRelay(t, { allowedOrigins: ['https://site.example'], publicUrl: 'https://relay.example' });
  assert.equal((await guarded.app.inject({ url: '/healthz', headers: rebinding })).statusCode, 403);
  const upgrade = await refusedUpgrade(guarded.url.replace(/^http/, 'ws') + ENGINE_PATH, rebinding);
  assert.equal(upgrade.status, 403);
  const own = { origin: 'https://relay.example', host: 'relay.example' };
  assert.equal((await guarded.app.inject({ url: '/healthz', headers: own })).statusCode, 200);

  // Without PUBLIC_URL the Host header is all the relay has to go on (hence the setting).
  const unguarded = await startRelay(t, { allowedOrigins: ['https://site.example'] });
  assert.equal((await unguarded.app.inject({ url: '/healthz', headers: rebinding })).statusCode, 200);
});
