// The default room store: rooms in this process's memory (memory-rooms.ts), for a relay that runs alone. Everything
// happens synchronously; the promises only meet the RoomStore contract that the Redis store shares.
import type { PeerLeftReason, RoomMode } from '../src/protocol.ts';
import {
  eventJson,
  peerInfo,
  type Delivery,
  type JoinOutcome,
  type Membership,
  type ModeChange,
  type SfuPlacement,
  type ResumeOutcome,
  type RoomStore,
  type StoreJoin,
  type StoreOptions,
  type StoreCounts,
  type StoreResume,
} from './room-store.ts';
import { HeldMembers } from './held-members.ts';
import { Member, Rooms } from './memory-rooms.ts';
import { eventFrame } from './socketio/socketio-connection.ts';

export class MemoryStore implements RoomStore {
  readonly ready = true;
  #rooms = new Rooms();
  #options: StoreOptions;
  #held: HeldMembers;
  /** The rooms whose media go through the SFU (the others are meshes), and where. */
  #sfuRooms = new Set<string>();
  #placements = new Map<string, SfuPlacement>();

  constructor(options: StoreOptions) {
    this.#options = options;
    this.#held = new HeldMembers(options.holdLimits);
  }

  async join({ room, name, verified, delivery, leaving, maxPeers, sfuThreshold }: StoreJoin): Promise<JoinOutcome> {
    const occupied = this.#rooms.size(room) - (leaving?.room === room ? 1 : 0);
    if (occupied >= maxPeers) return { ok: false, code: 'room-full' };
    if (leaving) this.#end(leaving, 'left');
    const { replayWindowMs, replayBytes } = this.#options;
    const joined = new Member(room, { name, verified }, delivery, { replayWindowMs, replayBytes });
    const others = this.#rooms.join(joined);
    if (sfuThreshold !== undefined && others.length + 1 >= sfuThreshold && !this.#sfuRooms.has(room)) {
      this.#sfuRooms.add(room);
      const moved = eventFrame(eventJson('room-mode', { mode: 'sfu' }));
      for (const other of others) this.#deliver(other, moved);
    }
    const announced = eventFrame(eventJson('peer-joined', peerInfo(joined)));
    for (const other of others) this.#deliver(other, announced);
    return { ok: true, member: joined, peers: others.map(peerInfo), mode: this.mode(room) };
  }

  async resume({ room, token, received, delivery }: StoreResume): Promise<ResumeOutcome> {
    const held = this.#rooms.findByResumeToken(room, token);
    if (!held) return { outcome: 'unknown' };
    const previous = held.delivery;
    const missed = held.resume(delivery, received);
    if (missed) this.#held.remove(held.id);
    // The same client is back: a connection it still had open is stale.
    if (previous && previous !== delivery) previous.revoke();
    if (!missed) {
      this.#end(held, 'disconnected');
      return { outcome: 'ended', id: held.id };
    }
    const peers = this.#rooms.others(held).map(peerInfo);
    return { outcome: 'resumed', member: held, peers, missed, mode: this.mode(room) };
  }

  signal(from: Membership, to: string, json: string): boolean {
    const target = to === from.id ? undefined : this.#rooms.find(from.room, to);
    if (!target) return false;
    this.#deliver(target, eventFrame(json));
    return true;
  }

  async rename(member: Membership, name: string): Promise<Membership> {
    const renamed = this.#rooms.find(member.room, member.id);
    if (!renamed) return member;
    renamed.name = name;
    const announced = eventFrame(eventJson('peer-renamed', { id: renamed.id, name }));
    for (const other of this.#rooms.others(renamed)) this.#deliver(other, announced);
    return renamed;
  }

  async leave(member: Membership, _delivery: Delivery, reason: PeerLeftReason): Promise<void> {
    this.#end(member, reason);
  }

  async hold(member: Membership, _delivery: Delivery, graceMs: number, address: string): Promise<void> {
    const held = this.#rooms.find(member.room, member.id);
    if (!held) return;
    const end = (why: 'expired' | 'evicted') => {
      this.#end(held, 'timeout');
      this.#options.expired(held, why);
    };
    held.away(graceMs, () => end('expired'));
    this.#held.add(held.id, address, held.bytes, () => end('evicted'));
  }

  mode(room: string): RoomMode {
    return this.#sfuRooms.has(room) ? 'sfu' : 'mesh';
  }

  async setMode(room: string, mode: RoomMode, { atMost = Infinity, error }: ModeChange = {}): Promise<boolean> {
    const members = this.#rooms.members(room);
    if (members.length === 0 || members.length > atMost) return false;
    if (mode === 'sfu') this.#sfuRooms.add(room);
    else if (!this.#sfuRooms.delete(room)) return false;
    const moved = eventFrame(eventJson('room-mode', error ? { mode, error } : { mode }));
    for (const member of members) this.#deliver(member, moved);
    return true;
  }

  async place(room: string, proposal: SfuPlacement): Promise<SfuPlacement> {
    const placed = this.#placements.get(room) ?? proposal;
    this.#placements.set(room, placed);
    return placed;
  }

  async unplace(room: string, placement: SfuPlacement): Promise<boolean> {
    const placed = this.#placements.get(room);
    return placed?.url === placement.url && placed.janusRoom === placement.janusRoom && this.#placements.delete(room);
  }

  counts(): StoreCounts {
    const { count: held, bytes: heldBytes } = this.#held;
    return { rooms: this.#rooms.roomCount, members: this.#rooms.memberCount, held, heldBytes };
  }

  async close(): Promise<void> {
    this.#rooms.clear();
    this.#sfuRooms.clear();
    this.#placements.clear();
  }

  /** Takes a member out of its room and tells the others why. */
  #end(member: Membership, reason: PeerLeftReason): void {
    const held = this.#rooms.find(member.room, member.id);
    if (!held) return;
    this.#held.remove(held.id);
    const announced = eventFrame(eventJson('peer-left', { id: held.id, reason }));
    const others = this.#rooms.leave(held);
    for (const other of others) this.#deliver(other, announced);
    if (others.length === 0) this.#sfuRooms.delete(member.room);
  }

  /** Sends an event to a member, or keeps it for a resume (counted against what held members may keep). */
  #deliver(member: Member, frame: string): void {
    member.deliver(frame);
    if (!member.delivery) this.#held.resize(member.id, member.bytes);
  }
}
