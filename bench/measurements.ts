// Memory per idle joined socket, for `npm run bench:relay` and bench/profile.ts (throughput: ping-pong.ts).
import { connectMany, type RawClient } from './raw-client.ts';
import { sleep, type RunningServer, type ServerStats } from './servers.ts';

export const IDLE_SOCKETS = 2_000;

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

/** Joins the clients two by two into rooms named `prefix-n`; returns their peer ids. */
export async function joinPairs(clients: RawClient[], prefix: string): Promise<string[]> {
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
