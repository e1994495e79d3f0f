// A server under test, alone in its own process so that its CPU and memory can be measured: `ours` (the relay,
// optionally on Redis) or `reference` (bench/reference-server.ts). It reports its port over IPC, then answers
// { type: 'stats' } with its CPU time and, after a full garbage collection, its memory.
import type { AddressInfo } from 'node:net';
import { buildRelay } from '../server/app.ts';
import { referenceServer } from './reference-server.ts';

const [kind = 'ours'] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;

async function listen(): Promise<number> {
  if (kind === 'reference') {
    const http = referenceServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return (http.address() as AddressInfo).port;
  }
  const relay = buildRelay({
    // The benchmark measures relaying, not the abuse limits: these are lifted.
    maxConnectionsPerIp: 1_000_000,
    rateLimitPerSecond: 1_000_000,
    rateLimitBurst: 1_000_000,
    joinTimeoutMs: 600_000,
    redisUrl: process.env.REDIS_URL || null,
    redisKeyPrefix: process.env.REDIS_KEY_PREFIX || 'bench:',
  });
  await relay.listen({ port: 0, host: '127.0.0.1' });
  return (relay.server.address() as AddressInfo).port;
}

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stats') return;
  gc?.();
  const { user, system } = process.cpuUsage();
  const { rss, heapUsed } = process.memoryUsage();
  process.send!({ type: 'stats', cpuMicros: user + system, rss, heapUsed });
});

listen().then(
  (port) => process.send!({ type: 'listening', port }),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
