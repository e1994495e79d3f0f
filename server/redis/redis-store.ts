// Rooms in Redis, so that several relays act as one (REDIS_URL): membership in hashes, each member's numbered
// events in a list (so a resume works on any relay), delivery through one pub/sub channel per relay, liveness
// through a key with a TTL that each relay renews (link.ts), and Lua scripts (scripts.ts) for every change.
// While Redis is unreachable the relay keeps serving what it can alone (signals between its own members),
// refuses joins, and catches up when Redis is back.
import type { HostRequest, KnockMessage, PeerLeftReason, RoomMode } from '../../src/protocol.ts';
import {
  eventJson,
  knockInfo,
  peerInfo,
  type Delivery,
  type Departure,
  type HostDismissal,
  type ModerationOutcome,
  type JoinOutcome,
  type Membership,
  type ModeChange,
  type SfuPlacement,
  type ResumeOutcome,
  type RoomStore,
  type StoreJoin,
  type StoreCounts,
  type StoreOptions,
  type StoreResume,
} from '../room-store.ts';
import { StoreUnavailableError } from '../errors.ts';
import { HeldMembers } from '../held-members.ts';
import { newSecret } from '../memory-rooms.ts';
import { eventFrame } from '../socketio/socketio-connection.ts';
import { RedisLink, type LinkOptions, type Scripted } from './link.ts';
import { LocalMembers, type LocalMember } from './local-members.ts';
import { named, peersFrom, storedMember, storedName } from './stored-names.ts';

export interface RedisStoreOptions extends StoreOptions, LinkOptions {
  /** How long a closing relay's members stay held for a resume on another relay. */
  resumeGraceMs: number;
}

type Removal = { id: string; conn: string; reason: PeerLeftReason };

/** "Any size" for setMode: larger than any room. */
const MAX_ROOM = 1_000_000;

/** With `departed` (webhooks): how often this relay takes the membership ends recorded in Redis... */
const DEPARTURES_EVERY_MS = 250;
/** ...and how long the scripts keep recording them if it stops (P hooks:on). */
const DEPARTURES_TTL_MS = 5_000;

/** How long `open` waits for Redis before letting the relay start anyway (not ready, retrying). */
const FIRST_CONNECT_MS = 5_000;

export class RedisStore implements RoomStore {
  #options: RedisStoreOptions;
  #link: RedisLink;
  #local = new LocalMembers();
  /** Members held here for a resume, per client address (their events are kept in Redis, not here). */
  #held: HeldMembers;
  /** Knocks waiting on this relay, by id: the connection that knocked. */
  #knocks = new Map<string, Delivery>();
  /** Takes the membership ends recorded in Redis (with `departed`). */
  #departures: NodeJS.Timeout | undefined;
  /** Memberships that ended while Redis was away, to end there too once it is back. */
  #removals: Removal[] = [];
  /** Members prune their kept events as events come; this also frees those of a member that gets none. */
  #pruning: NodeJS.Timeout;

  /** Connects (waiting a few seconds at most: the relay starts even when Redis is down, and keeps trying). */
  static async open(url: string, options: RedisStoreOptions): Promise<RedisStore> {
    const store = new RedisStore(url, options);
    await store.#link.whenUp(FIRST_CONNECT_MS);
    if (!store.ready) options.log.warn('Redis is unreachable: the relay is not ready and keeps trying');
    if (options.departed) {
      await store.#takeDepartures();
      store.#departures = setInterval(() => void store.#takeDepartures(), DEPARTURES_EVERY_MS);
    }
    return store;
  }

