// The relay's error catalogue, one place for every error it raises or answers with (after Fastify's
// lib/errors.js): settings that cannot work, an unreachable room store, HTTP refusals before any session exists,
// and its answers on the wire. Keys and codes are stable and never reused; the wire codes themselves are the
// protocol's (RELAY_ERROR_CODES in src/protocol.ts), which the widget reads.
import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { RelayErrorCode } from '../src/protocol.ts';

/** Thrown at start-up for a setting that cannot work; the message names the setting. */
export class RelayConfigError extends Error {
  readonly code = 'invalid-config';
}

/**
 * Thrown by a room store that cannot reach where rooms live (Redis): the request that needed it is answered
 * with `store-unavailable` (a join closes the connection instead, so that the client tries again).
 */
export class StoreUnavailableError extends Error {
  readonly code = 'store-unavailable';
}

/** An HTTP refusal: its status, and as its JSON body Engine.IO's code and message, with a hint for people. */
export interface RequestError {
  status: number;
  code: number;
  message: string;
  hint: string;
}

/** Requests refused before any session exists, with Engine.IO's own codes (socket.io's server uses the same). */
export const REQUEST_ERRORS = {
  transport: {
    status: 400,
    code: 0,
    message: 'Transport unknown',
    hint: 'this relay speaks Engine.IO v4 over WebSocket only: use socket.io-client with transports: ["websocket"]',
  },
  session: { status: 400, code: 1, message: 'Session ID unknown', hint: 'transport upgrades are not supported' },
  request: { status: 400, code: 3, message: 'Bad request', hint: 'expected a WebSocket upgrade' },
  protocol: { status: 400, code: 5, message: 'Unsupported protocol version', hint: 'expected EIO=4' },
  connections: { status: 429, code: 4, message: 'Forbidden', hint: 'too many connections from this address' },
  /** The hint names the origin (see origin-guard.ts). */
  origin: { status: 403, code: 4, message: 'Forbidden', hint: 'this origin is not allowed on this relay' },
} as const satisfies Record<string, RequestError>;

/** The JSON body of a refusal: what Engine.IO's server sends, plus the hint. */
function requestErrorBody({ code, message, hint }: RequestError): { code: number; message: string; hint: string } {
  return { code, message, hint };
}

/** Answers a refused request with its status and JSON body, never cached. */
export function refuseRequest(reply: FastifyReply, error: RequestError): FastifyReply {
  return reply.code(error.status).header('cache-control', 'no-store').send(requestErrorBody(error));
}

/** The raw HTTP response for a refusal made before Fastify sees the request (on the TCP socket itself). */
export function rawRefusal(error: RequestError): string {
  const body = JSON.stringify(requestErrorBody(error));
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
    'content-type: application/json; charset=utf-8',
    'cache-control: no-store',
    'connection: close',
    `content-length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/** An `error` event's payload, or a refused ack's code and message. */
export interface WireError {
  code: RelayErrorCode;
  message: string;
}

/** What the relay answers on the wire, by what went wrong; the code is what the widget acts on. */
export const WIRE_ERRORS = {
  /** A payload that fails the protocol's schema (the message says how). */
  invalid: (problem: string): WireError => ({ code: 'invalid-request', message: problem }),
  unknownEvent: (name: unknown): WireError => ({
    code: 'invalid-request',
    message: `unknown event ${JSON.stringify(name)}`,
  }),
  /** A handler threw: the relay logs it and the client learns only which event failed. */
  handlerFailed: (event: string): WireError => ({ code: 'invalid-request', message: `could not handle ${event}` }),
  /** `before` says what needs a room, if anything in particular. */
  notJoined: (before?: string): WireError => ({
    code: 'not-joined',
    message: before ? `join a room before ${before}` : 'join a room first',
  }),
  unauthorized: { code: 'unauthorized', message: 'A valid password or join token is required.' },
  nameFromToken: { code: 'unauthorized', message: 'Your name comes from your join token: it cannot be changed.' },
  roomFull: (maxPeers: number): WireError => ({
    code: 'room-full',
    message: `This room is full (${maxPeers} people).`,
  }),
  unknownPeer: (peer: string): WireError => ({ code: 'unknown-peer', message: `no peer ${peer} in this room` }),
  rateLimited: { code: 'rate-limited', message: 'Too many messages: slow down.' },
  shuttingDown: { code: 'server-shutting-down', message: 'The relay is restarting.' },
  storeUnavailable: (action: string): WireError => ({
    code: 'store-unavailable',
    message: `The relay cannot reach its room store right now (${action}): try again shortly.`,
  }),
  noSfu: { code: 'invalid-request', message: 'This room does not use an SFU.' },
  forbidden: { code: 'forbidden', message: 'Only a host can do that.' },
  notAKnock: (id: string): WireError => ({
    code: 'unknown-peer',
    message: `nobody ${id} is waiting in this room's lobby`,
  }),
  roomLocked: { code: 'room-locked', message: 'This room is locked: nobody new can join.' },
  removed: { code: 'removed', message: 'A host removed you from this room.' },
  lobbyFull: { code: 'rate-limited', message: 'Too many people are waiting to be let in: try again later.' },
  denied: { code: 'denied', message: 'A host did not let you in.' },
  lobbyTimeout: { code: 'lobby-timeout', message: 'Nobody let you in in time.' },
  ended: { code: 'ended', message: 'A host ended the call for everyone.' },
  sfuUnavailable: (action: string): WireError => ({
    code: 'sfu-unavailable',
    message: `The SFU could not ${action}.`,
  }),
} as const satisfies Record<string, WireError | ((argument: never) => WireError)>;
