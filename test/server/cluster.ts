// Scale-out test set-ups: a redis-server of the test's own on a random loopback port, and relays sharing it
// under one key prefix (in this process, or as a child process that can be killed like a crashed machine).
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RelayOptions } from '../../server/app.ts';
import type { SignalMessage } from '../../src/protocol.ts';
import { startRedis, type RedisServer } from '../support/redis-server.mjs';
import { startRelay, waitFor, within, type Listening } from './helpers.ts';
import type { Socket } from 'socket.io-client';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Short heartbeats, so that a dead relay is noticed within a test's wait. */
export const FAST_LIVENESS = { nodeHeartbeatMs: 100, nodeTtlMs: 600 };

let clusters = 0;

export interface Cluster {
  redis: RedisServer;
  /** What each relay of this cluster is given: the Redis URL, the shared key prefix, fast liveness. */
  options: RelayOptions;
  relays: Listening[];
}

/** A redis-server (stopped after the test) and `count` relays on it. */
export async function cluster(t: TestContext, count = 2, extra: RelayOptions = {}): Promise<Cluster> {
  const redis = await startRedis();
  t.after(() => redis.stop());
  const options = { redisUrl: redis.url, redisKeyPrefix: `c${++clusters}:`, ...FAST_LIVENESS, ...extra };
  const relays: Listening[] = [];
  for (let i = 0; i < count; i++) relays.push(await startRelay(t, options));
  return { redis, options, relays };
}

/** The relay's CLI as a child process on the cluster's Redis, killed after the test; resolves with its URL. */
export async function relayProcess(
  t: TestContext,
  options: RelayOptions,
): Promise<{ url: string; child: ChildProcess }> {
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    REDIS_URL: options.redisUrl!,
    REDIS_KEY_PREFIX: options.redisKeyPrefix!,
    NODE_HEARTBEAT_MS: String(options.nodeHeartbeatMs),
    NODE_TTL_MS: String(options.nodeTtlMs),
    ...(options.webhook && { WEBHOOK_URL: options.webhook.url, WEBHOOK_SECRET: options.webhook.secret }),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const port = await within(
    new Promise<string>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const ready = /relay ready: open http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
        if (ready) resolve(ready[1]!);
      });
      child.once('exit', (code) => reject(new Error(`relay exited with ${code}: ${output}`)));
    }),
    'the relay process to listen',
    20_000,
  );
  return { url: `http://127.0.0.1:${port}`, child };
}

/**
 * Resolves once `to` has received a marker signal from `from`. Redis orders what it publishes, so anything the
 * relays sent `to` before the marker has arrived by then: the cross-relay way to show that something was not sent.
 */
export async function flushVia(from: Socket, to: Socket, toId: string): Promise<void> {
  const marker = `marker-${Math.random()}`;
  const arrived = waitFor<SignalMessage>(to, 'signal', { filter: ({ data }) => data.marker === marker });
  from.emit('signal', { to: toId, data: { marker } });
  await arrived;
}

/** Polls GET /readyz until it answers `status`; fails after `timeoutMs`. */
export async function readiness(url: string, status: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    if (response?.status === status) return;
    if (Date.now() > deadline) throw new Error(`${url}/readyz did not answer ${status} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
