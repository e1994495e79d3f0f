// A server under test, alone in its own process so that its CPU and memory can be measured: `ours` (the relay,
// optionally on Redis), `reference` (bench/reference-server.ts) or `floor` (bench/floor-server.ts). It reports
// its port over IPC, then answers requests (servers.ts): its CPU time, or that and, after a full GC, its memory; a CPU
// profile of the next milliseconds; a heap snapshot.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { writeHeapSnapshot } from 'node:v8';
import { buildRelay } from '../server/app.ts';
import { floorServer } from './floor-server.ts';
import { referenceServer } from './reference-server.ts';
import type { ServerRequest } from './servers.ts';

const [kind = 'ours'] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
/** CPU profiles sample every 0.1 ms (V8's default is 1 ms): enough samples for a few seconds of load. */
const SAMPLING_MICROS = 100;

async function listen(): Promise<number> {
  if (kind === 'reference' || kind === 'floor') {
    const http = kind === 'floor' ? floorServer() : referenceServer();
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

/** CPU time (user + system) since the process started, in microseconds. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

async function answer(request: ServerRequest): Promise<object> {
  switch (request.type) {
    case 'cpu':
      return { cpuMicros: cpuMicros() };
    case 'stats': {
      gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      return { cpuMicros: cpuMicros(), rss, heapUsed };
    }
    case 'cpu-profile': {
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_MICROS });
      await session.post('Profiler.start');
      await new Promise((resolve) => setTimeout(resolve, request.ms));
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await writeFile(request.file, JSON.stringify(profile));
      return {};
    }
    case 'heap-snapshot':
      gc?.();
      writeHeapSnapshot(request.file);
      return {};
  }
}
process.on('message', (request: ServerRequest) => {
  void answer(request).then((reply) => process.send!({ ...reply, type: request.type }));
});

listen().then(
  (port) => process.send!({ type: 'listening', port }),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
