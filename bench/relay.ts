// npm run bench:relay: our relay against a plain socket.io server with the same join/signal semantics
// (bench/reference-server.ts) and against the floor, a minimal forwarder on raw `ws` (bench/floor-server.ts), in
// turn, on loopback. 2,000 idle joined sockets, then 2,000 more, show memory per socket; then client pairs
// ping-pong ~500-byte signals (one in flight per pair) for a fixed time. Prints medians of the rounds, the ratios
// ours/floor and ours/socket.io, and whether the targets against the floor are met. Bounded: it stops by itself.
import { cpus } from 'node:os';
import { IDLE_SOCKETS, idleMemory, MEASURE_MS, pingPong, type IdleMemory, type Throughput } from './measurements.ts';
import { startServer, type ServerKind } from './servers.ts';

const PAIRS = [200, 1_000];
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const KINDS: ServerKind[] = ['ours', 'reference', 'floor'];
/** The issue's targets, against the floor in the same run. */
const TARGET_THROUGHPUT = 0.9;
const TARGET_RSS = 1.2;
const DEADLINE_MS = (2 + 4 * ROUNDS) * 60_000;

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
      for (const pairs of PAIRS) results[kind].runs.get(pairs)!.push(await pingPong(server, pairs));
    } finally {
      await server.stop();
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS}: ${kind} done\n`);
  }
}

/** A figure of each round (all three servers ran in every round), and how it is printed. */
interface Row {
  label: string;
  perRound: (kind: ServerKind) => number[];
  digits: number;
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
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
console.log(`median of ${ROUNDS} rounds (order rotating), ${MEASURE_MS / 1000} s measured per run after a warm-up`);
console.log(line(['', 'ours', 'socket.io', 'floor', 'ours/floor', 'ours/sio']));
for (const row of rows) {
  const cells = KINDS.map((kind) => value(row, kind).toFixed(row.digits));
  console.log(line([row.label, ...cells, ratio(row, 'floor').toFixed(2), ratio(row, 'reference').toFixed(2)]));
}

console.log('\ntargets against the floor (ratio of the medians; the ratio in each round in brackets)');
const verdict = (row: Row, met: (r: number) => boolean, wanted: string) => {
  const rounds = roundRatios(row).map((r) => r.toFixed(2));
  const r = ratio(row, 'floor');
  console.log(
    `  ${`${row.label.replace(/ \(KB\)$/, '')}: ${wanted}`.padEnd(60)}${r.toFixed(2)}× [${rounds.join(', ')}]  ${met(r) ? 'MET' : 'NOT MET'}`,
  );
};
for (const row of rows.filter((r) => r.label.endsWith('messages/s'))) {
  verdict(row, (r) => r >= TARGET_THROUGHPUT, `≥ ${TARGET_THROUGHPUT}×`);
}
// Both memory figures are judged: the first includes the process's one-time growth, the second is a socket's own.
for (const row of [rssRow, steadyRssRow]) verdict(row, (r) => r <= TARGET_RSS, `≤ ${TARGET_RSS}×`);
process.exit(0);
