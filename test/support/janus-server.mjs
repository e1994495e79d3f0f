// Starts Debian's Janus for tests and benchmarks, from the repo's config (deploy/janus/) on a free loopback port,
// owned by the process that started it (owned-process.mjs). It can be killed (as a crash would) and started
// again on the same port.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killOwned, launchOwned } from './owned-process.mjs';
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

/** Resolves once Janus's WebSocket server listens. */
function launch(folder) {
  return launchOwned(janusPath, ['-F', folder, '-o'], { ready: 'WebSockets thread started', startMs: START_MS });
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
      await killOwned(stopping);
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
