// socket.io-client's own reconnection against the relay: when the relay closes, it tells each client why
// (server-shutting-down) and closes the transport; when a new relay comes up on the same port, the client
// reconnects with its usual backoff and can join again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connect, join, startRelay, waitFor } from './helpers.ts';

test('a client reconnects by itself to a relay restarted on the same port, and joins again', async (t) => {
  const first = await startRelay(t);
  const socket = await connect(t, first.url, { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 300 });
  await join(socket, 'again');

  const told = waitFor<{ code: string }>(socket, 'error');
  const dropped = waitFor<string>(socket, 'disconnect');
  await first.app.close();
  assert.equal((await told).code, 'server-shutting-down');
  assert.equal(await dropped, 'transport close');

  const reconnected = waitFor(socket, 'connect');
  const second = await startRelay(t, {}, first.port);
  await reconnected;
  assert.equal(second.port, first.port);
  assert.equal(socket.connected, true);
  await join(socket, 'again');
});
