// The Socket.IO layer on its own (socketIoPlugin on a bare Fastify, with handlers written here): the auth
// payload, acks the relay asks for (emitWithAck), and handlers that throw, against the real socket.io-client.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import websocket from '@fastify/websocket';
import fastify from 'fastify';
import { DEFAULT_SETTINGS } from '../../server/config.ts';
import { socketIoPlugin } from '../../server/socketio/plugin.ts';
import type { Session, SocketIoConnection, SocketIoHandlers } from '../../server/socketio/socketio-connection.ts';
import { client, connect, deferred, listen, waitFor, within, WAIT_MS } from './helpers.ts';

/**
 * Listens with the Socket.IO layer alone; `onConnect` gets each connection and its auth payload, and may return
 * the parts of its session a test needs (the rest do nothing).
 */
async function startLayer(
  t: TestContext,
  onConnect: (connection: SocketIoConnection, auth: Record<string, unknown>) => Partial<Session> | void,
  extra: Partial<SocketIoHandlers> = {},
) {
  const app = fastify();
  app.register(websocket);
  app.register(socketIoPlugin, {
    ...DEFAULT_SETTINGS,
    connectionLimit: { admitUpgrade: () => true },
    handlers: {
      connect: (connection, auth) => ({
        event: () => {},
        rateLimited: () => {},
        disconnected: () => {},
        ...onConnect(connection, auth),
      }),
      handlerError: () => {},
      shutdown: () => {},
      socketsChanged: () => {},
      ...extra,
    },
  });
  return listen(t, app);
}

test('the connect handler receives the auth payload the client sent', async (t) => {
  const auth = deferred<Record<string, unknown>>();
  const { url } = await startLayer(t, (_connection, payload) => auth.resolve(payload));
  await connect(t, url, { auth: { token: 'x' } });
  assert.deepEqual(await within(auth.promise, 'connect handler'), { token: 'x' });
});

test('emitWithAck resolves with what the client acknowledged', async (t) => {
  const answer = deferred<unknown>();
  const { url } = await startLayer(t, (connection) => {
    connection.emitWithAck('ping-me', WAIT_MS, { n: 1 }).then(answer.resolve, answer.reject);
  });
  const socket = client(t, url); // listening before the relay can emit
  socket.on('ping-me', (payload: { n: number }, callback: (response: unknown) => void) =>
    callback({ pong: payload.n }),
  );
  assert.deepEqual(await within(answer.promise, 'ack'), { pong: 1 });
});

test('emitWithAck keeps concurrent acks apart', async (t) => {
  const answers = deferred<unknown[]>();
  const { url } = await startLayer(t, (connection) => {
    const asks = [1, 2, 3].map((n) => connection.emitWithAck('double', WAIT_MS, n));
    Promise.all(asks).then(answers.resolve, answers.reject);
  });
  const socket = client(t, url); // listening before the relay can emit
  // Answer in reverse order, so that matching by arrival would get them wrong.
  const pending: Array<() => void> = [];
  socket.on('double', (n: number, callback: (response: number) => void) => {
    pending.push(() => callback(n * 2));
    if (pending.length === 3) for (const answer of pending.reverse()) answer();
  });
  assert.deepEqual(await within(answers.promise, 'acks'), [2, 4, 6]);
});

test('emitWithAck rejects when the client does not answer in time', async (t) => {
  const outcome = deferred<unknown>();
  const { url } = await startLayer(t, (connection) => {
    connection.emitWithAck('ignored', 100).then(outcome.resolve, outcome.resolve);
  });
  await connect(t, url);
  const error = await within(outcome.promise, 'rejection');
  assert.ok(error instanceof Error);
  assert.match(error.message, /no ack for ignored/);
});

test('emitWithAck rejects when the client disconnects first', async (t) => {
  const outcome = deferred<unknown>();
  const asked = deferred<void>();
  const { url } = await startLayer(t, (connection) => {
    connection.emitWithAck('ignored', 60_000).then(outcome.resolve, outcome.resolve);
  });
  const socket = client(t, url); // listening before the relay can emit
  socket.on('ignored', () => asked.resolve());
  await within(asked.promise, 'the question');
  socket.disconnect();
  const error = await within(outcome.promise, 'rejection');
  assert.ok(error instanceof Error);
  assert.match(error.message, /disconnected/);
});

test('a handler that throws is reported and the connection stays up', async (t) => {
  const reported = deferred<[string, unknown]>();
  const { url } = await startLayer(
    t,
    () => ({
      event: ([name, value], ack) => {
        if (name === 'boom') throw new Error('boom');
        ack?.(value);
      },
    }),
    { handlerError: (_connection, event, error) => reported.resolve([event, error]) },
  );
  const socket = await connect(t, url);
  socket.emit('boom');
  const [event, error] = await within(reported.promise, 'handlerError');
  assert.equal(event, 'boom');
  assert.equal((error as Error).message, 'boom');
  assert.equal(await socket.timeout(WAIT_MS).emitWithAck('echo', 'still here'), 'still here');
});

test('emitWithAck on a connection that is already gone rejects at once, without waiting for its timeout', async (t) => {
  const gone = deferred<SocketIoConnection>();
  const { url } = await startLayer(t, (connection) => ({ disconnected: () => gone.resolve(connection) }));
  const socket = await connect(t, url);
  socket.disconnect();
  const connection = await within(gone.promise, 'disconnect');
  await assert.rejects(within(connection.emitWithAck('late', 60 * WAIT_MS), 'rejection'), /not connected/);
});

test('disconnect handlers are told why the client left', async (t) => {
  const reasons: string[] = [];
  const disconnected = deferred<void>();
  const { url } = await startLayer(t, () => ({
    disconnected: (reason) => {
      reasons.push(reason);
      disconnected.resolve();
    },
  }));
  const socket = await connect(t, url);
  const closed = waitFor(socket, 'disconnect');
  socket.disconnect();
  await closed;
  await within(disconnected.promise, 'disconnect handler');
  assert.deepEqual(reasons, ['client namespace disconnect']);
});
