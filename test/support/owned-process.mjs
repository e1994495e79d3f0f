// A server process owned by the test or benchmark that started it (redis-server, Janus): started through a
// shell that kills it when our end of its stdin closes (when we ask, and when this process ends, however it
// ends, a test runner's SIGTERM included), so none is left behind; ready once its output says so.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

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

/**
 * Launches a server with `launch(port)` (resolving with its child from launchOwned) on a free loopback port, a
 * few tries should another process take the port first. Returns { port, stop(), start() }: stop() kills it
 * (SIGKILL, as a crash would), start() launches it again on the same port.
 */
export async function ownOnFreePort(launch) {
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

/**
 * Starts `command` with `args`; resolves with the child once its output includes `ready`, and rejects if it
 * exits first or stays silent for `startMs`. Once ready, its output is drained unread, and it does not keep
 * its owner alive.
 */
export function launchOwned(command, args, { ready, startMs }) {
  const guard = '"$0" "$@" & pid=$!; read -r _; kill -9 $pid 2>/dev/null; wait $pid';
  const child = spawn('/bin/sh', ['-c', guard, command, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.stdin.end();
      reject(new Error(`${command} did not start within ${startMs} ms: ${output}`));
    }, startMs);
    const onData = (chunk) => {
      output += chunk;
      if (!output.includes(ready)) return;
      clearTimeout(timer);
      child.stdout.off('data', onData).resume();
      child.stderr.resume();
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref();
      resolve(child);
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}: ${output}`)); // ignored once it has started
    });
  });
}

/** Kills a child from launchOwned (SIGKILL, as a crash would) and resolves once it has exited. */
async function killOwned(child) {
  child.ref(); // awaited now
  child.stdin.end();
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', () => resolve()));
}
