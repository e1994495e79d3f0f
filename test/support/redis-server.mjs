// Starts Debian's redis-server for tests and benchmarks: on a free loopback port, with no persistence, owned by
// the process that started it (owned-process.mjs). It can be stopped (as a crash would) and started again on
// the same port.
import { launchOwned, ownOnFreePort } from './owned-process.mjs';

export { freePort } from './owned-process.mjs';

export const redisServerPath = process.env.REDIS_SERVER || '/usr/bin/redis-server';
const START_MS = 10_000;

/** Resolves once redis-server accepts connections. */
function launch(port) {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  return launchOwned(redisServerPath, args, { ready: 'Ready to accept connections', startMs: START_MS });
}

/**
 * Starts a redis-server on a free loopback port. Returns { url, port, stop(), start() }: stop() kills it (SIGKILL,
 * as a crash would), start() brings it back, empty, on the same port.
 */
export async function startRedis() {
  const server = await ownOnFreePort(launch);
  return { ...server, url: `redis://127.0.0.1:${server.port}` };
}
