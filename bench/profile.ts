// node --import tsx bench/profile.ts [kind...]: where a server's time and memory go, for each kind (ours and
// floor unless named): a CPU profile of the 200-pair ping-pong's measured window (self time per message, by
// package and by function), and heap snapshots before and with 2,000 idle joined sockets (what each socket holds,
// by owner). The files stay in node_modules/.cache/bench/profile/ for Chrome DevTools.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpuCosts } from './cpu-costs.ts';
import { heapOwners } from './heap-owners.ts';
import { IDLE_SOCKETS, idleMemory } from './measurements.ts';
import { MEASURE_MS, pingPong } from './ping-pong.ts';
import { COMPILED, startServer, type ServerKind } from './servers.ts';

const PAIRS = 200;
const TOP = Number(process.env.PROFILE_TOP) || 25;
const DIR = fileURLToPath(new URL('../node_modules/.cache/bench/profile/', import.meta.url));
/** Objects that own what only they keep alive (the relay's per-connection objects, and Node's and ws's). */
const OWNERS = [
  'SocketIoConnection',
  'EngineConnection',
  '_EngineConnection', // its name in the bench's bundle: esbuild renames a class that refers to itself
  'Member',
  'Timeout',
  'WebSocket',
  'Socket',
  'TCP',
  'IncomingMessage',
  'ServerResponse',
  '_Request',
  '_Reply',
];
const kinds: ServerKind[] = process.argv.length > 2 ? (process.argv.slice(2) as ServerKind[]) : ['ours', 'floor'];

mkdirSync(DIR, { recursive: true });
for (const kind of kinds) {
  const file = (name: string) => `${DIR}${kind}-${name}`;
  const server = await startServer(kind);
  try {
    await server.heapSnapshot(file('base.heapsnapshot'));
    const memory = await idleMemory(server, (s) => s.heapSnapshot(file('idle.heapsnapshot')));
    const run = await pingPong(server, PAIRS, (s) => s.cpuProfile(MEASURE_MS, file('pingpong.cpuprofile')));
    const messages = (run.messagesPerSecond * MEASURE_MS) / 1000;
    const { functions, areas } = cpuCosts(file('pingpong.cpuprofile'), COMPILED);
    const perMessage = (micros: number) => (micros / messages).toFixed(2).padStart(8);
    console.log(
      `\n${kind}: ${PAIRS} pairs, ${run.messagesPerSecond.toFixed(0)} messages/s, ` +
        `${run.cpuMicrosPerMessage.toFixed(1)} µs of server CPU per message; sampled µs per message:`,
    );
    for (const { key, micros } of [...areas.slice(0, TOP), { key: '', micros: NaN }, ...functions.slice(0, TOP)]) {
      console.log(key ? `${perMessage(micros)}  ${key}` : '');
    }
    console.log(
      `\n${kind}: ${(memory.rss / 1024).toFixed(1)} KB RSS and ${(memory.heap / 1024).toFixed(1)} KB heap per idle ` +
        `socket at ${IDLE_SOCKETS}; bytes per socket by owner:`,
    );
    const owned = heapOwners(file('base.heapsnapshot'), file('idle.heapsnapshot'), OWNERS, IDLE_SOCKETS);
    for (const { owner, bytes } of owned.slice(0, TOP)) console.log(`${bytes.toFixed(0).padStart(8)}  ${owner}`);
  } finally {
    await server.stop();
  }
}
process.exit(0);
