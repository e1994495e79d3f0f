// The wire protocol between widget and relay (DESIGN.md §3): event shapes, payload validation,
// error codes and limits. Imported by both the browser code and the server, so it uses no DOM and no Node.

/** Rooms are 1–128 characters from `A–Z a–z 0–9 . _ ~ -`. */
export const ROOM_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;
/** Peer ids and resume tokens are issued by the relay: 22 base64url characters (128 random bits). */
export const PEER_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const LIMITS = {
  nameLength: 64,
  passwordLength: 256,
  /** A signed join token: base64url claims, a dot, a base64url signature. */
  tokenLength: 2048,
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
  /** The relay cannot reach its room store (Redis) for now: the same request may work shortly. */
  'store-unavailable',
  /** The room is on an SFU that cannot be reached or refused the request: the room goes back to the mesh if it can. */
  'sfu-unavailable',
  /** A host action from someone who is not a host: nothing happened, and nobody was told. */
  'forbidden',
  /** The room is locked: nobody new may join or knock until a host unlocks it. */
  'room-locked',
  /** A host removed you: you cannot come back to this room for a while (the relay's ban period). */
  'removed',
  /** A host turned your knock down. */
  'denied',
  /** Nobody let you in before the lobby's time limit. */
  'lobby-timeout',
  /** A host ended the call for everyone. */
  'ended',
] as const;
export type RelayErrorCode = (typeof RELAY_ERROR_CODES)[number];

export type PeerLeftReason = 'left' | 'disconnected' | 'timeout' | 'kicked' | 'removed';

/** Hosts let people in, remove them, lock the room and end the call; guests do none of that (DESIGN.md §7). */
export type Role = 'host' | 'guest';

/** Why the relay ended your place in a room or in its lobby (a `dismissed` event). */
export type DismissCode = Extract<
  RelayErrorCode,
  'removed' | 'ended' | 'denied' | 'lobby-timeout' | 'room-locked' | 'room-full'
>;

/** How a room's media travels: peer to peer (`mesh`), or through the relay's SFU (`sfu`) once the room is large. */
export type RoomMode = 'mesh' | 'sfu';

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
  /** A join token minted by the site owner's backend with the relay's JOIN_SECRET. */
  token?: string;
  /** The `resume` token of an earlier join: takes that membership (and id) back if it is still held. */
  resume?: string;
  /** With `resume`: how many of the numbered events (docs/protocol.md, Resume) this membership has received. */
  received?: number;
  /** An open room's host key (from a host invitation): you join as a host. */
  hostKey?: string;
}

export interface PeerInfo {
  id: string;
  /** The name the relay knows (from the join, or a join token): the one to show, whatever the peer says later. */
  name?: string;
  /** The name comes from the site's signed join token: nobody, the peer included, can change it. */
  verified?: true;
  /** `host` for a host; absent for a guest. */
  role?: 'host';
}

export interface JoinAccepted {
  ok: true;
  id: string;
  /** Present to join again with `resume` after a dropped connection. */
  resume: string;
  /** True when `resume` took an earlier membership back: same id, and the events missed meanwhile follow. */
  resumed: boolean;
  peers: PeerInfo[];
  iceServers: IceServer[];
  /** Seconds the TURN credentials in `iceServers` stay valid (only with TURN): ask for fresh ones before. */
  iceServersTtl?: number;
  /** Your own name as the others see it (the one you sent, or your join token's), if any. */
  name?: string;
  /** Your name comes from your join token: it cannot be changed. */
  verified?: true;
  /** How the room's media travel: `sfu` when through the SFU; absent for the mesh. */
  mode?: RoomMode;
  /** After a resume in an SFU room: this relay holds no SFU session of yours (another relay did), publish again. */
  publish?: true;
  /** `host` when you are a host; absent for a guest. */
  role?: 'host';
  /** You created this open room: the key that makes whoever holds it a host too (for a host invitation). */
  hostKey?: string;
  /** Nobody new may join or knock. */
  locked?: true;
  /** Guests knock and wait for a host to let them in. */
  lobby?: true;
  /** For hosts: the people waiting in the lobby, oldest first. */
  knocks?: KnockMessage[];
}

/**
 * The join's answer in a room with a lobby: you wait, knowing nothing of the room but whether a host is there
 * to let you in. An `admitted` event (the JoinAccepted you would have had) or a `dismissed` one follows.
 */
export interface JoinWaiting {
  ok: true;
  waiting: true;
  /** Your id, as hosts see your knock (and, once admitted, the room sees you). */
  id: string;
  /** Whether a host is in the room now (a `waiting` event says when that changes). */
  host: boolean;
}

export interface Refusal {
  ok: false;
  code: RelayErrorCode;
  message: string;
}

