// The floor for `npm run bench:relay`: the least a relay can do on raw `ws` and still speak Engine.IO v4 and
// Socket.IO v5 to bench/raw-client.ts (open, CONNECT, join with its ack, signal, leave, one heartbeat sweep), with
// no validation beyond what routing needs and no limit but the room size.
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

const MAX_PEERS = 8;
const PING_INTERVAL_MS = 25_000;
const PING_TIMEOUT_MS = 20_000;
const MAX_PAYLOAD = 65_536;
const SIGNAL_PREFIX = '42["signal",';
/** The open packet after its sid: `"upgrades":[],"pingInterval":25000,...}`. */
const OPEN_REST = JSON.stringify({
  upgrades: [],
  pingInterval: PING_INTERVAL_MS,
  pingTimeout: PING_TIMEOUT_MS,
  maxPayload: MAX_PAYLOAD,
}).slice(1);

/** One connection: its id (Engine.IO sid and peer id alike), and its room once joined. */
interface Peer {
  id: string;
  ws: WebSocket;
  name: string | undefined;
  room: Map<string, Peer> | undefined;
  roomName: string;
  /** Answered the last ping: the sweep closes connections that did not. */
  alive: boolean;
}

export function floorServer(): HttpServer {
  const http = createServer((_request, response) => response.writeHead(400).end());
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, clientTracking: false });
  const peers = new Set<Peer>();
  const rooms = new Map<string, Map<string, Peer>>();

  http.on('upgrade', (request, socket, head) => {
    const [path, search] = (request.url ?? '').split('?');
    const query = new URLSearchParams(search);
    if (path !== '/socket.io/' || query.get('EIO') !== '4' || query.get('transport') !== 'websocket') {
      return void socket.destroy();
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const peer: Peer = {
        id: randomBytes(16).toString('base64url'),
        ws,
        name: undefined,
        room: undefined,
        roomName: '',
        alive: true,
      };
      peers.add(peer);
      ws.on('message', (data: RawData) => {
        try {
          receive(peer, data.toString());
        } catch {
          ws.close(1002, 'parse error'); // a packet JSON.parse refused
        }
      });
      ws.on('close', () => (leave(peer, 'disconnected'), peers.delete(peer)));
      ws.on('error', ignore);
      ws.send(`0{"sid":"${peer.id}",${OPEN_REST}`);
    });
  });

  // One timer for all connections: ping each, and end those that did not answer the previous ping. A silent
  // socket goes within 2 × pingInterval of its last pong (Engine.IO says pingInterval + pingTimeout).
  const sweep = setInterval(() => {
    for (const peer of peers) {
      if (!peer.alive) {
        peer.ws.terminate();
        continue;
      }
      peer.alive = false;
      peer.ws.send('2');
    }
  }, PING_INTERVAL_MS);
  http.on('close', () => clearInterval(sweep));

  function receive(peer: Peer, text: string): void {
    if (text.startsWith(SIGNAL_PREFIX)) return signal(peer, text);
    switch (text[0]) {
      case '3': // Engine.IO pong
        peer.alive = true;
        return;
      case '2': // Engine.IO ping
        return peer.ws.send(`3${text.slice(1)}`);
      case '4':
        break;
      default:
        return peer.ws.close();
    }
    switch (text[1]) {
      case '0': // CONNECT: the main namespace only (`40` or `40{auth}`; another is `40/name,`)
        if (text[2] !== '/') return peer.ws.send(`40{"sid":"${peer.id}"}`);
        return peer.ws.send(`44${text.slice(2, text.indexOf(',') + 1)}{"message":"Invalid namespace"}`);
      case '1': // DISCONNECT
        return peer.ws.close();
      case '2': // EVENT, maybe with an ack id
        return event(peer, text);
    }
  }

  /** The hot path: one parse, the target looked up in the sender's room, `from` stamped. */
  function signal(peer: Peer, text: string): void {
    const [, request] = JSON.parse(text.slice(2)) as [string, { to?: unknown; data?: unknown } | null];
    if (!peer.room) return fail(peer, 'not-joined');
    const target = typeof request?.to === 'string' ? peer.room.get(request.to) : undefined;
    if (!target || target === peer) return fail(peer, 'unknown-peer');
    target.ws.send(`42["signal",{"from":"${peer.id}","data":${JSON.stringify(request!.data)}}]`);
  }

  function event(peer: Peer, text: string): void {
    const bracket = text.indexOf('[');
    const ack = text.slice(2, bracket);
    const [name, payload] = JSON.parse(text.slice(bracket)) as [string, { room?: unknown; name?: unknown } | undefined];
    const answer = (response: object): void => {
      if (ack) peer.ws.send(`43${ack}${JSON.stringify([response])}`);
    };
    if (name === 'leave') {
      leave(peer, 'left');
      return answer({ ok: true });
    }
    if (name !== 'join') return fail(peer, 'invalid-request');
    const { room: roomName, name: displayName } = payload ?? {};
    if (typeof roomName !== 'string' || roomName.length === 0 || roomName.length > 128) {
      return answer({ ok: false, code: 'invalid-request', message: 'room must be a string' });
    }
    const room = rooms.get(roomName) ?? new Map<string, Peer>();
    if (room.size - (peer.room === room ? 1 : 0) >= MAX_PEERS) {
      return answer({ ok: false, code: 'room-full', message: 'full' });
    }
    leave(peer, 'left');
    const others = [...room.values()].map(({ id, name }) => (name ? { id, name } : { id }));
    peer.name = typeof displayName === 'string' ? displayName : undefined;
    const joined = `42${JSON.stringify(['peer-joined', peer.name ? { id: peer.id, name: peer.name } : { id: peer.id }])}`;
    for (const other of room.values()) other.ws.send(joined);
    room.set(peer.id, peer);
    rooms.set(roomName, room);
    peer.room = room;
    peer.roomName = roomName;
    answer({ ok: true, id: peer.id, resume: '', resumed: false, peers: others, iceServers: [] });
  }

  function leave(peer: Peer, reason: string): void {
    const room = peer.room;
    if (!room) return;
    room.delete(peer.id);
    if (room.size === 0) rooms.delete(peer.roomName);
    peer.room = undefined;
    const left = `42["peer-left",{"id":"${peer.id}","reason":"${reason}"}]`;
    for (const other of room.values()) other.ws.send(left);
  }

  return http;
}

function fail(peer: Peer, code: string): void {
  peer.ws.send(`42["error",{"code":"${code}","message":"${code}"}]`);
}

function ignore(): void {}
