// Starts Debian's redis-server for tests and benchmarks: on a free loopback port, with no persistence, owned by
// the process that started it. It can be stopped (as a crash would) and started again on the same port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

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

/** Resolves once redis-server logs that it accepts connections; rejects if it exits or stays silent. */
function launch(port) {
  // A shell between us and redis-server kills it when our end of its stdin closes: when we ask (stop), and when
  // this process ends, however it ends (a test runner's SIGTERM included), so no redis-server is left behind.
  const guard = '"$0" "$@" & pid=$!; read -r _; kill -9 $pid 2>/dev/null; wait $pid';
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('/bin/sh', ['-c', guard, redisServerPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.stdin.end();
      reject(new Error(`redis-server did not start within ${START_MS} ms: ${output}`));
    }, START_MS);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout.off('data', onData).resume(); // drained from now on, unread
        child.stderr.resume();
        // It must not keep its owner alive: the owner's exit kills it.
        child.unref();
        for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref();
        resolve(child);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`)); // ignored once it has started
    });
  });
}

function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
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
      stopping.ref(); // awaited now
      stopping.stdin.end();
      await exited(stopping);
    },
    async start() {
      if (!child) child = await launch(port);
    },
  };
}
