// npm run bench:load: 1,000 rooms × 4 sockets, each room doing what the widget does: four joins one after the
// other, and for every pair an offer, an answer and three ICE candidates each way. Rooms start at a bounded
// rate; every signal carries its send time, so the relay latency (send to receipt, same clock) is measured.
// Runs against one relay, then two relays sharing a Redis (each room spread over both). Prints errors (target 0)
// and latency percentiles (target p99 ≤ 50 ms). Bounded: each mode stops by itself.
import { startRedis } from '../test/support/redis-server.mjs';
import { RawClient, percentile } from './raw-client.ts';
import { sleep, startServer, type RunningServer } from './servers.ts';

const ROOMS = Number(process.env.LOAD_ROOMS) || 1_000;
const PER_ROOM = 4;
const ROOMS_PER_SECOND = Number(process.env.LOAD_RATE) || 100;
const CANDIDATES = 3;
const SDP = 'v=0\r\n' + 'a=x-padding:'.padEnd(2_400, 'x'); // a session description of typical size
const CANDIDATE = 'candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host generation 0 ufrag abcd network-id 1';
/** After the last room has started, how long the exchanges may take to finish. */
const DRAIN_MS = 30_000;

interface Outcome {
  sockets: number;
  signals: number;
  peerEvents: number;
  errors: string[];
  latencies: number[];
  seconds: number;
}

async function run(urls: string[]): Promise<Outcome> {
  const errors: string[] = [];
  const latencies: number[] = [];
  const clients: RawClient[] = [];
  let expectedSignals = 0;
  let signals = 0;
  let expectedPeerEvents = 0;
  let peerEvents = 0;
  const started = Date.now();

  const send = (client: RawClient, to: string, data: Record<string, unknown>): void => {
    expectedSignals++;
    client.emit('signal', { to, data: { ...data, t: performance.now() } });
  };

  const member = async (room: string, index: number): Promise<void> => {
    const client = await RawClient.connect(urls[index % urls.length]!);
    clients.push(client);
    client.ws.on('close', () => running && errors.push(`${room}: a connection closed`));
    client.on('error', (error: { code: string; message: string }) =>
      errors.push(`${room}: ${error.code} ${error.message}`),
    );
    client.on('peer-joined', () => peerEvents++);
    client.onSignal = (text) => {
      const [, { from, data }] = JSON.parse(text.slice(2)) as [string, { from: string; data: any }];
      signals++;
      latencies.push(performance.now() - data.t);
      if (data.kind === 'offer') {
        send(client, from, { kind: 'answer', description: { type: 'answer', sdp: SDP } });
        for (let n = 0; n < CANDIDATES; n++)
          send(client, from, { kind: 'candidate', candidate: { candidate: CANDIDATE } });
      } else if (data.kind === 'answer') {
        for (let n = 0; n < CANDIDATES; n++)
          send(client, from, { kind: 'candidate', candidate: { candidate: CANDIDATE } });
      }
    };
    const ack = await client.request('join', { room, name: `member ${index}` });
    if (!ack.ok) return void errors.push(`${room}: join refused: ${ack.code}`);
    expectedPeerEvents += ack.peers.length;
    // The newcomer offers to everyone already there, as the widget's polite/impolite roles would have one side do.
    for (const peer of ack.peers) send(client, peer.id, { kind: 'offer', description: { type: 'offer', sdp: SDP } });
  };

  const room = async (index: number): Promise<void> => {
    try {
      // Spread over the relays: member k of room r goes to relay (r + k) mod relays.
      for (let k = 0; k < PER_ROOM; k++) await member(`load-${index}`, index + k);
    } catch (error) {
      errors.push(`load-${index}: ${String(error)}`);
    }
  };

  let running = true;
  const rooms: Array<Promise<void>> = [];
  for (let index = 0; index < ROOMS; index++) {
    rooms.push(room(index));
    await sleep(1000 / ROOMS_PER_SECOND);
  }
  await Promise.all(rooms);
  const deadline = Date.now() + DRAIN_MS;
  while ((signals < expectedSignals || peerEvents < expectedPeerEvents) && Date.now() < deadline) await sleep(50);
  const seconds = (Date.now() - started) / 1000;
  running = false;
  if (signals < expectedSignals) errors.push(`${expectedSignals - signals} signals never arrived`);
  if (peerEvents < expectedPeerEvents) errors.push(`${expectedPeerEvents - peerEvents} peer-joined never arrived`);
  for (const client of clients) client.close();
  latencies.sort((a, b) => a - b);
  return { sockets: clients.length, signals, peerEvents, errors, latencies, seconds };
}

async function withServers(count: number, redis: boolean): Promise<Outcome> {
  const store = redis ? await startRedis() : undefined;
  const env: Record<string, string> = store ? { REDIS_URL: store.url, REDIS_KEY_PREFIX: 'load:' } : {};
  const servers: RunningServer[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await startServer('ours', env));
    return await run(servers.map((server) => server.url));
  } finally {
    for (const server of servers) await server.stop();
    await store?.stop();
  }
}

const allModes: Array<[string, () => Promise<Outcome>]> = [
  ['one relay (in memory)', () => withServers(1, false)],
  ['two relays on one Redis', () => withServers(2, true)],
];
/** LOAD_MODE=one or LOAD_MODE=two runs one mode only. */
const modes = allModes.filter(([name]) => !process.env.LOAD_MODE || name.startsWith(process.env.LOAD_MODE!));
console.log(
  `bench:load — ${ROOMS} rooms × ${PER_ROOM} sockets, ${ROOMS_PER_SECOND} rooms started per second, ` +
    `offer/answer + ${CANDIDATES} candidates each way per pair, Node ${process.version}, loopback`,
);
const header = ['mode', 'sockets', 'signals', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'seconds'];
console.log(header.map((cell, i) => (i === 0 ? cell.padEnd(26) : cell.padStart(9))).join(''));
let failed = false;
for (const [name, mode] of modes) {
  const outcome = await mode();
  const row = [
    name.padEnd(26),
    ...[outcome.sockets, outcome.signals, outcome.errors.length].map(String),
    ...[50, 99, 100].map((p) => percentile(outcome.latencies, p).toFixed(1)),
    outcome.seconds.toFixed(1),
  ];
  console.log(row.map((cell, i) => (i === 0 ? cell : cell.padStart(9))).join(''));
  for (const error of outcome.errors.slice(0, 5)) console.log(`  ${error}`);
  failed ||= outcome.errors.length > 0;
}
process.exit(failed ? 1 : 0);
