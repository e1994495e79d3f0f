// The wire protocol between widget and relay (DESIGN.md §3): event shapes, payload validation,
// error codes and limits. Imported by both the browser code and the server, so it uses no DOM and no Node.

/** Rooms are 1–128 characters from `A–Z a–z 0–9 . _ ~ -`. */
export const ROOM_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;
/** Peer ids are issued by the relay: 22 base64url characters (128 random bits). */
export const PEER_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const LIMITS = {
  nameLength: 64,
  passwordLength: 256,
  /** Serialized length of one signal's `data` in characters, comfortably above a multi-track SDP. */
  signalLength: 32 * 1024,
  /** Nesting depth allowed inside a signal's `data`. */
  signalDepth: 8,
} as const;

/** Error codes the relay sends, in `error` events and refused acks. Stable: never reused. */
export const RELAY_ERROR_CODES = [
  'invalid-request',
  'room-full',
  'unauthorized',
  'not-joined',
  'unknown-peer',
  'rate-limited',
  'payload-too-large',
  'server-shutting-down',
] as const;
export type RelayErrorCode = (typeof RELAY_ERROR_CODES)[number];

export type PeerLeftReason = 'left' | 'disconnected' | 'timeout' | 'kicked';

/** The RTCIceServer shape, restated without the DOM. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface JoinRequest {
  room: string;
  name?: string;
  password?: string;
}

export interface PeerInfo {
  id: string;
  name?: string;
}

export interface JoinAccepted {
  ok: true;
  id: string;
  peers: PeerInfo[];
  iceServers: IceServer[];
}

export interface Refusal {
  ok: false;
  code: RelayErrorCode;
  message: string;
}

export type JoinAck = JoinAccepted | Refusal;
export type LeaveAck = { ok: true } | Refusal;

/** What the relay forwards untouched between two peers: `{ description }` or `{ candidate }` in practice. */
export interface SignalRequest {
  to: string;
  data: JsonObject;
}

export interface SignalMessage {
  from: string;
  data: JsonObject;
}

export interface PeerJoinedMessage {
  id: string;
  name?: string;
}

export interface PeerLeftMessage {
  id: string;
  reason: PeerLeftReason;
}

export interface ErrorMessage {
  code: RelayErrorCode;
  message: string;
}

/** Events a client emits (typed for socket.io-client). */
export interface ClientToRelayEvents {
  join(request: JoinRequest, ack: (response: JoinAck) => void): void;
  signal(request: SignalRequest): void;
  leave(ack: (response: LeaveAck) => void): void;
}

/** Events the relay emits. */
export interface RelayToClientEvents {
  'peer-joined'(message: PeerJoinedMessage): void;
  'peer-left'(message: PeerLeftMessage): void;
  signal(message: SignalMessage): void;
  error(message: ErrorMessage): void;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export function parseJoinRequest(input: unknown): Parsed<JoinRequest> {
  if (!isPlainObject(input)) return refuse('join expects an object { room, name?, password? }');
  const { room, name, password } = input;
  if (typeof room !== 'string' || !ROOM_PATTERN.test(room)) {
    return refuse('room must be 1–128 characters from A–Z a–z 0–9 . _ ~ -');
  }
  const request: JoinRequest = { room };
  if (name !== undefined) {
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (!trimmed || trimmed.length > LIMITS.nameLength || CONTROL_CHARACTERS.test(trimmed)) {
      return refuse(`name must be 1–${LIMITS.nameLength} printable characters`);
    }
    request.name = trimmed;
  }
  if (password !== undefined) {
    if (typeof password !== 'string' || password.length > LIMITS.passwordLength) {
      return refuse(`password must be a string of at most ${LIMITS.passwordLength} characters`);
    }
    request.password = password;
  }
  return { ok: true, value: request };
}

export function parseSignalRequest(input: unknown): Parsed<SignalRequest> {
  if (!isPlainObject(input)) return refuse('signal expects an object { to, data }');
  const { to, data } = input;
  if (typeof to !== 'string' || !PEER_ID_PATTERN.test(to)) return refuse('to must be a peer id');
  if (!isPlainObject(data) || !isJson(data, LIMITS.signalDepth)) {
    return refuse('data must be a JSON object');
  }
  if (JSON.stringify(data).length > LIMITS.signalLength) {
    return refuse(`data must serialize to at most ${LIMITS.signalLength} characters`);
  }
  return { ok: true, value: { to, data } };
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** True for values JSON can carry unchanged, no deeper than `depth`: no binary, functions or class instances. */
function isJson(value: unknown, depth: number): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth === 0) return false;
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth - 1));
  return isPlainObject(value) && Object.values(value).every((item) => isJson(item, depth - 1));
}