export type JoinAck = JoinAccepted | JoinWaiting | Refusal;
export type LeaveAck = { ok: true } | Refusal;
export type RenameAck = { ok: true } | Refusal;
export type IceServersAck = { ok: true; iceServers: IceServer[]; iceServersTtl?: number } | Refusal;
export type SfuAck = { ok: true; sdp?: string } | Refusal;
export type HostAck = { ok: true } | Refusal;

/**
 * What a host asks of the relay, which checks the role (`forbidden` otherwise): let a knock in or turn it
 * down, remove a participant, ask one (or, without `id`, everyone else) to mute, lock the room, turn the
 * lobby on or off, or end the call for everyone.
 */
export type HostRequest =
  | { action: 'admit'; id: string }
  | { action: 'deny'; id: string }
  | { action: 'remove'; id: string }
  | { action: 'mute'; id?: string }
  | { action: 'lock'; locked: boolean }
  | { action: 'lobby'; enabled: boolean }
  | { action: 'end' };

/** Told to every member when a host removes someone, asks for mute, locks or unlocks, or turns the lobby on or off. */
export type HostActionMessage = { by: string } & Extract<HostRequest, { action: 'remove' | 'mute' | 'lock' | 'lobby' }>;

/** Told to hosts: someone is waiting in the lobby. */
export interface KnockMessage {
  id: string;
  name?: string;
  verified?: true;
}

/** Told to hosts: a knock was answered (by any host), withdrawn or timed out. */
export interface KnockEndedMessage {
  id: string;
}

/** Told to someone waiting in the lobby: whether a host is in the room now. */
export interface WaitingMessage {
  host: boolean;
}

/** Your place in the room (or its lobby) ended: a host removed you, denied your knock, or ended the call. */
export interface DismissedMessage {
  code: DismissCode;
  message: string;
}

/** A new name for yourself, shown to everyone in the room (refused when a join token set it). */
export interface RenameRequest {
  name: string;
}

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
  verified?: true;
  /** `host` for a host; absent for a guest. */
  role?: 'host';
}

export interface PeerRenamedMessage {
  id: string;
  name: string;
}

export interface PeerLeftMessage {
  id: string;
  reason: PeerLeftReason;
}

export interface RoomModeMessage {
  mode: RoomMode;
  /** Why, when the room had to move: its SFU went away (back to the mesh, or onto another SFU server). */
  error?: 'sfu-unavailable';
}

/** A candidate as RTCIceCandidate.toJSON() gives it; null when gathering is complete. */
export interface SfuCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

/**
 * What a member of an SFU room asks of the relay, which drives the SFU for it: publish its media (an SDP
 * offer; the ack carries the answer), answer the relay's offer of everyone else's media (`answer`), trickle
 * the candidates of either connection, and choose which layer of a participant's camera it receives (`layer`;
 * null: none, the tile is not shown). `screen` names the media id that carries a screen share.
 */
export type SfuRequest =
  | { type: 'publish'; sdp: string; screen?: string }
  | { type: 'answer'; sdp: string }
  | { type: 'candidate'; target: 'publisher' | 'subscriber'; candidate: SfuCandidate | null }
  | { type: 'layer'; peer: string; layer: SimulcastLayer | null };

/** A simulcast layer of a camera: 0 a quarter of its size, 1 half, 2 full. */
export type SimulcastLayer = 0 | 1 | 2;

/** One media stream in the relay's offer: whose it is, and what it carries. */
export interface SfuStream {
  mid: string;
  peer: string;
  kind: 'audio' | 'video' | 'screen';
}

/** The relay's offer of everyone else's media, on one connection: to be answered with `{ type: 'answer' }`. */
export interface SfuOffer {
  type: 'offer';
  sdp: string;
  streams: SfuStream[];
}

export interface ErrorMessage {
  code: RelayErrorCode;
  message: string;
}

/** Events a client emits (typed for socket.io-client). */
export interface ClientToRelayEvents {
  join(request: JoinRequest, ack: (response: JoinAck) => void): void;
  signal(request: SignalRequest): void;
  rename(request: RenameRequest, ack: (response: RenameAck) => void): void;
  /** Fresh TURN credentials for the connections in place, before the ones from the join expire. */
  'ice-servers'(ack: (response: IceServersAck) => void): void;
  sfu(request: SfuRequest, ack: (response: SfuAck) => void): void;
  host(request: HostRequest, ack: (response: HostAck) => void): void;
  leave(ack: (response: LeaveAck) => void): void;
}

