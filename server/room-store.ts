// The contract between signaling and wherever rooms live: this process's memory (memory-store.ts, the default)
// or Redis, shared by several relays (redis/). Both number each member's events and keep them for a lossless
// resume, and both must behave the same on the wire (docs/protocol.md).
import type { DismissCode, HostRequest, KnockMessage, PeerInfo, PeerLeftReason, RoomMode } from '../src/protocol.ts';
import type { HoldLimits } from './held-members.ts';
import type { Frame } from './socketio/socketio-connection.ts';

/** Where a member's events go: the connection that holds the membership. */
export interface Delivery {
  /** This connection's id, so that stale operations from an older connection of the same member do nothing. */
  readonly connection: string;
  /** Sends one event, as its frame (eventFrame, maybe already encoded). */
  send(frame: Frame): void;
  /** Calls `received` once the client has read everything sent to it so far; never if it drops first. */
  whenReceived(received: () => void): void;
  /**
   * The connection no longer holds the membership: another one took it over (the client came back before
   * this one was seen to drop), or the store lost it. Close it, so that the client reconnects.
   */
  revoke(): void;
  /** A host ended this connection's place in the room or in its lobby (or a lock turned its knock away). */
  dismiss(code: HostDismissal): void;
  /** For a knock: a host let it in (the connection joins now), or a host came into the room, or the last left. */
  lobby(news: 'admitted' | 'host' | 'no-host'): void;
}

/**
 * An event as the JSON text of `[name, payload]`: the form Redis keeps and relays hand each other, and what
 * eventFrame() makes the frame sent to clients (and kept for their resume) from.
 */
export function eventJson(event: string, payload: unknown): string {
  return JSON.stringify([event, payload]);
}

/** One participant in one room, as the connection holding it knows it. */
export interface Membership {
  /** 128 random bits, base64url: unguessable, and matches PEER_ID_PATTERN. */
  readonly id: string;
  readonly room: string;
  readonly name?: string;
  /** The name comes from a join token: it cannot be changed. */
  readonly verified?: boolean;
  /** Hosts may admit, remove, mute, lock and end; everyone else is a guest. */
  readonly role?: 'host';
  /** The secret a dropped client presents to get this membership back. */
  readonly resumeToken: string;
}

/** What decides a join's role and whether it must knock (see access.ts and DESIGN.md §7). */
export interface JoinAccess {
  /** From a join token. */
  role?: 'host';
  /** Without JOIN_SECRET: the hash of the host key presented, if any... */
  hostKeyHash?: string;
  /** ...and of a new key that makes whoever creates the room its host. */
  newHostKeyHash?: string;
  /** Who a host's removal bans: the join token's hash, or the client's address. */
  banKey: string;
  /** A guest token's lobby claim: knock, whatever the room says. */
  knock?: boolean;
  /** A host token's lobby claim: the room gets a lobby. */
  lobbyOn?: boolean;
  /** A host let this knock (its id) in. */
  admitted?: string;
  /** At most this many knocks wait in the room at once. */
  maxKnocks: number;
}

export interface StoreJoin {
  room: string;
  name?: string;
  /** The name comes from a join token. */
  verified?: boolean;
  delivery: Delivery;
  /** The connection's current membership: it leaves (reason `left`) if the join succeeds, and does not count. */
  leaving?: Membership;
  maxPeers: number;
  /**
   * With an SFU: the room moves onto it when this join makes it this large. The others hear `room-mode` before
   * the `peer-joined`, so nobody starts a mesh connection to the newcomer.
   */
  sfuThreshold?: number;
  access: JoinAccess;
}

export type JoinOutcome =
  | { ok: true; member: Membership; peers: PeerInfo[]; mode: RoomMode; room: RoomFacts }
  /** The room has a lobby: the join waits as a knock (`id`) until a host answers (Delivery.lobby or dismiss). */
  | { ok: 'waiting'; id: string; host: boolean }
  | { ok: false; code: 'room-full' | 'room-locked' | 'removed' | 'lobby-full' };

/** What a member learns of its room as it joins. */
export interface RoomFacts {
  /** The join made the room: it had no member. */
  created: boolean;
  locked: boolean;
  lobby: boolean;
  /** For a host: the knocks waiting, oldest first. */
  knocks: KnockMessage[];
}

/** Why the store ends a place (a full room only ever refuses an admitted knock's join, in signaling). */
export type HostDismissal = Exclude<DismissCode, 'room-full'>;

/** Why a membership ended: what the room heard (peer-left), or `ended` when a host ended the call. */
export type Departure = PeerLeftReason | 'ended';

/** What a host's request did: `unknown` when its target is not in the room (or its lobby); nothing changed. */
export type ModerationOutcome = 'done' | 'unknown';

export interface StoreResume {
  room: string;
  token: string;
  /** How many of the membership's events the client has. */
  received: number;
  delivery: Delivery;
}

export type ResumeOutcome =
  /** Same membership, now on this delivery; `missed` are the events after `received` (frames), oldest first. */
  | { outcome: 'resumed'; member: Membership; peers: PeerInfo[]; missed: Frame[]; mode: RoomMode }
  /** The token was good but some missed events are gone: that membership ended (`disconnected`). */
  | { outcome: 'ended'; id: string }
  /** No membership of this room holds that token (any more). */
  | { outcome: 'unknown' };

