// Starts Debian's redis-server for tests and benchmarks: on a free loopback port, with no persistence, owned by
// the process that started it (owned-process.mjs). It can be stopped (as a crash would) and started again on
// the same port.
import { createServer } from 'node:net';
import { killOwned, launchOwned } from './owned-process.mjs';

export const redisServerPath = process.env.REDIS_SERVER || '/usr/bin/redis-server';
const START_MS = 10_000;

/** A free TCP port on 127.0.0.1, as the system hands one out. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once redis-server accepts connections. */
function launch(port) {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  return launchOwned(redisServerPath, args, { ready: 'Ready to accept connections', startMs: START_MS });
}

/**
 * Starts a redis-server on a free loopback port (a few tries, should another process take the port first).
 * Returns { url, port, stop(), start() }: stop() kills it (SIGKILL, as a crash would), start() brings it back,
 * empty, on the same port.
 */
export async function startRedis() {
  let child = null;
  let port = 0;
  for (let attempt = 1; !child; attempt++) {
    port = await freePort();
    try {
      child = await launch(port);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (!child) return;
      const stopping = child;
      child = null;
      await killOwned(stopping);
    },
    async start() {
      if (!child) child = await launch(port);
    },
  };
}