/** Events the relay emits. */
export interface RelayToClientEvents {
  'peer-joined'(message: PeerJoinedMessage): void;
  'peer-left'(message: PeerLeftMessage): void;
  'peer-renamed'(message: PeerRenamedMessage): void;
  signal(message: SignalMessage): void;
  'room-mode'(message: RoomModeMessage): void;
  sfu(message: SfuOffer): void;
  'host-action'(message: HostActionMessage): void;
  knock(message: KnockMessage): void;
  'knock-ended'(message: KnockEndedMessage): void;
  waiting(message: WaitingMessage): void;
  admitted(message: JoinAccepted): void;
  dismissed(message: DismissedMessage): void;
  error(message: ErrorMessage): void;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export function parseJoinRequest(input: unknown): Parsed<JoinRequest> {
  if (!isPayloadObject(input)) return refuse('join expects an object { room, name?, password?, token?, resume? }');
  const { room, name, password, token, resume, received, hostKey } = input;
  if (typeof room !== 'string' || !ROOM_PATTERN.test(room)) {
    return refuse('room must be 1–128 characters from A–Z a–z 0–9 . _ ~ -');
  }
  const request: JoinRequest = { room };
  if (name !== undefined) {
    const parsed = parseName(name);
    if (!parsed.ok) return parsed;
    request.name = parsed.value;
  }
  if (password !== undefined) {
    if (typeof password !== 'string' || password.length > LIMITS.passwordLength) {
      return refuse(`password must be a string of at most ${LIMITS.passwordLength} characters`);
    }
    request.password = password;
  }
  if (token !== undefined) {
    if (typeof token !== 'string' || token.length > LIMITS.tokenLength || !/^[A-Za-z0-9_.-]+$/.test(token)) {
      return refuse('token must be a join token');
    }
    request.token = token;
  }
  if (resume !== undefined) {
    if (typeof resume !== 'string' || !PEER_ID_PATTERN.test(resume)) return refuse('resume must be a resume token');
    request.resume = resume;
  }
  if (received !== undefined) {
    if (!Number.isSafeInteger(received) || (received as number) < 0) return refuse('received must be a count');
    request.received = received as number;
  }
  if (hostKey !== undefined) {
    if (typeof hostKey !== 'string' || !PEER_ID_PATTERN.test(hostKey)) return refuse('hostKey must be a host key');
    request.hostKey = hostKey;
  }
  return { ok: true, value: request };
}

/** A host's request; ids are checked for shape here, and against the room by the relay. */
export function parseHostRequest(input: unknown): Parsed<HostRequest> {
  if (!isPayloadObject(input)) return refuse('host expects an object { action, ... }');
  const { action, id, locked, enabled } = input;
  const isId = typeof id === 'string' && PEER_ID_PATTERN.test(id);
  switch (action) {
    case 'admit':
    case 'deny':
    case 'remove':
      return isId ? { ok: true, value: { action, id } } : refuse('id must be a peer id');
    case 'mute':
      if (id === undefined) return { ok: true, value: { action } };
      return isId ? { ok: true, value: { action, id } } : refuse('id must be a peer id');
    case 'lock':
      return typeof locked === 'boolean' ? { ok: true, value: { action, locked } } : refuse('locked must be a boolean');
    case 'lobby':
      return typeof enabled === 'boolean'
        ? { ok: true, value: { action, enabled } }
        : refuse('enabled must be a boolean');
    case 'end':
      return { ok: true, value: { action } };
    default:
      return refuse('action must be admit, deny, remove, mute, lock, lobby or end');
  }
}

export function parseRenameRequest(input: unknown): Parsed<RenameRequest> {
  if (!isPayloadObject(input)) return refuse('rename expects an object { name }');
  const parsed = parseName(input.name);
  return parsed.ok ? { ok: true, value: { name: parsed.value } } : parsed;
}

/** A participant's name: 1–64 printable characters once trimmed (also what a join token's `name` must be). */
export function parseName(name: unknown): Parsed<string> {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed || trimmed.length > LIMITS.nameLength || CONTROL_CHARACTERS.test(trimmed)) {
    return refuse(`name must be 1–${LIMITS.nameLength} printable characters`);
  }
  return { ok: true, value: trimmed };
}

/**
 * A `signal` event's payload, `["signal", request]` (its name checked by the caller). Also returns `data`
 * serialized (`text`), for the relay to forward: given the `frame` the payload was parsed from (a plain event's
 * text), as its sender wrote it when the frame shows that is exactly `data` (writtenData, and the request the
 * event's one argument), otherwise stringified.
 */
export function parseSignalEvent(payload: unknown[], frame?: string): Parsed<SignalRequest & { text: string }> {
  const input = payload[1];
  if (!isPayloadObject(input)) return refuse('signal expects an object { to, data }');
  const { to, data } = input;
  if (typeof to !== 'string' || !PEER_ID_PATTERN.test(to)) return refuse('to must be a peer id');
  if (!isPlainObject(data) || !isJson(data, LIMITS.signalDepth)) {
    return refuse('data must be a JSON object');
  }
  // With a second argument, the frame's end is not the request's: only a lone request's frame is read.
  const written = frame && payload.length === 2 ? writtenData(frame, to, input) : undefined;
  const text = written || JSON.stringify(data);
  if (text.length > LIMITS.signalLength) {
    return refuse(`data must serialize to at most ${LIMITS.signalLength} characters`);
  }
  return { ok: true, value: { to, data, text } };
}

