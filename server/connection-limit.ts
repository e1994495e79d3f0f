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

  const release = (address: string): void => {
    const left = open.get(address)! - 1;
    if (left > 0) open.set(address, left);
    else open.delete(address);
  };
  /** One listener for every directly counted connection (not a closure each): its address gives the slot back. */
  function releaseOwn(this: Socket): void {
    release(this.remoteAddress!);
  }

  /** Takes a slot for `address` until `socket` closes; false when there is none left. */
  const take = (address: string, socket: Socket, onClose: (this: Socket) => void): boolean => {
    const count = open.get(address) ?? 0;
    if (count >= maxPerIp) {
      refused();
      return false;
    }
    open.set(address, count + 1);
    socket.on('close', onClose);
    return true;
  };
  /** Counted when accepted: a connection with an address that is not one of the relay's proxies. */
  const countedOnAccept = (socket: Socket): boolean => {
    const address = socket.remoteAddress;
    return address !== undefined && !isProxy(address, 0);
  };

  /** Connections refused when accepted, until they are gone (a request may still come on one meanwhile). */
  const refusedOnAccept = new WeakSet<Socket>();

  server.on('connection', (socket: Socket) => {
    if (!countedOnAccept(socket) || take(socket.remoteAddress!, socket, releaseOwn)) return;
    refusedOnAccept.add(socket);
    socket.end(REFUSAL);
  });

  return {
    admitUpgrade: ({ raw: { socket }, ip }) =>
      !refusedOnAccept.has(socket) && (countedOnAccept(socket) || take(ip, socket, () => release(ip))),
  };
}
