// npm run bench:relay: our relay against a plain socket.io server with the same join/signal semantics
// (bench/reference-server.ts), alternating, on loopback. Client pairs ping-pong ~500-byte signals (one in flight
// per pair) for a fixed time; then 2,000 idle joined sockets show memory per socket. Prints medians of the rounds
// and the ratios ours/reference. Bounded: a few minutes at most, whatever happens.
import { cpus } from 'node:os';
import { connectMany, percentile, type RawClient } from './raw-client.ts';
import { sleep, startServer, type RunningServer, type ServerKind } from './servers.ts';

const PAIRS = [200, 1_000];
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const WARMUP_MS = 1_000;
const MEASURE_MS = 4_000;
const IDLE_SOCKETS = 2_000;
const PADDING = 'x'.repeat(440); // the signal packet on the wire is ~500 bytes
const DEADLINE_MS = 8 * 60_000;

interface Throughput {
  messagesPerSecond: number;
  p50: number;
  p99: number;
  cpuMicrosPerMessage: number;
  clientCpuPercent: number;
}

setTimeout(() => {
  process.stderr.write(`bench:relay did not finish within ${DEADLINE_MS / 60_000} minutes: stopping\n`);
  process.exit(1);
}, DEADLINE_MS).unref();

async function joinPairs(clients: RawClient[], prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < clients.length; i += 100) {
    const batch = clients.slice(i, i + 100);
    const acks = await Promise.all(batch.map((c, j) => c.request('join', { room: `${prefix}-${(i + j) >> 1}` })));
    for (const ack of acks) {
      if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
      ids.push(ack.id);
    }
  }
  return ids;
}

/** The `t` a signal carries: the last number in its data (the payload is `{ p, t }`). */
function stamp(text: string): string {
  const at = text.lastIndexOf('"t":') + 4;
  return text.slice(at, text.indexOf('}', at));
}

async function pingPong(server: RunningServer, pairs: number): Promise<Throughput> {
  const clients = await connectMany(server.url, pairs * 2);
  const ids = await joinPairs(clients, `pp${pairs}`);
  let delivered = 0;
  let measuring = false;
  let running = true;
  const rtts: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const [a, b] = [clients[2 * i]!, clients[2 * i + 1]!];
    const toB = `42["signal",{"to":"${ids[2 * i + 1]}","data":{"p":"${PADDING}","t":`;
    const toA = `42["signal",{"to":"${ids[2 * i]}","data":{"p":"${PADDING}","t":`;
    b.onSignal = (text) => {
      delivered++;
      if (running) b.sendRaw(`${toA}${stamp(text)}}}]`);
    };
    a.onSignal = (text) => {
      delivered++;
      const now = performance.now();
      if (measuring) rtts.push(now - Number(stamp(text)));
      if (running) a.sendRaw(`${toB}${now}}}]`);
    };
    a.sendRaw(`${toB}${performance.now()}}}]`);
  }
  await sleep(WARMUP_MS);
  measuring = true;
  const [before, clientBefore, countBefore, start] = [await server.stats(), process.cpuUsage(), delivered, Date.now()];
  await sleep(MEASURE_MS);
  const [after, clientCpu, count, elapsed] = [
    await server.stats(),
    process.cpuUsage(clientBefore),
    delivered,
    Date.now() - start,
  ];
  measuring = false;
  running = false;
  for (const client of clients) client.close();
  await sleep(500);
  const messages = count - countBefore;
  rtts.sort((x, y) => x - y);
  return {
    messagesPerSecond: messages / (elapsed / 1000),
    p50: percentile(rtts, 50),
    p99: percentile(rtts, 99),
    cpuMicrosPerMessage: (after.cpuMicros - before.cpuMicros) / messages,
    clientCpuPercent: ((clientCpu.user + clientCpu.system) / 1000 / elapsed) * 100,
  };
}

/**
 * Memory per idle, joined socket (rooms of two), after full garbage collections, from a fresh server: resident
 * memory (what the machine pays, including what V8 and Node grow into while the sockets connect) and the part of
 * it that is JavaScript objects (the steadier figure).
 */
async function idleMemory(server: RunningServer): Promise<{ rss: number; heap: number }> {
  const before = await server.stats();
  const clients = await connectMany(server.url, IDLE_SOCKETS);
  await joinPairs(clients, 'idle');
  await sleep(1_000);
  const after = await server.stats();
  for (const client of clients) client.close();
  await sleep(500);
  return { rss: (after.rss - before.rss) / IDLE_SOCKETS, heap: (after.heapUsed - before.heapUsed) / IDLE_SOCKETS };
}

const results: Record<ServerKind, { idle: Array<{ rss: number; heap: number }>; runs: Map<number, Throughput[]> }> = {
  ours: { idle: [], runs: new Map(PAIRS.map((n) => [n, []])) },
  reference: { idle: [], runs: new Map(PAIRS.map((n) => [n, []])) },
};

for (let round = 0; round < ROUNDS; round++) {
  const order: ServerKind[] = round % 2 === 0 ? ['ours', 'reference'] : ['reference', 'ours'];
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

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
const rows: Array<[string, (kind: ServerKind) => number, number]> = [];
for (const pairs of PAIRS) {
  const pick = (kind: ServerKind, field: keyof Throughput) =>
    median(results[kind].runs.get(pairs)!.map((r) => r[field]));
  rows.push(
    [`${pairs} pairs: messages/s`, (k) => pick(k, 'messagesPerSecond'), 0],
    [`${pairs} pairs: round trip p50 (ms)`, (k) => pick(k, 'p50'), 2],
    [`${pairs} pairs: round trip p99 (ms)`, (k) => pick(k, 'p99'), 2],
    [`${pairs} pairs: server CPU per message (µs)`, (k) => pick(k, 'cpuMicrosPerMessage'), 2],
    [`${pairs} pairs: load generator CPU (%)`, (k) => pick(k, 'clientCpuPercent'), 0],
  );
}
rows.push(
  [`RSS per idle socket at ${IDLE_SOCKETS} (KB)`, (k) => median(results[k].idle.map((m) => m.rss)) / 1024, 1],
  [`JS heap per idle socket at ${IDLE_SOCKETS} (KB)`, (k) => median(results[k].idle.map((m) => m.heap)) / 1024, 1],
);

const line = (cells: string[]) =>
  `${cells[0]!.padEnd(42)}${cells
    .slice(1)
    .map((c) => c.padStart(12))
    .join('')}`;
console.log(`bench:relay — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, loopback`);
console.log(
  `median of ${ROUNDS} rounds (alternating order), ${MEASURE_MS / 1000} s measured per run after ${WARMUP_MS / 1000} s warm-up`,
);
console.log(line(['', 'ours', 'reference', 'ours/ref']));
for (const [label, value, digits] of rows) {
  const [ours, reference] = [value('ours'), value('reference')];
  console.log(line([label, ours.toFixed(digits), reference.toFixed(digits), (ours / reference).toFixed(2)]));
}
process.exit(0);
