// Shared helpers for the relay tests: a relay on an ephemeral loopback port, socket.io-clients connected
// to it, and waits that are always bounded, so that a broken relay fails a test instead of hanging it.
// With RELAY_STORE=redis (npm run test:server:redis) every relay keeps its rooms in a redis-server that this
// test process starts, each under its own key prefix, so the same tests check both stores.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { buildRelay, type RelayOptions } from '../../server/app.ts';
import type { ErrorMessage, JoinAccepted, JoinAck } from '../../src/protocol.ts';
import { startRedis, type RedisServer } from '../support/redis-server.mjs';

/** The bound on every single wait: generous, because the machines are shared and noisy. */
export const WAIT_MS = 5_000;

export interface Listening {
  app: FastifyInstance;
  port: number;
  /** `http://127.0.0.1:PORT`, the form socket.io-client takes. */
  url: string;
}

/** Listens on loopback (an ephemeral port unless one is given) and closes the app after the test. */
export async function listen(t: TestContext, app: FastifyInstance, port = 0): Promise<Listening> {
  t.after(() => app.close());
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  return { app, port: address.port, url: `http://127.0.0.1:${address.port}` };
}

/** Builds the real relay and listens; it is closed after the test. */
export async function startRelay(t: TestContext, options: RelayOptions = {}, port = 0): Promise<Listening> {
  return listen(t, buildRelay({ ...(await storeOptions()), ...options }), port);
}

export const REDIS_MODE = process.env.RELAY_STORE === 'redis';
let sharedRedis: Promise<RedisServer> | undefined;
let prefixes = 0;

/** In Redis mode: this process's redis-server (started once) and a key prefix of the relay's own. */
async function storeOptions(): Promise<RelayOptions> {
  if (!REDIS_MODE) return {};
  sharedRedis ??= startRedis();
  return { redisUrl: (await sharedRedis).url, redisKeyPrefix: `t${process.pid}-${++prefixes}:` };
}

export type ClientOptions = Partial<ManagerOptions & SocketOptions>;

/**
 * A socket.io-client on the WebSocket transport (the only one the relay speaks), not reconnecting unless
 * asked to, and disconnected after the test.
 */
export function client(t: TestContext, url: string, options: ClientOptions = {}): Socket {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...options });
  t.after(() => socket.disconnect());
  return socket;
}

/** A client that has connected to the main namespace; a connect_error fails at once, with its message. */
export async function connect(t: TestContext, url: string, options: ClientOptions = {}): Promise<Socket> {
  const socket = client(t, url, options);
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error): void => {
      clearTimeout(timer);
      socket.off('connect', onConnect).off('connect_error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onConnect = (): void => settle();
    const onError = (error: Error): void => settle(new Error(`connect_error: ${error.message}`));
    const timer = setTimeout(() => settle(new Error(`no connect within ${WAIT_MS} ms`)), WAIT_MS);
    socket.on('connect', onConnect).on('connect_error', onError);
  });
  return socket;
}

/** Joins a room and returns the accepted ack; fails the test if the relay refuses. */
export async function join(socket: Socket, room: string, name?: string): Promise<JoinAccepted> {
  const ack = (await socket
    .timeout(WAIT_MS)
    .emitWithAck('join', name === undefined ? { room } : { room, name })) as JoinAck;
  assert.equal(ack.ok, true, `join refused: ${JSON.stringify(ack)}`);
  return ack as JoinAccepted;
}

/** Anything with EventEmitter-style listeners: a socket.io-client Socket, a ws WebSocket, a child process. */
export interface Listenable {
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
}

/** The first argument of the next `event` (that passes `filter`), or a rejection after `timeoutMs`. */
export function waitFor<T = unknown>(
  target: Listenable,
  event: string,
  { timeoutMs = WAIT_MS, filter }: { timeoutMs?: number; filter?: (value: T) => boolean } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const listener = (value: T): void => {
      if (filter && !filter(value)) return;
      clearTimeout(timer);
      target.off(event, listener);
      resolve(value);
    };
    const timer = setTimeout(() => {
      target.off(event, listener);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    target.on(event, listener);
  });
}

/** Settles like `promise`, or rejects with `what` once `timeoutMs` has passed. */
export function within<T>(promise: Promise<T>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Every event the client receives, in order, as `[name, ...args]`. */
export function record(socket: Socket): unknown[][] {
  const log: unknown[][] = [];
  socket.onAny((event: string, ...args: unknown[]) => log.push([event, ...args]));
  return log;
}

/** The names of the recorded events, leaving out the answers to `flush`. */
export function eventNames(log: unknown[][]): string[] {
  return log.filter(([name, payload]) => !isFlushAnswer(name, payload)).map(([name]) => name as string);
}

let flushes = 0;

/**
 * Resolves once the relay has answered a round trip on this socket. The relay handles messages in order and
 * a WebSocket keeps them in order, so anything the relay sent this client before has arrived by then: this is
 * how tests show that something was *not* delivered without sleeping. The round trip is an unknown event,
 * which the relay answers with an `error` event naming it.
 */
export async function flush(socket: Socket): Promise<void> {
  const marker = `flush-${++flushes}`;
  const answered = waitFor<ErrorMessage>(socket, 'error', { filter: (error) => error.message.includes(marker) });
  socket.emit(marker);
  await answered;
}

function isFlushAnswer(name: unknown, payload: unknown): boolean {
  return name === 'error' && /"flush-\d+"/.test((payload as ErrorMessage).message);
}

/** A promise with its resolve and reject at hand (Promise.withResolvers arrives in Node 22). */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Attempts a WebSocket upgrade and returns the HTTP status and body of its refusal. */
export async function refusedUpgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const ws = new WebSocket(url, { headers });
  try {
    return await within(
      new Promise((resolve, reject) => {
        ws.on('open', () => reject(new Error('the upgrade was accepted')));
        ws.on('error', () => {}); // aborting after unexpected-response emits one
        ws.on('unexpected-response', (_request, response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
      }),
      'upgrade refusal',
    );
  } finally {
    ws.terminate();
  }
}
