// The relay's own errors, in one place: a setting that cannot work, and the HTTP answers to a request refused
// before any session exists (Engine.IO's handshake codes). The error codes of signaling, which the widget
// reads, are the wire protocol's: RELAY_ERROR_CODES in src/protocol.ts.
import type { FastifyReply } from 'fastify';

/** Thrown at start-up for a setting that cannot work; the message names the setting. */
export class RelayConfigError extends Error {
  readonly code = 'invalid-config';
}

/** Engine.IO's own codes for refused handshakes and requests, with a hint for people reading the response. */
export const HANDSHAKE_ERRORS = {
  transport: {
    code: 0,
    message: 'Transport unknown',
    hint: 'this relay speaks Engine.IO v4 over WebSocket only: use socket.io-client with transports: ["websocket"]',
  },
  session: { code: 1, message: 'Session ID unknown', hint: 'transport upgrades are not supported' },
  request: { code: 3, message: 'Bad request', hint: 'expected a WebSocket upgrade' },
  forbidden: { code: 4, message: 'Forbidden', hint: 'too many connections from this address' },
  protocol: { code: 5, message: 'Unsupported protocol version', hint: 'expected EIO=4' },
} as const;

export interface HandshakeError {
  code: number;
  message: string;
  hint: string;
}

/** Answers a refused request with its error as JSON, never cached (HTTP 400 unless said otherwise). */
export function refuseRequest(reply: FastifyReply, error: HandshakeError, status = 400): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send(error);
}
