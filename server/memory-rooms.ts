// Room membership, in memory: who is in which room, and members whose connection dropped but who keep their
// place (and id) for a while so they can resume without missing an event. A room exists while someone is in it.
import { randomBytes } from 'node:crypto';
import { ReplayBuffer } from './replay-buffer.ts';
import type { Delivery, Membership } from './room-store.ts';

/** While connected, a member is asked for a receipt after this many bytes of signals it has not confirmed. */
const RECEIPT_EVERY = 32 * 1024;

export interface MemberOptions {
  /**
   * How long events stay replayable while the member is connected: a connection that died unnoticed is
   * detected by the heartbeat within this time, so older events were delivered. A receipt from the client
   * (Delivery.whenReceived) lets them go sooner.
   */
  replayWindowMs: number;
  /** At most this much (in bytes, as replay-buffer.ts counts them) is kept for replay; the oldest go first. */
  replayBytes: number;
}

/** Who a member is: its id (a knock's, once let in; else a new one), name, role and ban key. */
export interface MemberIdentity extends Pick<Membership, 'name' | 'verified' | 'role'> {
  id?: string;
  banKey: string;
}

/**
 * One participant in a room. Every event for it is numbered and kept for a while, so a client that lost its
 * connection can resume and get exactly what it missed: the events after the last one it received.
 */
export class Member implements Membership {
  readonly id: string;
  readonly resumeToken = newSecret();
  readonly room: string;
  name?: string;
  readonly verified?: boolean;
  readonly role?: 'host';
  /** Who a host's removal of this member bans (see JoinAccess). */
  readonly banKey: string;
  #delivery: Delivery | null;
  #options: MemberOptions;
  /** The events kept, oldest first: the last is number #seq. None kept, no buffer (most members, most of the time). */
  #kept: ReplayBuffer | null = null;
  #seq = 0;
  /** Bytes (or characters, for a frame sent as text) sent since a receipt was last asked for. */
  #unconfirmed = 0;
  #expiry: NodeJS.Timeout | undefined;

  constructor(
    room: string,
    { id = newSecret(), name, verified, role, banKey }: MemberIdentity,
    delivery: Delivery,
    options: MemberOptions,
  ) {
    this.id = id;
    this.room = room;
    this.banKey = banKey;
    if (name) this.name = name;
    if (name && verified) this.verified = true;
    if (role) this.role = role;
    this.#delivery = delivery;
    this.#options = options;
  }

  get delivery(): Delivery | null {
    return this.#delivery;
  }

  /** What is kept for a resume. */
  get bytes(): number {
    return this.#kept?.bytes ?? 0;
  }

