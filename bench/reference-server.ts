// The reference for `npm run bench:relay`: a plain socket.io server (WebSocket transport, its default ws engine)
// with the relay's join/signal/leave semantics: the same payload validation (src/protocol.ts), rooms of at most
// MAX_PEERS, peers in the join ack, peer-joined/peer-left, signals only within the sender's room, `from` stamped.
import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { parseJoinRequest, parseSignalEvent } from '../src/protocol.ts';

const MAX_PEERS = 8;
/** socket.io's ids are 20 characters, the relay's 22: `to` is checked on its own, the rest as the relay does. */
const ANY_PEER_ID = 'A'.repeat(22);

export function referenceServer(): HttpServer {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], serveClient: false, maxHttpBufferSize: 65_536 });
  const names = new Map<string, string | undefined>();
  io.on('connection', (socket) => {
    let room: string | undefined;
    const leave = (reason: string): void => {
      if (!room) return;
      socket.to(room).emit('peer-left', { id: socket.id, reason });
      void socket.leave(room);
      room = undefined;
    };
    socket.on('join', (request: unknown, ack?: (answer: unknown) => void) => {
      const parsed = parseJoinRequest(request);
      if (!parsed.ok) return ack?.({ ok: false, code: 'invalid-request', message: parsed.message });
      const { room: wanted, name } = parsed.value;
      const members = io.sockets.adapter.rooms.get(wanted);
      if ((members?.size ?? 0) - (room === wanted ? 1 : 0) >= MAX_PEERS) {
        return ack?.({ ok: false, code: 'room-full', message: 'full' });
      }
      leave('left');
      const peers = [...(members ?? [])].map((id) => (names.get(id) ? { id, name: names.get(id) } : { id }));
      names.set(socket.id, name);
      socket.to(wanted).emit('peer-joined', name ? { id: socket.id, name } : { id: socket.id });
      void socket.join(wanted);
      room = wanted;
      ack?.({ ok: true, id: socket.id, resume: '', resumed: false, peers, iceServers: [] });
    });
    socket.on('signal', (request: unknown) => {
      if (!room) return socket.emit('error', { code: 'not-joined', message: 'join first' });
      const to = (request as { to?: unknown } | null)?.to;
      const parsed = parseSignalEvent([
        'signal',
        typeof to === 'string' ? { ...(request as object), to: ANY_PEER_ID } : request,
      ]);
      if (!parsed.ok) return socket.emit('error', { code: 'invalid-request', message: parsed.message });
      const target = to === socket.id ? undefined : io.sockets.sockets.get(to as string);
      if (!target?.rooms.has(room)) return socket.emit('error', { code: 'unknown-peer', message: 'no such peer' });
      target.emit('signal', { from: socket.id, data: parsed.value.data });
    });
    socket.on('leave', (ack?: (answer: unknown) => void) => (leave('left'), ack?.({ ok: true })));
    socket.on('disconnect', () => (leave('disconnected'), names.delete(socket.id)));
  });
  return http;
}
