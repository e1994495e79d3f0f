// Starts Debian's Janus for tests and benchmarks, from the repo's config (deploy/janus/) on a free loopback port,
// owned by the process that started it (owned-process.mjs). It can be killed (as a crash would) and started
// again on the same port.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchOwned, ownOnFreePort } from './owned-process.mjs';

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
 * Starts Janus on a free loopback port. Returns { url, port, stop(), start(), remove() }: stop() kills it
 * (SIGKILL, as a crash would), start() brings it back, with no rooms, on the same port, and remove() kills it
 * and deletes its config folders.
 */
export async function startJanus() {
  const folders = new Map();
  const server = await ownOnFreePort(async (port) => {
    if (!folders.has(port)) folders.set(port, await configFolder(port));
    return launch(folders.get(port));
  });
  return {
    ...server,
    url: `ws://127.0.0.1:${server.port}`,
    async remove() {
      await server.stop();
      for (const folder of folders.values()) await rm(folder, { recursive: true, force: true });
    },
  };
}
