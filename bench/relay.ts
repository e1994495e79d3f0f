// npm run bench:relay: our relay against a plain socket.io server with the same join/signal semantics
// (bench/reference-server.ts) and against the floor, a minimal forwarder on raw `ws` (bench/floor-server.ts), on
// loopback. Memory: in a fresh process of each in turn, 2,000 idle joined sockets, then 2,000 more. Throughput:
// the three run at once, each with its client pairs ping-ponging ~500-byte signals (one in flight per pair), loaded
// one at a time in short alternating slices (ping-pong.ts). Prints medians of the rounds, the ratios ours/floor
// and ours/socket.io, and whether the targets against the floor are met. Bounded: it stops by itself.
import { cpus } from 'node:os';
import { IDLE_SOCKETS, idleMemory, type IdleMemory } from './measurements.ts';
import { interleavedPingPong, SLICE_MS, type Throughput } from './ping-pong.ts';
import { median } from './raw-client.ts';
import { startServer, type ServerKind } from './servers.ts';

const PAIRS = [200, 1_000];
/** Rounds of the memory measurement (a fresh process each), and of throughput slices (one per server each). */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const SLICES = Number(process.env.BENCH_SLICES) || 10;
const KINDS: ServerKind[] = ['ours', 'reference', 'floor'];
/** The issue's targets, against the floor in the same run. */
const TARGET_THROUGHPUT = 0.9;
const TARGET_RSS = 1.2;
const DEADLINE_MS = (3 + ROUNDS + SLICES / 2) * 60_000;

setTimeout(() => {
  process.stderr.write(`bench:relay did not finish within ${DEADLINE_MS / 60_000} minutes: stopping\n`);
  process.exit(1);
}, DEADLINE_MS).unref();

interface Results {
  idle: IdleMemory[];
  runs: Map<number, Throughput[]>;
}
const results = Object.fromEntries(
  KINDS.map((kind): [ServerKind, Results] => [kind, { idle: [], runs: new Map(PAIRS.map((n) => [n, []])) }]),
) as Record<ServerKind, Results>;

for (let round = 0; round < ROUNDS; round++) {
  // Each kind goes first in turn, so that none always runs on a machine its predecessor has just warmed or loaded.
  const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]!);
  for (const kind of order) {
    const server = await startServer(kind);
    try {
      results[kind].idle.push(await idleMemory(server));
    } finally {
      await server.stop();
    }
  }
  process.stderr.write(`memory, round ${round + 1}/${ROUNDS} done\n`);
}

for (const pairs of PAIRS) {
  const servers = await Promise.all(KINDS.map((kind) => startServer(kind)));
  try {
    const runs = await interleavedPingPong(servers, pairs, SLICES);
    KINDS.forEach((kind, i) => results[kind].runs.set(pairs, runs[i]!));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  process.stderr.write(`throughput, ${pairs} pairs done\n`);
}

/** A figure of each round (all three servers ran in every round, or every slice), and how it is printed. */
interface Row {
  label: string;
  perRound: (kind: ServerKind) => number[];
  digits: number;
}

const rows: Row[] = [];
for (const pairs of PAIRS) {
  const field = (name: keyof Throughput) => (kind: ServerKind) => results[kind].runs.get(pairs)!.map((r) => r[name]);
  rows.push(
    { label: `${pairs} pairs: messages/s`, perRound: field('messagesPerSecond'), digits: 0 },
    { label: `${pairs} pairs: round trip p50 (ms)`, perRound: field('p50'), digits: 2 },
    { label: `${pairs} pairs: round trip p99 (ms)`, perRound: field('p99'), digits: 2 },
    { label: `${pairs} pairs: server CPU per message (µs)`, perRound: field('cpuMicrosPerMessage'), digits: 2 },
    { label: `${pairs} pairs: load generator CPU (%)`, perRound: field('clientCpuPercent'), digits: 0 },
  );
}
const idleRow = (label: string, field: keyof IdleMemory): Row => ({
  label,
  perRound: (k) => results[k].idle.map((m) => m[field] / 1024),
  digits: 1,
});
const rssRow = idleRow(`RSS per idle socket, first ${IDLE_SOCKETS} (KB)`, 'rss');
const steadyRssRow = idleRow(`RSS per idle socket, ${IDLE_SOCKETS} more (KB)`, 'steadyRss');
rows.push(
  rssRow,
  idleRow(`JS heap per idle socket, first ${IDLE_SOCKETS} (KB)`, 'heap'),
  steadyRssRow,
  idleRow(`JS heap per idle socket, ${IDLE_SOCKETS} more (KB)`, 'steadyHeap'),
);

const value = (row: Row, kind: ServerKind) => median(row.perRound(kind));
const ratio = (row: Row, kind: ServerKind) => value(row, 'ours') / value(row, kind);
/** ours / floor in each round, lowest to highest. */
const roundRatios = (row: Row) => {
  const [ours, floor] = [row.perRound('ours'), row.perRound('floor')];
  return ours.map((x, i) => x / floor[i]!).sort((x, y) => x - y);
};

const line = (cells: string[]) =>
  `${cells[0]!.padEnd(48)}${cells
    .slice(1)
    .map((c) => c.padStart(11))
    .join('')}`;
console.log(`bench:relay — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, loopback`);
console.log(
  `medians: memory of ${ROUNDS} rounds (order rotating); throughput of ${SLICES} slices of ` +
    `${SLICE_MS / 1000} s per server, the servers in turn (order rotating)`,
);
console.log(line(['', 'ours', 'socket.io', 'floor', 'ours/floor', 'ours/sio']));
for (const row of rows) {
  const cells = KINDS.map((kind) => value(row, kind).toFixed(row.digits));
  console.log(line([row.label, ...cells, ratio(row, 'floor').toFixed(2), ratio(row, 'reference').toFixed(2)]));
}

console.log('\ntargets against the floor (ratio of the medians; the lowest and highest of the rounds in brackets)');
const verdict = (row: Row, met: (r: number) => boolean, wanted: string) => {
  const rounds = roundRatios(row);
  const r = ratio(row, 'floor');
  console.log(
    `  ${`${row.label.replace(/ \(KB\)$/, '')}: ${wanted}`.padEnd(60)}${r.toFixed(2)}× [${rounds[0]!.toFixed(2)}–${rounds.at(-1)!.toFixed(2)}]  ${met(r) ? 'MET' : 'NOT MET'}`,
  );
};
for (const row of rows.filter((r) => r.label.endsWith('messages/s'))) {
  verdict(row, (r) => r >= TARGET_THROUGHPUT, `≥ ${TARGET_THROUGHPUT}×`);
}
// Both memory figures are judged: the first includes the process's one-time growth, the second is a socket's own.
for (const row of [rssRow, steadyRssRow]) verdict(row, (r) => r <= TARGET_RSS, `≤ ${TARGET_RSS}×`);
process.exit(0);
