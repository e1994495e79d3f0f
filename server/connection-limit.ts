// MAX_CONNECTIONS_PER_IP, counted where it cannot be dodged: every TCP connection is counted from the moment it
// is accepted (so handshakes that never finish their headers count too), and the next one from the address is
// answered 429 and closed at once. Connections from the relay's own reverse proxies are counted per client
// instead, by X-Forwarded-For, when they ask for a WebSocket.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { rawRefusal, REQUEST_ERRORS } from './errors.ts';
import type { TrustFunction } from './trust-proxy.ts';

export interface ConnectionLimit {
  /** Counts a WebSocket handshake from a client behind a proxy; false when its address is at the limit. */
  admitUpgrade(request: FastifyRequest): boolean;
}

const REFUSAL = rawRefusal(REQUEST_ERRORS.connections);

export function limitConnections(
  server: Server,
  { maxPerIp, isProxy, refused }: { maxPerIp: number; isProxy: TrustFunction; refused(): void },
): ConnectionLimit {
  const open = new Map<string, number>();
  /** The address each counted TCP connection holds a slot for. */
  const counted = new WeakMap<Socket, string>();

  /** One listener for every connection (not a closure each): gives the slot back. */
  function release(this: Socket): void {
    const address = counted.get(this)!;
    const left = open.get(address)! - 1;
    if (left > 0) open.set(address, left);
    else open.delete(address);
  }

  /** Takes a slot for `address` until `socket` closes; false when there is none left. */
  const take = (address: string, socket: Socket): boolean => {
    const count = open.get(address) ?? 0;
    if (count >= maxPerIp) {
      refused();
      return false;
    }
    open.set(address, count + 1);
    counted.set(socket, address);
    socket.on('close', release);
    return true;
  };

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined || isProxy(address, 0)) return;
    if (!take(address, socket)) socket.end(REFUSAL);
  });

  return {
    admitUpgrade: (request) => counted.has(request.raw.socket) || take(request.ip, request.raw.socket),
  };
}