  /**
   * Sends an event (its frame's text) to the member, and keeps it for a resume until the client confirms it has
   * read it (the pong to a ping sent after it). Signals come in flows (`flow`): a receipt is asked for every
   * RECEIPT_EVERY bytes, since a ping per signal would cost the relay a fifth of its throughput. Any other event
   * is rare (someone joined, left, was renamed...): its receipt is asked for at once, so that a quiet member keeps
   * it for a round trip, not for the replay window.
   */
  deliver(frame: string, flow = false): void {
    const at = Date.now();
    this.#seq++;
    const sent = (this.#kept ??= new ReplayBuffer()).push(frame, at);
    this.prune(at);
    const delivery = this.#delivery;
    if (!delivery) return;
    delivery.send(sent);
    // Under a steady flow, the client confirms what it has read long before the replay window ends: what it has
    // is not kept for a resume that would never ask for it.
    this.#unconfirmed += sent.length;
    if (flow && this.#unconfirmed < RECEIPT_EVERY) return;
    this.#unconfirmed = 0;
    const seq = this.#seq;
    delivery.whenReceived(() => this.#received(seq, delivery, flow));
  }

  /** The connection dropped: keep its events for `graceMs`, then call `expire`. */
  away(graceMs: number, expire: () => void): void {
    this.prune(Date.now());
    this.#delivery = null;
    this.#expiry = setTimeout(expire, graceMs);
  }

  /**
   * A connection that has received `received` of this member's events takes it (back). Returns the events it
   * missed, oldest first, or null when some of them are no longer kept (the membership cannot be resumed).
   */
  resume(delivery: Delivery, received: number): Buffer[] | null {
    // Every event after `received` must still be kept (one bigger than the buffer never is).
    const missed = this.#seq - received;
    if (missed < 0 || missed > (this.#kept?.length ?? 0)) return null;
    clearTimeout(this.#expiry);
    this.#delivery = delivery;
    return this.#kept?.newest(missed) ?? [];
  }

  /** Forgets any pending expiry and every kept event (the member left for good). */
  release(): void {
    clearTimeout(this.#expiry);
    this.#delivery = null;
    this.#kept = null;
  }

  /** The client on `delivery` has read the events up to number `seq`: they need not be kept. */
  #received(seq: number, delivery: Delivery, flow: boolean): void {
    if (this.#delivery !== delivery) return; // it dropped meanwhile: what it read is for its resume to say
    const kept = this.#kept;
    while (kept && kept.length > this.#seq - seq) kept.shift();
    // A flowing member writes on in its buffer (the window's sweep lets go of it once empty); a quiet one holds none.
    if (!flow && kept?.length === 0) this.#kept = null;
  }

  /** Forgets the events no longer needed for a resume (older than the replay window while connected). */
  prune(now: number): void {
    const { replayBytes, replayWindowMs } = this.#options;
    // While away, everything since the drop is kept (up to the byte limit) for the resume.
    const keptSince = this.#delivery === null ? -Infinity : now - replayWindowMs;
    const kept = this.#kept;
    if (!kept) return;
    while (kept.length > 0 && (kept.bytes > replayBytes || kept.oldestTime < keptSince)) kept.shift();
    if (kept.length === 0) this.#kept = null;
  }
}

export class Rooms {
  #rooms = new Map<string, Map<string, Member>>();

  /** Adds a member and returns the members who were already in its room. */
  join(member: Member): Member[] {
    let room = this.#rooms.get(member.room);
    if (!room) this.#rooms.set(member.room, (room = new Map()));
    const others = [...room.values()];
    room.set(member.id, member);
    return others;
  }

  /** Removes a member and returns the members still in its room. */
  leave(member: Member): Member[] {
    member.release();
    const room = this.#rooms.get(member.room);
    if (!room?.delete(member.id)) return [];
    if (room.size === 0) this.#rooms.delete(member.room);
    return [...room.values()];
  }

  find(room: string, id: string): Member | undefined {
    return this.#rooms.get(room)?.get(id);
  }

  /** The member of `room` whose resume token this is, if any. */
  findByResumeToken(room: string, token: string): Member | undefined {
    for (const member of this.#rooms.get(room)?.values() ?? []) if (member.resumeToken === token) return member;
    return undefined;
  }

  members(room: string): Member[] {
    return [...(this.#rooms.get(room)?.values() ?? [])];
  }

  others(member: Member): Member[] {
    return [...(this.#rooms.get(member.room)?.values() ?? [])].filter((other) => other !== member);
  }

  size(room: string): number {
    return this.#rooms.get(room)?.size ?? 0;
  }

  /** Lets every member forget what it no longer needs to keep (Member.prune). */
  prune(now: number): void {
    for (const member of this.#everyMember()) member.prune(now);
  }

  /** Empties every room, dropping pending resume timers: the relay is closing. */
  clear(): void {
    for (const member of this.#everyMember()) member.release();
    this.#rooms.clear();
  }

  *#everyMember(): Generator<Member> {
    for (const room of this.#rooms.values()) yield* room.values();
  }

  get roomCount(): number {
    return this.#rooms.size;
  }

  get memberCount(): number {
    let count = 0;
    for (const room of this.#rooms.values()) count += room.size;
    return count;
  }
}

/** 128 random bits, base64url (22 characters): peer ids and resume tokens. */
export function newSecret(): string {
  return randomBytes(16).toString('base64url');
}