/** How a plain `signal` event's frame begins, before the target's peer id. */
const SIGNAL_FRAME = '2["signal",{"to":"';
const DATA_KEY = '","data":';

/**
 * The text of a signal request's data in its frame, when the frame is exactly
 * `2["signal",{"to":"<to>","data":<data>}]` (as socket.io-client writes `emit('signal', { to, data })`), the
 * request has no key but those two, and nothing in <data> can be a second `to` or `data` key (no `"to"`, `"data"`
 * or `\u` escape in it): <data> is then one JSON value, the one parsed as `data`. Otherwise undefined.
 */
function writtenData(frame: string, to: string, request: Record<string, unknown>): string | undefined {
  const start = SIGNAL_FRAME.length + to.length + DATA_KEY.length;
  if (
    !frame.startsWith(SIGNAL_FRAME) ||
    !frame.startsWith(to, SIGNAL_FRAME.length) ||
    !frame.startsWith(DATA_KEY, start - DATA_KEY.length) ||
    !frame.endsWith('}]')
  ) {
    return undefined;
  }
  let keys = 0;
  for (const _ in request) keys++;
  if (keys !== 2) return undefined;
  const text = frame.slice(start, -2);
  return text.includes('"to"') || text.includes('"data"') || text.includes('\\u') ? undefined : text;
}

/** A member's request about its SFU connections; SDP is checked for length only (the relay never parses it). */
export function parseSfuRequest(input: unknown): Parsed<SfuRequest> {
  if (!isPayloadObject(input)) return refuse('sfu expects an object { type, ... }');
  const { type, sdp, screen, target, candidate } = input;
  if (type === 'publish' || type === 'answer') {
    if (typeof sdp !== 'string' || sdp.length === 0 || sdp.length > LIMITS.signalLength) {
      return refuse(`sdp must be a string of at most ${LIMITS.signalLength} characters`);
    }
    if (type === 'answer') return { ok: true, value: { type, sdp } };
    if (screen !== undefined && !isMid(screen)) return refuse('screen must be a media id');
    return { ok: true, value: screen === undefined ? { type, sdp } : { type, sdp, screen } };
  }
  if (type === 'layer') {
    const { peer, layer } = input;
    if (typeof peer !== 'string' || !PEER_ID_PATTERN.test(peer)) return refuse('peer must be a peer id');
    if (layer !== null && layer !== 0 && layer !== 1 && layer !== 2) return refuse('layer must be 0, 1, 2 or null');
    return { ok: true, value: { type, peer, layer } };
  }
  if (type !== 'candidate') return refuse('type must be publish, answer, candidate or layer');
  if (target !== 'publisher' && target !== 'subscriber') return refuse('target must be publisher or subscriber');
  if (candidate === null) return { ok: true, value: { type, target, candidate } };
  if (!isPayloadObject(candidate)) return refuse('candidate must be an ICE candidate or null');
  const { candidate: line, sdpMid, sdpMLineIndex } = candidate;
  if (typeof line !== 'string' || line.length > 1024) return refuse('candidate must be an ICE candidate line');
  if (sdpMid != null && !isMid(sdpMid)) return refuse('sdpMid must be a media id');
  if (sdpMLineIndex != null && !(Number.isSafeInteger(sdpMLineIndex) && (sdpMLineIndex as number) >= 0)) {
    return refuse('sdpMLineIndex must be an index');
  }
  const parsed: SfuCandidate = { candidate: line };
  if (sdpMid != null) parsed.sdpMid = sdpMid as string;
  if (sdpMLineIndex != null) parsed.sdpMLineIndex = sdpMLineIndex as number;
  return { ok: true, value: { type, target, candidate: parsed } };
}

function isMid(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(value);
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

/** An object made by JSON or a literal (no class instance, array or exotic prototype). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A plain object without prototype-pollution keys: the shape every payload has. */
function isPayloadObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).every((key) => !FORBIDDEN_KEYS.has(key));
}

/** Keys that mean something to JavaScript objects: refused anywhere in a payload, so no receiver trips on them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * True for values JSON can carry unchanged, no deeper than `depth`: no binary, functions or class
 * instances, and no prototype-pollution keys.
 */
function isJson(value: unknown, depth: number): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth === 0 || !(Array.isArray(value) || isPlainObject(value))) return false;
  // A loop over the keys (an array's indexes too), not entries() and every(): the relay walks every signal.
  for (const key in value) {
    if (FORBIDDEN_KEYS.has(key) || !isJson((value as Record<string, unknown>)[key], depth - 1)) return false;
  }
  return true;
}