/**
 * Events for a membership that `join` or `resume` hands out reach its delivery only after the current task,
 * so the caller's ack (and the replay of missed events) always go first. Both throw StoreUnavailableError
 * when the store cannot be reached.
 */
export interface RoomStore {
  /** False while the store cannot serve joins (Redis unreachable); /readyz reports it. */
  readonly ready: boolean;
  join(request: StoreJoin): Promise<JoinOutcome>;
  resume(request: StoreResume): Promise<ResumeOutcome>;
  /**
   * Delivers a `signal` event (`json`, as eventJson() writes it, `from` already stamped) to `to` if it is another
   * member of the sender's room; false if not. The hot path: a store that can answer at once (in memory) does,
   * without a promise.
   */
  signal(from: Membership, to: string, json: string): boolean | Promise<boolean>;
  /**
   * Gives the member a new name and tells the rest of the room (`peer-renamed`); resolves with the membership
   * as it now is.
   */
  rename(member: Membership, name: string): Promise<Membership>;
  /** Ends the membership (if `delivery` still holds it) and tells the rest of the room. */
  leave(member: Membership, delivery: Delivery, reason: PeerLeftReason): Promise<void>;
  /**
   * The connection from client `address` dropped: keep the place for `graceMs` for a resume, then end it with
   * `timeout` (earlier if the holds from that address, or their bytes on this relay, go over their limits).
   */
  hold(member: Membership, delivery: Delivery, graceMs: number, address: string): Promise<void>;
  /** A knock ends unanswered (it left, dropped or timed out): the room's hosts are told (`knock-ended`). */
  withdraw(room: string, id: string, delivery: Delivery): Promise<void>;
  /**
   * Carries out a host's request (the relay checked the role): tells the members (`host-action`), the knock or
   * the people it concerns (Delivery.lobby, Delivery.dismiss), and bans a removed member for `banMs`.
   */
  moderate(host: Membership, request: HostRequest, banMs: number): Promise<ModerationOutcome>;
  /** How the room's media travel now. */
  mode(room: string): RoomMode | Promise<RoomMode>;
  /**
   * Moves the room's media (`sfu` again: onto another SFU server) and tells every member (`room-mode`, with
   * `error` if given), unless the room holds more than `atMost` members; false when it did not move.
   */
  setMode(room: string, mode: RoomMode, options?: ModeChange): Promise<boolean>;
  /** Where the room is on the SFU: as recorded (by any relay), or `proposal`, recorded now if nothing was. */
  place(room: string, proposal: SfuPlacement): Promise<SfuPlacement>;
  /**
   * Forgets where the room was on the SFU, if that was `placement`: true for the one caller that did (several
   * relays may see its node go away; one of them moves the room).
   */
  unplace(room: string, placement: SfuPlacement): Promise<boolean>;
  /** Rooms and members on this relay, for /healthz and /metrics. */
  counts(): StoreCounts;
  close(): Promise<void>;
}

/** Where an SFU room lives: a Janus node (its WebSocket URL) and the number of the room's VideoRoom there. */
export interface SfuPlacement {
  url: string;
  janusRoom: number;
}

export interface ModeChange {
  atMost?: number;
  error?: 'sfu-unavailable';
}

export interface StoreCounts {
  rooms: number;
  /** Members, those held for a resume included... */
  members: number;
  /** ...of which this many are held... */
  held: number;
  /** ...keeping this many bytes of events on this relay for their resume. */
  heldBytes: number;
}

export interface StoreOptions {
  /** Events stay replayable this long while the member is connected (a dead connection is noticed by then). */
  replayWindowMs: number;
  /** At most this much (serialized) is kept per member; the oldest events go first. */
  replayBytes: number;
  /** Limits on the members held for a resume (see held-members.ts). */
  holdLimits: HoldLimits;
  /** A held membership ended: it was not resumed in time, or other holds pushed it out early. */
  expired(member: Membership, why: 'expired' | 'evicted'): void;
  /** A membership held here for a resume ended because a host removed it or ended the call. */
  dismissedAway(member: Membership): void;
  /**
   * When set: a membership ended, for `reason` (`ended`: a host ended the call), and `roomEnded` when nobody is
   * left in its room. Called once per membership, on one relay whatever their number (for webhooks).
   */
  departed?(member: Pick<Membership, 'id' | 'room'>, reason: Departure, roomEnded: boolean): void;
}

/** What the others are told of a member: its id, its name (marked when a join token set it), and a host's role. */
export function peerInfo({
  id,
  name,
  verified,
  role,
}: Pick<Membership, 'id' | 'name' | 'verified' | 'role'>): PeerInfo {
  return { id, ...(name && { name }), ...(name && verified && { verified }), ...(role && { role }) };
}

/** A knock as hosts see it (the same shape as a peer, without a role). */
export function knockInfo(knock: Pick<Membership, 'id' | 'name' | 'verified'>): KnockMessage {
  return peerInfo(knock);
}
