// Rooms in Redis, so that several relays act as one (REDIS_URL): membership in hashes, each member's numbered
// events in a list (so a resume works on any relay), delivery through one pub/sub channel per relay, liveness
// through a key with a TTL that each relay renews, and Lua scripts (scripts.ts) for every change. While Redis
// is unreachable the relay keeps serving what it can alone (signals between its own members), refuses joins,
// and catches up when Redis is back.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { PeerInfo, PeerLeftReason } from '../../src/protocol.ts';
import {
  eventJson,
  peerInfo,
  type Delivery,
  type JoinOutcome,
  type Membership,
  type ResumeOutcome,
  type RoomStore,
  type StoreJoin,
  type StoreCounts,
  type StoreOptions,
  type StoreResume,
} from '../room-store.ts';
import { StoreUnavailableError } from '../errors.ts';
import { newSecret } from '../rooms.ts';
import { HeldMembers } from '../held-members.ts';
import { eventFrame } from '../socketio/socketio-connection.ts';
import { connect } from './connection.ts';
import { LocalMembers, type LocalMember } from './local-members.ts';
import { scriptSource, SCRIPTS, type ScriptName } from './scripts.ts';

export interface RedisStoreOptions extends StoreOptions {
  keyPrefix: string;
  heartbeatMs: number;
  nodeTtlMs: number;
  /** How long a closing relay's members stay held for a resume on another relay. */
  resumeGraceMs: number;
  log: FastifyBaseLogger;
}

type Scripted = Redis & Record<ScriptName, (...args: Array<string | number>) => Promise<unknown>>;
type Removal = { id: string; conn: string; reason: PeerLeftReason };

/** How long `open` waits for Redis before letting the relay start anyway (not ready, retrying). */
const FIRST_CONNECT_MS = 5_000;

export class RedisStore implements RoomStore {
  /** This relay's id among the relays sharing the Redis. */
  readonly node = randomBytes(9).toString('base64url');
  #options: RedisStoreOptions;
  #log: FastifyBaseLogger;
  #cmd: Scripted;
  #sub: Redis;
  #local = new LocalMembers();
  /** Members held here for a resume, per client address (their events are kept in Redis, not here). */
  #held: HeldMembers;
  /** Connected, subscribed, registered and caught up. */
  #up = false;
  #recovering = false;
  #closed = false;
  /** Memberships that ended while Redis was away, to end there too once it is back. */
  #removals: Removal[] = [];
  #heartbeat: NodeJS.Timeout;
  #becameUp: Array<() => void> = [];

