// Which socket.io-client settings reach the relay: it speaks WebSocket only, so a client must either ask
// for that transport or let socket.io-client fall back to it; HTTP long-polling is refused by design.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { io, type Socket } from 'socket.io-client';
import { join, startRelay, waitFor } from './helpers.ts';

/** A client with socket.io-client's default transport list (polling first), disconnected after the test. */
function defaultClient(t: TestContext, url: string, tryAllTransports: boolean): Socket {
  const socket = io(url, { forceNew: true, reconnection: false, tryAllTransports });
  t.after(() => socket.disconnect());
  return socket;
}

test('a client with tryAllTransports falls back from long-polling to WebSocket and joins', async (t) => {
  const { url } = await startRelay(t);
  const socket = defaultClient(t, url, true);
  await waitFor(socket, 'connect');
  assert.equal(socket.io.engine.transport.name, 'websocket');
  await join(socket, 'fallback');
});

test('a client with default options gets a connect_error: long-polling is refused with 400', async (t) => {
  const { url } = await startRelay(t);
  const socket = defaultClient(t, url, false);
  const error = await waitFor<Error & { description?: unknown }>(socket, 'connect_error');
  assert.equal(socket.connected, false);
  assert.match(error.message, /xhr poll error/);
  assert.equal(error.description, 400);
});
