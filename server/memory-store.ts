// The default room store: rooms in this process's memory (memory-rooms.ts, and what hosts control in them:
// memory-moderation.ts), for a relay that runs alone. Everything
// happens synchronously; the promises only meet the RoomStore contract that the Redis store shares.
import type { HostRequest, PeerLeftReason, RoomMode } from '../src/protocol.ts';
import {
  eventJson,
  knockInfo,
  peerInfo,
  type Delivery,
  type JoinAccess,
  type ModerationOutcome,
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
import { Bans, RoomControls, type Knock } from './memory-moderation.ts';
import { Member, newSecret, Rooms } from './memory-rooms.ts';
import { eventFrame } from './socketio/socketio-connection.ts';

export class MemoryStore implements RoomStore {
  readonly ready = true;
  #rooms = new Rooms();
  #options: StoreOptions;
  #held: HeldMembers;
  /** The rooms whose media go through the SFU (the others are meshes), and where. */
  #sfuRooms = new Set<string>();
  /** Host keys, locks, lobbies and knocks, by room (a room's go when nobody is in it or its lobby). */
  #controlsOf = new Map<string, RoomControls>();
  #bans = new Bans();
  #placements = new Map<string, SfuPlacement>();

  /** Members prune their kept events as events come; this also frees those of a member that gets none. */
  #pruning: NodeJS.Timeout;

  constructor(options: StoreOptions) {
    this.#options = options;
    this.#held = new HeldMembers(options.holdLimits);
    this.#pruning = setInterval(() => this.#rooms.prune(Date.now()), options.replayWindowMs).unref();
  }

  async join({
    room,
    name,
    verified,
    delivery,
    leaving,
    maxPeers,
    sfuThreshold,
    access,
  }: StoreJoin): Promise<JoinOutcome> {
    if (access.role !== 'host' && this.#bans.has(room, access.banKey)) return { ok: false, code: 'removed' };
    const occupied = this.#rooms.size(room) - (leaving?.room === room ? 1 : 0);
    if (occupied >= maxPeers) return { ok: false, code: 'room-full' };
    const controls = this.#controls(room);
    const created = occupied === 0;
    if (created && access.newHostKeyHash) controls.keyHash = access.newHostKeyHash;
    const role = access.role ?? (isHostKey(controls, access, created) ? 'host' : undefined);
    if (role !== 'host' && access.admitted === undefined) {
      if (controls.locked) return this.#settle(room, { ok: false, code: 'room-locked' });
      if (controls.lobby || access.knock) return this.#knock(room, controls, { name, verified, delivery }, access);
    }
    if (role === 'host' && access.lobbyOn) controls.lobby = true;
    if (leaving) this.#end(leaving, 'left');
    const identity = { id: access.admitted, name, verified, role, banKey: access.banKey };
    // The store's options hold the member's (one object for every member).
    const joined = new Member(room, identity, delivery, this.#options);
    const hostsBefore = this.#hosts(room).length;
    const others = this.#rooms.join(joined);
    if (sfuThreshold !== undefined && others.length + 1 >= sfuThreshold && !this.#sfuRooms.has(room)) {
      this.#sfuRooms.add(room);
      const moved = eventFrame(eventJson('room-mode', { mode: 'sfu' }));
      for (const other of others) this.#deliver(other, moved);
    }
    const announced = eventFrame(eventJson('peer-joined', peerInfo(joined)));
    for (const other of others) this.#deliver(other, announced);
    if (role === 'host' && hostsBefore === 0)
      for (const knock of controls.knocks.values()) knock.delivery.lobby('host');
    const knocks = role === 'host' ? [...controls.knocks.values()].map(knockInfo) : [];
    const facts = { created, locked: controls.locked, lobby: controls.lobby, knocks };
    return { ok: true, member: joined, peers: others.map(peerInfo), mode: this.mode(room), room: facts };
  }

  async withdraw(room: string, id: string, delivery: Delivery): Promise<void> {
    const controls = this.#controlsOf.get(room);
    if (controls?.knocks.get(id)?.delivery !== delivery) return;
    controls.takeKnock(id);
    this.#tellHosts(room, eventJson('knock-ended', { id }));
    this.#settle(room, undefined);
  }

  async moderate(host: Membership, request: HostRequest, banMs: number): Promise<ModerationOutcome> {
    const { room } = host;
    const controls = this.#controls(room);
    const action = eventFrame(eventJson('host-action', { by: host.id, ...request }));
    switch (request.action) {
      case 'admit':
      case 'deny': {
        const knock = controls.takeKnock(request.id);
        if (!knock) return 'unknown';
        this.#tellHosts(room, eventJson('knock-ended', { id: knock.id }));
        if (request.action === 'admit') knock.delivery.lobby('admitted');
        else knock.delivery.dismiss('denied');
        return 'done';
      }
      case 'remove': {
        const target = this.#rooms.find(room, request.id);
        if (!target || target.id === host.id) return 'unknown';
        this.#bans.add(room, target.banKey, banMs);
        if (target.delivery) target.delivery.dismiss('removed');
        else this.#options.dismissedAway(target);
        for (const member of this.#rooms.others(target)) this.#deliver(member, action);
        this.#end(target, 'removed');
        return 'done';
      }
      case 'mute':
        if (request.id !== undefined && (request.id === host.id || !this.#rooms.find(room, request.id)))
          return 'unknown';
        break;
      case 'lock':
        controls.locked = request.locked;
        break;
      case 'lobby':
        controls.lobby = request.enabled;
        break;
      case 'end':
        this.#close(room);
        return 'done';
    }
    for (const member of this.#rooms.members(room)) this.#deliver(member, action);
    // Turning the lobby off lets everyone waiting in.
    if (request.action === 'lobby' && !request.enabled) this.#admitAll(room, controls);
    return 'done';
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
    this.#deliver(target, eventFrame(json), true);
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
    clearInterval(this.#pruning);
    this.#rooms.clear();
    this.#controlsOf.clear();
    this.#bans.clear();
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
    this.#options.departed?.(held, reason, others.length === 0);
    if (held.role === 'host' && !others.some((other) => other.role === 'host')) {
      for (const knock of this.#controlsOf.get(member.room)?.knocks.values() ?? []) knock.delivery.lobby('no-host');
    }
    this.#settle(member.room, undefined);
  }

  /** Ends the call for everyone in the room and its lobby (`ended`): nothing of the room is left. */
  #close(room: string): void {
    for (const knock of this.#controlsOf.get(room)?.knocks.values() ?? []) knock.delivery.dismiss('ended');
    this.#controlsOf.delete(room);
    for (const member of this.#rooms.members(room)) {
      if (member.delivery) member.delivery.dismiss('ended');
      else this.#options.dismissedAway(member);
      this.#held.remove(member.id);
      const left = this.#rooms.leave(member);
      this.#options.departed?.(member, 'ended', left.length === 0);
    }
    this.#sfuRooms.delete(room);
  }

  #admitAll(room: string, controls: RoomControls): void {
    for (const knock of controls.takeKnocks()) {
      this.#tellHosts(room, eventJson('knock-ended', { id: knock.id }));
      knock.delivery.lobby('admitted');
    }
  }

  /** Puts a join in the room's lobby and tells its hosts (`knock`). */
  #knock(
    room: string,
    controls: RoomControls,
    { name, verified, delivery }: Pick<StoreJoin, 'name' | 'verified' | 'delivery'>,
    access: JoinAccess,
  ): JoinOutcome {
    if (controls.knocks.size >= access.maxKnocks) return this.#settle(room, { ok: false, code: 'lobby-full' });
    const knock: Knock = { id: newSecret(), ...(name && { name }), ...(name && verified && { verified }), delivery };
    controls.addKnock(knock);
    this.#tellHosts(room, eventJson('knock', knockInfo(knock)));
    return { ok: 'waiting', id: knock.id, host: this.#hosts(room).length > 0 };
  }

  #hosts(room: string): Member[] {
    return this.#rooms.members(room).filter((member) => member.role === 'host');
  }

  #tellHosts(room: string, json: string): void {
    const frame = eventFrame(json);
    for (const host of this.#hosts(room)) this.#deliver(host, frame);
  }

  /** The room's controls, made if it has none yet. */
  #controls(room: string): RoomControls {
    let controls = this.#controlsOf.get(room);
    if (!controls) this.#controlsOf.set(room, (controls = new RoomControls()));
    return controls;
  }

  /** Forgets the controls of a room with nobody in it or its lobby (its host key expires with it); returns `outcome`. */
  #settle<T>(room: string, outcome: T): T {
    if (this.#rooms.size(room) === 0 && !this.#controlsOf.get(room)?.knocks.size) this.#controlsOf.delete(room);
    return outcome;
  }

  /**
   * Sends an event to a member, or keeps it for a resume (counted against what held members may keep); `flow` for
   * a signal (see Member.deliver).
   */
  #deliver(member: Member, frame: string, flow = false): void {
    member.deliver(frame, flow);
    if (!member.delivery) this.#held.resize(member.id, member.bytes);
  }
}

/** An open room's creator, or someone with its host key, is a host (a token's role decides before this). */
function isHostKey(controls: RoomControls, access: JoinAccess, created: boolean): boolean {
  if (created && access.newHostKeyHash) return true;
  return access.hostKeyHash !== undefined && access.hostKeyHash === controls.keyHash;
}