  private constructor(url: string, options: RedisStoreOptions) {
    this.#options = options;
    this.#held = new HeldMembers(options.holdLimits);
    this.#link = new RedisLink(url, options, {
      receive: (message) => this.#receive(message),
      catchUp: () => this.#catchUp(),
    });
    this.#pruning = setInterval(() => void this.#sweep(), options.replayWindowMs).unref();
  }

  get ready(): boolean {
    return this.#link.up;
  }

  /** This relay's id among the relays sharing the Redis. */
  get #node(): string {
    return this.#link.node;
  }

  get #cmd(): Scripted {
    return this.#link.cmd;
  }

  async join(request: StoreJoin): Promise<JoinOutcome> {
    const { room, name, verified, delivery, leaving, maxPeers, sfuThreshold, access } = request;
    if (!this.ready) throw new StoreUnavailableError('Redis is unreachable');
    const stored = storedName(name, verified);
    const member: Membership = { id: access.admitted ?? newSecret(), room, ...named(stored), resumeToken: newSecret() };
    const local = this.#local.add(member, delivery, 1);
    let reply: string[];
    try {
      reply = (await this.#cmd.vcJoin(
        ...[this.#prefix, room, member.id, member.resumeToken, stored, this.#node, delivery.connection],
        ...[maxPeers, this.#options.replayBytes, this.#options.replayWindowMs],
        ...[leaving?.id ?? '', leaving ? delivery.connection : '', eventJson('peer-joined', peerInfo(member))],
        ...[sfuThreshold ?? '', eventJson('room-mode', { mode: 'sfu' })],
        ...[access.role ?? '', access.hostKeyHash ?? '', access.newHostKeyHash ?? '', access.banKey],
        ...[access.knock ? 1 : '', access.lobbyOn ? 1 : '', access.admitted ? 1 : ''],
        ...[eventJson('peer-joined', peerInfo({ ...member, role: 'host' })), access.maxKnocks],
        eventJson('knock', knockInfo(member)),
      )) as string[];
    } catch (error) {
      this.#forget(member.id, delivery.connection);
      throw this.#link.failure(error);
    }
    if (reply[0] !== 'ok') this.#forget(member.id, delivery.connection);
    if (reply[0] === 'waiting') {
      this.#knocks.set(member.id, delivery);
      return { ok: 'waiting', id: member.id, host: Number(reply[1]) > 0 };
    }
    if (reply[0] === 'full') return { ok: false, code: 'room-full' };
    if (reply[0] !== 'ok') return { ok: false, code: reply[0] === 'locked' ? 'room-locked' : (reply[0] as 'removed') };
    if (leaving) this.#forget(leaving.id, delivery.connection);
    const [, mode, role, created, locked, lobby, knockCount] = reply;
    const joined: Membership = role === 'host' ? { ...member, role } : member;
    local.member = joined;
    this.#local.release(local);
    const knocks = knocksFrom(reply.slice(7, 7 + 2 * Number(knockCount)));
    const facts = { created: String(created) === '1', locked: locked === '1', lobby: lobby === '1', knocks };
    return {
      ok: true,
      member: joined,
      peers: peersFrom(reply, 7 + knocks.length * 2),
      mode: mode as RoomMode,
      room: facts,
    };
  }

  async withdraw(room: string, id: string, delivery: Delivery): Promise<void> {
    if (this.#knocks.get(id) !== delivery) return;
    this.#knocks.delete(id);
    try {
      await this.#cmd.vcWithdraw(this.#prefix, room, id, delivery.connection);
    } catch (error) {
      throw this.#link.failure(error);
    }
  }

  async moderate(host: Membership, request: HostRequest, banMs: number): Promise<ModerationOutcome> {
    if (!this.ready) throw new StoreUnavailableError('Redis is unreachable');
    const { room } = host;
    const action = eventJson('host-action', { by: host.id, ...request });
    let done: unknown;
    try {
      switch (request.action) {
        case 'admit':
        case 'deny':
          done = await this.#cmd.vcAnswer(
            this.#prefix,
            room,
            request.id,
            request.action === 'admit' ? 'admitted' : 'denied',
          );
          break;
        case 'remove':
          done = await this.#cmd.vcRemove(this.#prefix, room, host.id, request.id, banMs, action);
          break;
        case 'mute':
          done = await this.#cmd.vcControl(this.#prefix, room, host.id, request.id ?? '', '', '', action);
          break;
        case 'lock':
          done = await this.#cmd.vcControl(this.#prefix, room, host.id, '', 'locked', request.locked ? 1 : '', action);
          break;
        case 'lobby':
          done = await this.#cmd.vcControl(this.#prefix, room, host.id, '', 'lobby', request.enabled ? 1 : '', action);
          break;
        case 'end':
          done = await this.#cmd.vcEnd(this.#prefix, room);
      }
    } catch (error) {
      throw this.#link.failure(error);
    }
    return done === 1 ? 'done' : 'unknown';
  }

  async resume({ room, token, received, delivery }: StoreResume): Promise<ResumeOutcome> {
    if (!this.ready) throw new StoreUnavailableError('Redis is unreachable');
    return this.#local.resuming(async () => {
      let reply: Array<string | number>;
      try {
        reply = (await this.#cmd.vcResume(this.#prefix, room, token, received, this.#node, delivery.connection)) as [];
      } catch (error) {
        throw this.#link.failure(error);
      }
      if (reply[0] === 'unknown') return { outcome: 'unknown' };
      if (reply[0] === 'ended') return { outcome: 'ended', id: String(reply[1]) };
      const [, id, name, seq, mode, count] = reply as [string, string, string, number, RoomMode, number];
      const missed = (reply.slice(6, 6 + count) as string[]).map(eventFrame);
      const previous = this.#local.get(id);
      // The client came back on a new connection here before its old one, also here, was seen to drop.
      if (previous) {
        this.#forget(id, previous.conn);
        if (previous.delivery && previous.delivery !== delivery) previous.delivery.revoke();
      }
      const member: Membership = { id, room, ...named(name), resumeToken: token };
      this.#local.release(this.#local.add(member, delivery, Number(seq) + 1));
      return { outcome: 'resumed', member, peers: peersFrom(reply as string[], 6 + count), missed, mode };
    });
  }

  async signal(from: Membership, to: string, json: string): Promise<boolean> {
    if (!this.ready) {
      // Redis is away: only members held here can be reached.
      const target = this.#local.inRoom(from.room, from.id).find((local) => local.member.id === to);
      if (!target) throw new StoreUnavailableError('Redis is unreachable');
      this.#local.deliverHere(target, json);
      return true;
    }
    try {
      return (await this.#cmd.vcSignal(this.#prefix, from.id, to, from.room, json, json.length)) === 1;
    } catch (error) {
      throw this.#link.failure(error);
    }
  }

  async rename(member: Membership, name: string): Promise<Membership> {
    const local = this.#local.get(member.id);
    if (!this.ready || !local) throw new StoreUnavailableError('Redis is unreachable');
    const json = eventJson('peer-renamed', { id: member.id, name });
    try {
      await this.#cmd.vcRename(this.#prefix, member.id, local.conn, storedMember({ ...member, name }), json);
    } catch (error) {
      throw this.#link.failure(error);
    }
    local.member = { ...member, name };
    return local.member;
  }

  async leave(member: Membership, delivery: Delivery, reason: PeerLeftReason): Promise<void> {
    this.#forget(member.id, delivery.connection);
    await this.#end({ id: member.id, conn: delivery.connection, reason }, member.room);
  }

  async hold(member: Membership, delivery: Delivery, graceMs: number, address: string): Promise<void> {
    const local = this.#local.get(member.id);
    // Closing: the membership stays held in Redis for a resume on another relay (see close()).
    if (!local || local.conn !== delivery.connection || this.#link.closed) return;
    local.delivery = null;
    local.timer = setTimeout(() => void this.#expire(local, 'expired'), graceMs);
    this.#held.add(member.id, address, 0, () => void this.#expire(local, 'evicted'));
    if (!this.ready) return;
    try {
      await this.#cmd.vcHold(this.#prefix, member.id, local.conn);
    } catch (error) {
      const failure = this.#link.failure(error);
      if (!(failure instanceof StoreUnavailableError)) throw failure;
    }
  }

  async mode(room: string): Promise<RoomMode> {
    try {
      return (await this.#cmd.get(`${this.#prefix}mode:${room}`)) === 'sfu' ? 'sfu' : 'mesh';
    } catch (error) {
      throw this.#link.failure(error);
    }
  }

  async setMode(room: string, mode: RoomMode, { atMost = MAX_ROOM, error }: ModeChange = {}): Promise<boolean> {
    const json = eventJson('room-mode', error ? { mode, error } : { mode });
    try {
      return (await this.#cmd.vcSetMode(this.#prefix, room, mode, atMost, json)) === 1;
    } catch (failure) {
      throw this.#link.failure(failure);
    }
  }

  async place(room: string, proposal: SfuPlacement): Promise<SfuPlacement> {
    const key = `${this.#prefix}sfu:${room}`;
    try {
      if ((await this.#cmd.set(key, JSON.stringify(proposal), 'NX')) === 'OK') return proposal;
      return JSON.parse((await this.#cmd.get(key)) ?? JSON.stringify(proposal)) as SfuPlacement;
    } catch (error) {
      throw this.#link.failure(error);
    }
  }

  async unplace(room: string, placement: SfuPlacement): Promise<boolean> {
    try {
      return (
        1 ===
        (await this.#cmd.vcUnplace(
          this.#prefix,
          room,
          JSON.stringify({ url: placement.url, janusRoom: placement.janusRoom }),
        ))
      );
    } catch (error) {
      throw this.#link.failure(error);
    }
  }

  counts(): StoreCounts {
    return { ...this.#local.counts(), held: this.#held.count, heldBytes: 0 };
  }

  async close(): Promise<void> {
    if (this.#link.closed) return;
    for (const local of this.#local.values()) clearTimeout(local.timer);
    clearInterval(this.#departures);
    clearInterval(this.#pruning);
    // Members held here may resume on another relay for a while; after that, the others end them.
    await this.#link.close(() => this.#cmd.vcRetire(this.#prefix, this.#node, this.#options.resumeGraceMs));
  }

  get #prefix(): string {
    return this.#options.keyPrefix;
  }

  /** Ends a membership in Redis, or, while Redis is away, tells the members held here and does it later. */
  async #end(removal: Removal, room: string): Promise<boolean> {
    if (this.ready) {
      try {
        const { id, conn, reason } = removal;
        return (await this.#cmd.vcLeave(this.#prefix, id, conn, reason, '')) === 1;
      } catch (error) {
        const failure = this.#link.failure(error);
        if (!(failure instanceof StoreUnavailableError)) throw failure;
      }
    }
    for (const local of this.#local.inRoom(room, removal.id)) {
      this.#local.deliverHere(local, eventJson('peer-left', { id: removal.id, reason: removal.reason }));
    }
    this.#removals.push(removal);
    return true;
  }

  /** Lets this relay's members forget the kept events they no longer need, one page of members per script. */
  async #sweep(): Promise<void> {
    if (!this.ready) return;
    try {
      let cursor = '0';
      do cursor = String(await this.#cmd.vcSweep(this.#prefix, this.#node, cursor));
      while (cursor !== '0');
    } catch (error) {
      this.#options.log.warn({ err: error }, 'could not prune the kept events in Redis');
    }
  }

  /**
   * Keeps the scripts recording membership ends, and reports those recorded so far: each is taken (RPOP) by one
   * relay, whichever ended it, so a backend hears of each once, even when the relay that ended it died.
   */
  async #takeDepartures(): Promise<void> {
    if (!this.ready) return;
    try {
      await this.#cmd.set(`${this.#prefix}hooks:on`, 1, 'PX', DEPARTURES_TTL_MS);
      const taken = (await this.#cmd.rpop(`${this.#prefix}hooks`, 100)) ?? [];
      for (const entry of taken) {
        const [room, id, reason, roomEnded] = JSON.parse(entry) as [string, string, Departure, number];
        this.#options.departed?.({ id, room }, reason, roomEnded === 1);
      }
    } catch (error) {
      this.#options.log.warn({ err: error }, 'could not take the membership ends recorded in Redis');
    }
  }

  /** Forgets a membership if `conn` still holds it here (held for a resume or not); returns it. */
  #forget(id: string, conn: string): LocalMember | undefined {
    const local = this.#local.remove(id, conn);
    if (local) this.#held.remove(id);
    return local;
  }

  async #expire(local: LocalMember, why: 'expired' | 'evicted'): Promise<void> {
    const { member, conn } = local;
    if (!this.#forget(member.id, conn)) return;
    try {
      if (await this.#end({ id: member.id, conn, reason: 'timeout' }, member.room)) this.#options.expired(member, why);
    } catch (error) {
      this.#options.log.error({ err: error, peer: member.id }, 'could not end a membership');
    }
  }

  /**
   * An event for a member held here ("id,seq,json"), word that a connection is stale ("!id,conn"), or news for a
   * knock or a dismissal ("?id,conn,word").
   */
  #receive(message: string): void {
    const first = message.indexOf(',');
    if (message.startsWith('?')) return this.#news(message.slice(1).split(','));
    if (message.startsWith('!')) {
      const stale = this.#forget(message.slice(1, first), message.slice(first + 1));
      stale?.delivery?.revoke();
      return;
    }
    const second = message.indexOf(',', first + 1);
    this.#local.receive(message.slice(0, first), Number(message.slice(first + 1, second)), message.slice(second + 1));
  }

  /** News for a knock waiting here (admitted, host, no-host), or a dismissal of it or of a member held here. */
  #news([id = '', conn, word]: string[]): void {
    const knock = this.#knocks.get(id);
    if (knock?.connection === conn) {
      if (word === 'host' || word === 'no-host') return knock.lobby(word);
      this.#knocks.delete(id);
      return word === 'admitted' ? knock.lobby(word) : knock.dismiss(word as HostDismissal);
    }
    const local = conn === undefined ? undefined : this.#forget(id, conn);
    if (local?.delivery) local.delivery.dismiss(word as HostDismissal);
    else if (local) this.#options.dismissedAway(local.member);
  }

  /** Ends in Redis what ended here while it was away, after checking the memberships held here (#sync). */
  async #catchUp(): Promise<void> {
    await this.#sync();
    for (const removal of this.#removals.splice(0)) {
      await this.#cmd.vcLeave(this.#prefix, removal.id, removal.conn, removal.reason, this.#node);
    }
  }

  /**
   * Checks each membership held here against Redis: gone (ended by the others while this relay was cut off, or
   * lost with Redis's data) or numbered both here and there meanwhile: the connection is closed so that the
   * client reconnects and joins again. Otherwise, events that Redis kept but the channel lost are delivered.
   */
  async #sync(): Promise<void> {
    const locals = [...this.#local.values()].filter((local) => !local.pending);
    const replies = await Promise.all(
      locals.map(
        (local) =>
          this.#cmd.vcSync(this.#prefix, local.member.id, local.conn, local.nextSeq, local.localFrom) as Promise<
            string[]
          >,
      ),
    );
    locals.forEach((local, i) => {
      const [status, ...entries] = replies[i]!;
      if (status !== 'ok') {
        this.#forget(local.member.id, local.conn);
        local.delivery?.revoke();
        return;
      }
      local.localFrom = 0;
      for (const entry of entries) {
        const [seq, , , ...json] = entry.split(',');
        this.#local.deliver(local, Number(seq), json.join(','));
      }
    });
  }
}

/** Knocks from a join's reply (id, "at,node,conn,name" pairs), oldest first. */
function knocksFrom(pairs: string[]): KnockMessage[] {
  const knocks: Array<{ at: number; knock: KnockMessage }> = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const [at, , , ...name] = pairs[i + 1]!.split(',');
    knocks.push({ at: Number(at), knock: knockInfo({ id: pairs[i]!, ...named(name.join(',')) }) });
  }
  return knocks.sort((a, b) => a.at - b.at).map(({ knock }) => knock);
}
