// The two measurements of `npm run bench:relay`, against one running server: client pairs ping-pong ~500-byte
// signals (one in flight per pair) for a fixed time, and memory per idle joined socket.
import { connectMany, percentile, type RawClient } from './raw-client.ts';
import { sleep, type RunningServer, type ServerStats } from './servers.ts';

const WARMUP_MS = 1_000;
export const MEASURE_MS = 4_000;
export const IDLE_SOCKETS = 2_000;
const PADDING = 'x'.repeat(440); // the signal packet on the wire is ~500 bytes

export interface Throughput {
  messagesPerSecond: number;
  p50: number;
  p99: number;
  cpuMicrosPerMessage: number;
  clientCpuPercent: number;
}

/**
 * Bytes per socket: resident memory, and the part of it that is JavaScript objects; for the first sockets of a
 * fresh process, and for as many more joining while those stay (the steady cost of one more socket).
 */
export interface IdleMemory {
  rss: number;
  heap: number;
  steadyRss: number;
  steadyHeap: number;
}

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

/**
 * `pairs` client pairs ping-pong signals; measured for MEASURE_MS after WARMUP_MS, and for as long as `during`
 * (given the server) takes if longer: a profiler can watch the measured window.
 */
export async function pingPong(
  server: RunningServer,
  pairs: number,
  during?: (server: RunningServer) => Promise<void>,
): Promise<Throughput> {
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
  await Promise.all([sleep(MEASURE_MS), during?.(server)]);
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
 * Memory per idle, joined socket (rooms of two), after full garbage collections. From a fresh server: resident
 * memory, which also holds what the process grows into once while the first sockets connect (V8 compiling the
 * server's code, the C library's allocation arenas of V8's helper threads: its size swings from run to run), and
 * the part of it that is JavaScript objects. Then the same for a second batch joining while the first stay: what
 * one more socket costs once the process has grown.
 */
export async function idleMemory(
  server: RunningServer,
  whileConnected?: (server: RunningServer) => Promise<void>,
): Promise<IdleMemory> {
  const before = await server.stats();
  const clients = await connectMany(server.url, IDLE_SOCKETS);
  await joinPairs(clients, 'idle');
  await sleep(1_000);
  const fresh = await server.stats();
  await whileConnected?.(server);
  const more = await connectMany(server.url, IDLE_SOCKETS);
  await joinPairs(more, 'idle-more');
  await sleep(1_000);
  const steady = await server.stats();
  for (const client of [...clients, ...more]) client.close();
  await sleep(500);
  const perSocket = (from: ServerStats, to: ServerStats, field: 'rss' | 'heapUsed') =>
    (to[field] - from[field]) / IDLE_SOCKETS;
  return {
    rss: perSocket(before, fresh, 'rss'),
    heap: perSocket(before, fresh, 'heapUsed'),
    steadyRss: perSocket(fresh, steady, 'rss'),
    steadyHeap: perSocket(fresh, steady, 'heapUsed'),
  };
}
