// Starts Debian's Janus for tests and benchmarks, from the repo's config (deploy/janus/) on a free loopback port,
// owned by the process that started it. It can be killed (as a crash would) and started again on the same port.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis-server.mjs';

export const janusPath = process.env.JANUS || '/usr/bin/janus';
const CONFIG_DIR = new URL('../../deploy/janus/', import.meta.url).pathname;
const START_MS = 15_000;

/** A copy of the repo's config with the WebSocket API on `port`. */
async function configFolder(port) {
  const folder = await mkdtemp(join(tmpdir(), 'janus-'));
  await cp(CONFIG_DIR, folder, { recursive: true, filter: (path) => !path.endsWith('.md') });
  const transport = join(folder, 'janus.transport.websockets.jcfg');
  const text = await readFile(transport, 'utf8');
  await writeFile(transport, text.replace(/ws_port = \d+/, `ws_port = ${port}`));
  return folder;
}

/** Resolves once Janus's WebSocket server listens; rejects if it exits or stays silent. */
function launch(folder) {
  // As with redis-server: a shell between us and Janus kills it when our end of its stdin closes.
  const guard = '"$0" "$@" & pid=$!; read -r _; kill -9 $pid 2>/dev/null; wait $pid';
  const args = ['-F', folder, '-o'];
  const child = spawn('/bin/sh', ['-c', guard, janusPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.stdin.end();
      reject(new Error(`janus did not start within ${START_MS} ms: ${output}`));
    }, START_MS);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('WebSockets thread started')) {
        clearTimeout(timer);
        child.stdout.off('data', onData).resume();
        child.stderr.resume();
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
      reject(new Error(`janus exited with ${code}: ${output}`)); // ignored once it has started
    });
  });
}

function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts Janus on a free loopback port. Returns { url, port, stop(), start() }: stop() kills it (SIGKILL, as a
 * crash would), start() brings it back, with no rooms, on the same port.
 */
export async function startJanus() {
  let child = null;
  let port = 0;
  let folder = '';
  for (let attempt = 1; !child; attempt++) {
    port = await freePort();
    folder = await configFolder(port);
    try {
      child = await launch(folder);
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      if (attempt === 3) throw error;
    }
  }
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      if (!child) return;
      const stopping = child;
      child = null;
      stopping.ref();
      stopping.stdin.end();
      await exited(stopping);
    },
    async start() {
      if (!child) child = await launch(folder);
    },
    async remove() {
      await this.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