  /** Connects (waiting a few seconds at most: the relay starts even when Redis is down, and keeps trying). */
  static async open(url: string, options: RedisStoreOptions): Promise<RedisStore> {
    const store = new RedisStore(url, options);
    await store.#whenUp(FIRST_CONNECT_MS);
    if (!store.#up) options.log.warn('Redis is unreachable: the relay is not ready and keeps trying');
    return store;
  }

  private constructor(url: string, options: RedisStoreOptions) {
    this.#options = options;
    this.#held = new HeldMembers(options.holdLimits);
    this.#log = options.log;
    this.#cmd = connect(url, this.node, this.#log, () => this.#check()) as Scripted;
    this.#sub = connect(url, this.node, this.#log, () => this.#check());
    for (const name of Object.keys(SCRIPTS) as ScriptName[]) {
      this.#cmd.defineCommand(name, { numberOfKeys: 0, lua: scriptSource(name) });
    }
    this.#sub.on('message', (_channel: string, message: string) => this.#receive(message));
    this.#heartbeat = setInterval(() => void this.#beat(), options.heartbeatMs);
  }

  get ready(): boolean {
    return this.#up;
  }

  async join({ room, name, verified, delivery, leaving, maxPeers }: StoreJoin): Promise<JoinOutcome> {
    if (!this.#up) throw new StoreUnavailableError('Redis is unreachable');
    const stored = storedName(name, verified);
    const member: Membership = { id: newSecret(), room, ...named(stored), resumeToken: newSecret() };
    const joinedJson = eventJson('peer-joined', peerInfo(member));
    const local = this.#local.add(member, delivery, 1);
    let reply: string[];
    try {
      reply = (await this.#cmd.vcJoin(
        ...[this.#prefix, room, member.id, member.resumeToken, stored, this.node, delivery.connection],
        ...[maxPeers, this.#options.replayBytes, this.#options.replayWindowMs],
        ...[leaving?.id ?? '', leaving ? delivery.connection : '', joinedJson],
      )) as string[];
    } catch (error) {
      this.#forget(member.id, delivery.connection);
      throw this.#failure(error);
    }
    if (reply[0] === 'full') {
      this.#forget(member.id, delivery.connection);
      return { ok: false, code: 'room-full' };
    }
    if (leaving) this.#forget(leaving.id, delivery.connection);
    this.#local.release(local);
    return { ok: true, member, peers: pairs(reply, 1) };
  }

  async resume({ room, token, received, delivery }: StoreResume): Promise<ResumeOutcome> {
    if (!this.#up) throw new StoreUnavailableError('Redis is unreachable');
    return this.#local.resuming(async () => {
      let reply: Array<string | number>;
      try {
        reply = (await this.#cmd.vcResume(this.#prefix, room, token, received, this.node, delivery.connection)) as [];
      } catch (error) {
        throw this.#failure(error);
      }
      if (reply[0] === 'unknown') return { outcome: 'unknown' };
      if (reply[0] === 'ended') return { outcome: 'ended', id: String(reply[1]) };
      const [, id, name, seq, count] = reply as [string, string, string, number, number];
      const missed = (reply.slice(5, 5 + count) as string[]).map(eventFrame);
      const previous = this.#local.get(id);
      // The client came back on a new connection here before its old one, also here, was seen to drop.
      if (previous) {
        this.#forget(id, previous.conn);
        if (previous.delivery && previous.delivery !== delivery) previous.delivery.revoke();
      }
      const member: Membership = { id, room, ...named(name), resumeToken: token };
      this.#local.release(this.#local.add(member, delivery, Number(seq) + 1));
      return { outcome: 'resumed', member, peers: pairs(reply as string[], 5 + count), missed };
    });
  }

  async signal(from: Membership, to: string, json: string): Promise<boolean> {
    if (!this.#up) {
      // Redis is away: only members held here can be reached.
      const target = this.#local.inRoom(from.room, from.id).find((local) => local.member.id === to);
      if (!target) throw new StoreUnavailableError('Redis is unreachable');
      this.#local.deliverHere(target, json);
      return true;
    }
    try {
      return (await this.#cmd.vcSignal(this.#prefix, from.id, to, from.room, json, json.length)) === 1;
    } catch (error) {
      throw this.#failure(error);
    }
  }

  async rename(member: Membership, name: string): Promise<Membership> {
    const local = this.#local.get(member.id);
    if (!this.#up || !local) throw new StoreUnavailableError('Redis is unreachable');
    const json = eventJson('peer-renamed', { id: member.id, name });
    try {
      await this.#cmd.vcRename(this.#prefix, member.id, local.conn, name, json);
    } catch (error) {
      throw this.#failure(error);
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
    if (!local || local.conn !== delivery.connection || this.#closed) return;
    local.delivery = null;
    local.timer = setTimeout(() => void this.#expire(local, 'expired'), graceMs);
    this.#held.add(member.id, address, 0, () => void this.#expire(local, 'evicted'));
    if (!this.#up) return;
    try {
      await this.#cmd.vcHold(this.#prefix, member.id, local.conn);
    } catch (error) {
      const failure = this.#failure(error);
      if (!(failure instanceof StoreUnavailableError)) throw failure;
    }
  }

  counts(): StoreCounts {
    return { ...this.#local.counts(), held: this.#held.count, heldBytes: 0 };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const up = this.#up;
    this.#up = false;
    clearInterval(this.#heartbeat);
    for (const local of this.#local.values()) clearTimeout(local.timer);
    // Members held here may resume on another relay for a while; after that, the others end them.
    if (up) {
      await this.#cmd.vcRetire(this.#prefix, this.node, this.#options.resumeGraceMs).catch(() => {});
    }
    await Promise.all([this.#cmd, this.#sub].map((client) => client.quit().catch(() => client.disconnect())));
  }

  get #prefix(): string {
    return this.#options.keyPrefix;
  }

  /** A failed command: Redis went away (the relay carries on without it), or a bug (thrown on). */
  #failure(error: unknown): Error {
    if (error instanceof Error && error.name === 'ReplyError') return error;
    this.#up = false;
    this.#check();
    return new StoreUnavailableError('Redis is unreachable', { cause: error });
  }

  /** Ends a membership in Redis, or, while Redis is away, tells the members held here and does it later. */
  async #end(removal: Removal, room: string): Promise<boolean> {
    if (this.#up) {
      try {
        const { id, conn, reason } = removal;
        return (await this.#cmd.vcLeave(this.#prefix, id, conn, reason, '')) === 1;
      } catch (error) {
        const failure = this.#failure(error);
        if (!(failure instanceof StoreUnavailableError)) throw failure;
      }
    }
    for (const local of this.#local.inRoom(room, removal.id)) {
      this.#local.deliverHere(local, eventJson('peer-left', { id: removal.id, reason: removal.reason }));
    }
    this.#removals.push(removal);
    return true;
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
      this.#log.error({ err: error, peer: member.id }, 'could not end a membership');
    }
  }

  /** An event for a member held here ("id,seq,json"), or word that a connection is stale ("!id,conn"). */
  #receive(message: string): void {
    const first = message.indexOf(',');
    if (message.startsWith('!')) {
      const stale = this.#forget(message.slice(1, first), message.slice(first + 1));
      stale?.delivery?.revoke();
      return;
    }
    const second = message.indexOf(',', first + 1);
    this.#local.receive(message.slice(0, first), Number(message.slice(first + 1, second)), message.slice(second + 1));
  }

  /** Called whenever a connection comes or goes: goes down at once, comes up after catching up. */
  #check(): void {
    if (this.#closed) return;
    const connected = this.#cmd.status === 'ready' && this.#sub.status === 'ready';
    if (!connected) {
      if (this.#up) this.#log.warn('Redis is unreachable: serving local members only until it is back');
      this.#up = false;
    } else if (!this.#up && !this.#recovering) {
      void this.#recover();
    }
  }

  /** Subscribes, registers, catches up on what was missed and ends what ended meanwhile; then serves again. */
  async #recover(): Promise<void> {
    this.#recovering = true;
    try {
      await this.#sub.subscribe(`${this.#prefix}ch:${this.node}`);
      await this.#cmd.vcHeartbeat(this.#prefix, this.node, this.#options.nodeTtlMs);
      await this.#sync();
      for (const removal of this.#removals.splice(0)) {
        await this.#cmd.vcLeave(this.#prefix, removal.id, removal.conn, removal.reason, this.node);
      }
      if (this.#closed || this.#cmd.status !== 'ready' || this.#sub.status !== 'ready') return;
      this.#up = true;
      this.#log.info({ node: this.#prefix + this.node }, 'Redis is reachable: serving');
      for (const resolve of this.#becameUp.splice(0)) resolve();
    } catch (error) {
      this.#log.warn({ err: error }, 'could not catch up with Redis yet');
    } finally {
      this.#recovering = false;
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

  async #beat(): Promise<void> {
    if (this.#closed) return;
    if (!this.#up) return this.#check();
    try {
      const [registered] = (await this.#cmd.vcHeartbeat(this.#prefix, this.node, this.#options.nodeTtlMs)) as number[];
      // The others took this relay for dead (a long pause?) and ended its memberships: catch up.
      if (registered === 1) await this.#sync();
    } catch (error) {
      const failure = this.#failure(error);
      if (!(failure instanceof StoreUnavailableError)) this.#log.error({ err: failure }, 'heartbeat failed');
    }
  }

  #whenUp(timeoutMs: number): Promise<void> {
    if (this.#up) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#becameUp.push(() => (clearTimeout(timer), resolve()));
    });
  }
}

/** Peers from a script's reply: id, stored name pairs from `start` on (an empty name is none). */
function pairs(reply: string[], start: number): PeerInfo[] {
  const peers: PeerInfo[] = [];
  for (let i = start; i + 1 < reply.length; i += 2) peers.push(peerWithName(reply[i]!, reply[i + 1]!));
  return peers;
}

/**
 * A name as Redis keeps it: a join token's name (verified) starts with U+0001, which no name may contain
 * (parseName refuses control characters), so the scripts keep handling one opaque string.
 */
const VERIFIED_MARK = '\u0001';

function storedName(name: string | undefined, verified: boolean | undefined): string {
  if (!name) return '';
  return verified ? VERIFIED_MARK + name : name;
}

function named(stored: string): Pick<Membership, 'name' | 'verified'> {
  if (!stored) return {};
  return stored.startsWith(VERIFIED_MARK) ? { name: stored.slice(1), verified: true } : { name: stored };
}

function peerWithName(id: string, stored: string): PeerInfo {
  return peerInfo({ id, ...named(stored) });
}
