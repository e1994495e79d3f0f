// Client pairs ping-pong ~500-byte signals through a server, one in flight per pair: on one server for a fixed
// time (pingPong, which bench/profile.ts profiles), or on several servers in turn, in short alternating slices
// (interleavedPingPong, for bench:relay), so that every server meets the machine as busy as the others do: on a
// machine shared with other work, runs of a few seconds one after the other differed by up to 2× for no reason
// of their own.
import { joinPairs } from './measurements.ts';
import { connectMany, percentile, type RawClient } from './raw-client.ts';
import { sleep, type RunningServer } from './servers.ts';

const WARMUP_MS = 1_000;
export const MEASURE_MS = 4_000;
/** An interleaved slice: load starts, warms up for this long, then is measured for SLICE_MS. */
const SLICE_WARMUP_MS = 300;
export const SLICE_MS = 1_500;
/** How long stopped pairs may take to deliver what is still in flight. */
const DRAIN_MS = 2_000;
const PADDING = 'x'.repeat(440); // the signal packet on the wire is ~500 bytes

export interface Throughput {
  messagesPerSecond: number;
  p50: number;
  p99: number;
  cpuMicrosPerMessage: number;
  clientCpuPercent: number;
}

/** The `t` a signal carries: the last number in its data (the payload is `{ p, t }`). */
function stamp(text: string): string {
  const at = text.lastIndexOf('"t":') + 4;
  return text.slice(at, text.indexOf('}', at));
}

/** Joined client pairs on one server, ping-ponging signals while started. */
class PairLoad {
  delivered = 0;
  measuring = false;
  rtts: number[] = [];
  #clients: RawClient[];
  #starts: Array<() => void> = [];
  #running = false;
  #inFlight = 0;

  private constructor(clients: RawClient[], ids: string[]) {
    this.#clients = clients;
    for (let i = 0; i < clients.length / 2; i++) {
      const [a, b] = [clients[2 * i]!, clients[2 * i + 1]!];
      const toB = `42["signal",{"to":"${ids[2 * i + 1]}","data":{"p":"${PADDING}","t":`;
      const toA = `42["signal",{"to":"${ids[2 * i]}","data":{"p":"${PADDING}","t":`;
      const send = (client: RawClient, packet: string) => {
        this.#inFlight++;
        client.sendRaw(packet);
      };
      b.onSignal = (text) => {
        this.#received();
        if (this.#running) send(b, `${toA}${stamp(text)}}}]`);
      };
      a.onSignal = (text) => {
        this.#received();
        const now = performance.now();
        if (this.measuring) this.rtts.push(now - Number(stamp(text)));
        if (this.#running) send(a, `${toB}${now}}}]`);
      };
      this.#starts.push(() => send(a, `${toB}${performance.now()}}}]`));
    }
  }

  static async open(server: RunningServer, pairs: number): Promise<PairLoad> {
    const clients = await connectMany(server.url, pairs * 2);
    return new PairLoad(clients, await joinPairs(clients, `pp${pairs}`));
  }

  start(): void {
    this.#running = true;
    for (const start of this.#starts) start();
  }

  /** Stops sending, and waits (a while at most) for what is in flight to arrive. */
  async stop(): Promise<void> {
    this.#running = false;
    for (const until = performance.now() + DRAIN_MS; this.#inFlight > 0 && performance.now() < until;) await sleep(10);
  }

  close(): void {
    for (const client of this.#clients) client.close();
  }

  #received(): void {
    this.delivered++;
    this.#inFlight--;
  }
}

/** What one measured window saw. */
interface Window {
  messages: number;
  ms: number;
  serverCpuMicros: number;
  clientCpuMicros: number;
  rtts: number[];
}

async function measure(load: PairLoad, server: RunningServer, ms: number, during?: Promise<void>): Promise<Window> {
  load.rtts = [];
  const [serverBefore, clientBefore, count, start] = [
    await server.cpu(),
    process.cpuUsage(),
    load.delivered,
    performance.now(),
  ];
  load.measuring = true;
  await Promise.all([sleep(ms), during]);
  load.measuring = false;
  const [serverAfter, client, messages, elapsed] = [
    await server.cpu(),
    process.cpuUsage(clientBefore),
    load.delivered - count,
    performance.now() - start,
  ];
  return {
    messages,
    ms: elapsed,
    serverCpuMicros: serverAfter - serverBefore,
    clientCpuMicros: client.user + client.system,
    rtts: load.rtts,
  };
}

function throughput({ messages, ms, serverCpuMicros, clientCpuMicros, rtts }: Window): Throughput {
  const sorted = [...rtts].sort((x, y) => x - y);
  return {
    messagesPerSecond: messages / (ms / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuMicrosPerMessage: serverCpuMicros / messages,
    clientCpuPercent: (clientCpuMicros / 1000 / ms) * 100,
  };
}

/**
 * `pairs` client pairs ping-pong signals through one server; measured for MEASURE_MS after WARMUP_MS, and for as
 * long as `during` (given the server) takes if longer: a profiler can watch the measured window.
 */
export async function pingPong(
  server: RunningServer,
  pairs: number,
  during?: (server: RunningServer) => Promise<void>,
): Promise<Throughput> {
  const load = await PairLoad.open(server, pairs);
  load.start();
  await sleep(WARMUP_MS);
  const window = await measure(load, server, MEASURE_MS, during?.(server));
  await load.stop();
  load.close();
  return throughput(window);
}

/**
 * `pairs` client pairs on each server, loaded one server at a time: in each of `rounds` rounds, every server in
 * turn (the first a different one each round) gets a slice of SLICE_MS, measured after SLICE_WARMUP_MS while the
 * others are idle. Returns each server's figures, round by round.
 */
export async function interleavedPingPong(
  servers: RunningServer[],
  pairs: number,
  rounds: number,
): Promise<Throughput[][]> {
  const loads: PairLoad[] = [];
  for (const server of servers) loads.push(await PairLoad.open(server, pairs));
  const results: Throughput[][] = servers.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < servers.length; k++) {
      const i = (k + round) % servers.length;
      const load = loads[i]!;
      load.start();
      await sleep(SLICE_WARMUP_MS);
      const window = await measure(load, servers[i]!, SLICE_MS);
      await load.stop();
      results[i]!.push(throughput(window));
    }
  }
  for (const load of loads) load.close();
  await sleep(500);
  return results;
}
