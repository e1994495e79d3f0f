// The relay's part of the wire protocol (docs/protocol.md) for one connection: join (with access checks,
// room limits and resume), signal, rename, fresh TURN credentials and leave, on top of a RoomStore (in memory,
// or Redis across relays).
// Every payload is validated, `from` is stamped from the sender's own membership, and signals never leave
// their room. A dropped connection keeps its membership for a grace period, so a client that comes back with
// its resume token loses nothing. The socket layer runs these handlers one at a time per connection. One object
// per connection, with its methods on the prototype: an idle connection costs the relay as little as it can.
import type { FastifyBaseLogger } from 'fastify';
import {
  parseHostRequest,
  parseJoinRequest,
  parseRenameRequest,
  parseSfuRequest,
  parseSignalEvent,
  type DismissCode,
  type HostAck,
  type HostRequest,
  type IceServersAck,
  type JoinAccepted,
  type JoinAck,
  type JoinWaiting,
  type JsonObject,
  type PeerLeftReason,
  type Refusal,
  type RenameAck,
  type SfuAck,
} from '../src/protocol.ts';
import { admit, joinEntry, type JoinEntry } from './access.ts';
import type { KnockLimits } from './knock-limits.ts';
import type { RelaySettings } from './config.ts';
import type { RelayMetrics } from './metrics.ts';
import { StoreUnavailableError, WIRE_ERRORS, type WireError } from './errors.ts';
import {
  peerInfo,
  type Delivery,
  type HostDismissal,
  type JoinOutcome,
  type Membership,
  type ResumeOutcome,
  type RoomStore,
} from './room-store.ts';
import type { Sfu } from './sfu/sfu.ts';
import type { Ack, DisconnectReason, Frame, Session, SocketIoConnection } from './socketio/socketio-connection.ts';
import { turnServer } from './turn.ts';
import type { Webhooks } from './webhooks/webhooks.ts';

export interface SignalingContext {
  store: RoomStore;
  /** Large rooms' media: null without SFU_URL. */
  sfu: Sfu | null;
  settings: RelaySettings;
  metrics: RelayMetrics;
  log: FastifyBaseLogger;
  /** How much each client address may knock on this relay (MAX_KNOCKS_PER_IP, and a rate). */
  knocks: KnockLimits;
  /** The site's backend (WEBHOOK_URL): told of what this relay does (the store reports departures). */
  webhooks: Webhooks | null;
}

/** A join waiting in a room's lobby: what it asked for, to join with once a host lets it in. */
interface Knocking extends JoinEntry {
  room: string;
  name?: string;
  verified: boolean;
  id: string;
  timer: NodeJS.Timeout;
}

/** Why a host's dismissal ended a place, as the client is told. */
const DISMISSALS: Record<HostDismissal, WireError> = {
  removed: WIRE_ERRORS.removed,
  ended: WIRE_ERRORS.ended,
  denied: WIRE_ERRORS.denied,
  'lobby-timeout': WIRE_ERRORS.lobbyTimeout,
  'room-locked': WIRE_ERRORS.roomLocked,
};

/** After this many events refused in a row for going over the rate limit, the connection is closed. */
const REFUSALS_BEFORE_DISCONNECT = 50;

type Answer = Extract<JoinAck | RenameAck | IceServersAck | SfuAck | HostAck, { ok: true }>;

/** One client's session: the events it sends, and where its membership's events go (its Delivery). */
export class SignalingSession implements Session, Delivery {
  readonly connection: string;
  #socket: SocketIoConnection;
  #context: SignalingContext;
  #member: Membership | undefined;
  #knocking: Knocking | undefined;
  #joinTimer: NodeJS.Timeout | undefined;

  constructor(socket: SocketIoConnection, context: SignalingContext) {
    this.connection = socket.id;
    this.#socket = socket;
    this.#context = context;
    this.#log('connected');
    this.#expectJoin();
  }

  event(payload: unknown[], ack: Ack | undefined, text: string | undefined): void | Promise<void> {
    const name = payload[0];
    const request = payload[1];
    switch (name) {
      case 'signal':
        return this.#signal(payload, text);
      case 'join':
        return this.#join(request, ack);
      case 'rename':
        return this.#rename(request, ack);
      case 'ice-servers':
        return this.#iceServers(ack);
      case 'sfu':
        return this.#sfu(request, ack);
      case 'host':
        return this.#host(request, ack);
      case 'leave':
        return this.#leave(ack);
      default:
        this.#fail(WIRE_ERRORS.unknownEvent(name));
    }
  }

  rateLimited(refusedInARow: number): void {
    this.#context.metrics.rateLimited.inc();
    if (refusedInARow === 1) this.#fail(WIRE_ERRORS.rateLimited);
    if (refusedInARow >= REFUSALS_BEFORE_DISCONNECT) this.#socket.disconnect();
  }

  async disconnected(reason: DisconnectReason): Promise<void> {
    const member = this.#member;
    this.#log('disconnected', { reason, room: member?.room, peer: member?.id });
    this.#stopJoinTimer();
    this.#withdraw();
    if (!member) return;
    const { settings, store } = this.#context;
    if (reason === 'server namespace disconnect') return this.#leaveRoom('kicked');
    if (reason === 'client namespace disconnect' || settings.resumeGraceMs === 0)
      return this.#leaveRoom('disconnected');
    // The transport dropped: keep the place for a while, in case the client resumes.
    this.#member = undefined;
    this.#log('away', { room: member.room, peer: member.id, reason: 'transport closed' });
    await store.hold(member, this, settings.resumeGraceMs, this.#socket.address);
  }

  /** Delivery: one of the membership's events, its frame encoded once by the store. */
  send(frame: Frame): void {
    this.#socket.emitFrame(frame);
  }

  /** Delivery: a receipt for what was sent so far (a ping's pong). */
  whenReceived(received: () => void): void {
    this.#socket.whenReceived(received);
  }

  /** Delivery: the same client came back on a new connection and took its membership, or the store lost it. */
  revoke(): void {
    // Its Janus session goes too: the connection that took over publishes again (its ack says so), and a
    // session left behind would be a second, silent publisher of the same member.
    if (this.#member) void this.#context.sfu?.drop(this.#member.id);
    this.#member = undefined;
    this.#socket.close('forced close');
  }

  /** Delivery: a host (or a lock, or the lobby's time limit) ended this connection's place or knock. */
  dismiss(code: HostDismissal): void {
    this.#dismiss(code, DISMISSALS[code].message);
  }

  /** Ends this connection's place or knock, and tells the client why. */
  #dismiss(code: DismissCode, message: string): void {
    const member = this.#member;
    this.#member = undefined;
    if (member) {
      void this.#context.sfu?.leave(member.id, member.room);
      this.#log('dismissed', { room: member.room, peer: member.id, code });
    }
    this.#withdraw(false);
    this.#socket.emit('dismissed', { code, message });
    this.#expectJoin();
  }

  /** Delivery: news for this connection's knock. */
  lobby(news: 'admitted' | 'host' | 'no-host'): void {
    const knocking = this.#knocking;
    if (!knocking) return;
    if (news !== 'admitted') return this.#socket.emit('waiting', { host: news === 'host' });
    this.#withdraw(false);
    void this.#admitted(knocking);
  }

  async #join(request: unknown, ack: Ack | undefined): Promise<void> {
    const parsed = parseJoinRequest(request);
    if (!parsed.ok) return this.#refuse(ack, WIRE_ERRORS.invalid(parsed.message));
    const { room, name, password, token, resume, received = 0, hostKey } = parsed.value;
    const { store, settings } = this.#context;
    try {
      if (resume !== undefined) {
        const resumed = await store.resume({ room, token: resume, received, delivery: this });
        if (resumed.outcome === 'resumed') return await this.#resumed(resumed, ack);
        if (resumed.outcome === 'ended') {
          // Events it missed are no longer kept: the old membership ended, and this join makes a new one.
          if (this.#member?.id === resumed.id) this.#member = undefined;
          this.#log('left', { room, peer: resumed.id, reason: 'disconnected' });
        }
      }

      const admission = admit(settings, room, { password, token });
      if (!admission.ok) {
        this.#log('join refused', { room, code: 'unauthorized' });
        return this.#refuse(ack, WIRE_ERRORS.unauthorized);
      }
      this.#withdraw();
      const verified = admission.name !== undefined;
      const entry = joinEntry(settings, admission, { hostKey, address: this.#socket.address });
      const joined = await this.#enter({ room, name: admission.name ?? name, verified }, entry);
      if (joined.ok) this.#answer(ack, joined);
      else this.#refuse(ack, joined);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      // No answer the widget would take as final: the client reconnects with backoff and tries again.
      this.#context.log.warn({ sid: this.connection, room }, 'join while the room store is unreachable: closing');
      this.#socket.close('forced close');
    }
  }

  /** Joins the room, or waits in its lobby: the join's answer, or why it was refused. */
  async #enter(
    { room, name, verified }: { room: string; name?: string; verified: boolean },
    entry: JoinEntry,
  ): Promise<JoinAccepted | JoinWaiting | Refusal> {
    const { store, settings, knocks } = this.#context;
    const address = this.#socket.address;
    const leaving = this.#member;
    const maxPeers = settings.sfu?.maxPeers ?? settings.maxPeersPerRoom;
    // A client already waiting in as many lobbies as it may, or knocking too often, cannot knock (now).
    const maxKnocks = knocks.allow(address) ? entry.access.maxKnocks : 0;
    const joined = await store.join({
      room,
      name,
      verified,
      delivery: this,
      leaving,
      maxPeers,
      // Only while some SFU node is up: a room would otherwise move onto one that is down.
      sfuThreshold: this.#context.sfu?.available ? settings.sfu?.threshold : undefined,
      access: { ...entry.access, maxKnocks },
    });
    if (joined.ok === false) {
      this.#log('join refused', { room, code: joined.code });
      return { ok: false, ...refusal(joined.code, maxPeers) };
    }
    if (joined.ok === 'waiting') {
      // Knocking elsewhere leaves the room this connection was in (the store kept it while the join waited).
      await this.#leaveRoom('left');
      return this.#wait(room, name, verified, entry, joined);
    }
    if (leaving) {
      void this.#context.sfu?.leave(leaving.id, leaving.room);
      this.#log('left', { room: leaving.room, peer: leaving.id, reason: 'left' });
    }
    const member = (this.#member = joined.member);
    this.#stopJoinTimer();
    this.#log('joined', { room, peer: member.id, mode: joined.mode, role: member.role });
    const { peers, mode, room: facts } = joined;
    const { webhooks } = this.#context;
    if (facts.created) webhooks?.send('room-started', room);
    webhooks?.send('participant-joined', room, { ...peerInfo(member), role: member.role ?? 'guest' });
    return {
      ok: true,
      ...this.#self(member),
      resumed: false,
      peers,
      ...(mode === 'sfu' && { mode }),
      ...(facts.created && member.role === 'host' && entry.newHostKey && { hostKey: entry.newHostKey }),
      ...(facts.locked && { locked: true as const }),
      ...(facts.lobby && { lobby: true as const }),
      ...(member.role === 'host' && facts.knocks.length > 0 && { knocks: facts.knocks }),
    };
  }

  /** Waits in the lobby until a host answers, or for LOBBY_TIMEOUT_MS. */
  #wait(
    room: string,
    name: string | undefined,
    verified: boolean,
    entry: JoinEntry,
    { id, host }: Extract<JoinOutcome, { ok: 'waiting' }>,
  ): JoinWaiting {
    this.#stopJoinTimer();
    const timer = setTimeout(() => {
      this.#context.metrics.knocks.inc({ outcome: 'timeout' });
      this.#withdraw();
      this.dismiss('lobby-timeout');
    }, this.#context.settings.lobbyTimeoutMs);
    this.#knocking = { room, name, verified, id, timer, ...entry };
    this.#context.knocks.add(this.#socket.address);
    this.#context.metrics.knocks.inc({ outcome: 'knocked' });
    this.#log('knocked', { room, peer: id });
    this.#context.webhooks?.send('knock', room, { id, ...(name && { name }), ...(verified && { verified }) });
    return { ok: true, waiting: true, id, host };
  }

  /** A host let this connection's knock in: it joins under the knock's id, and hears so in `admitted`. */
  async #admitted({ room, name, verified, id, access, newHostKey }: Knocking): Promise<void> {
    this.#context.metrics.knocks.inc({ outcome: 'admitted' });
    try {
      const joined = await this.#enter({ room, name, verified }, { access: { ...access, admitted: id }, newHostKey });
      if (joined.ok) return this.#socket.emit('admitted', joined);
      // Let in, but the room filled meanwhile (or its address was banned): the refusal, as the final word.
      const code = joined.code === 'removed' ? 'removed' : 'room-full';
      this.#dismiss(code, joined.message);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.#socket.close('forced close');
    }
  }

  /** Ends this connection's knock, if any (telling the room's hosts unless `tell` is false: it was answered). */
  #withdraw(tell = true): void {
    const knocking = this.#knocking;
    if (!knocking) return;
    this.#knocking = undefined;
    clearTimeout(knocking.timer);
    this.#context.knocks.remove(this.#socket.address);
    if (tell) void this.#context.store.withdraw(knocking.room, knocking.id, this).catch(() => undefined);
  }

  async #resumed(
    { member: held, peers, missed, mode }: Extract<ResumeOutcome, { outcome: 'resumed' }>,
    ack: Ack | undefined,
  ): Promise<void> {
    const previous = this.#member && this.#member.id !== held.id ? this.#member : undefined;
    this.#member = held;
    this.#stopJoinTimer();
    this.#context.metrics.resumes.inc({ outcome: 'resumed' });
    this.#log('resumed', { room: held.room, peer: held.id, missed: missed.length });
    // In an SFU room its Janus session carried on, and its offers come here now; unless another relay (or this
    // one before a restart) held it: then the member publishes again.
    const kept = mode === 'sfu' && !!this.#context.sfu?.holds(held.id);
    const sfu = mode === 'sfu' && { mode, ...(!kept && { publish: true as const }) };
    // The ack and the replay go out at once, before anything newer for this member can.
    this.#answer(ack, { ok: true, ...this.#self(held), resumed: true, peers, ...sfu });
    for (const frame of missed) this.#socket.emitFrame(frame);
    if (kept) this.#context.sfu?.resumed(held.id, (offer) => this.#socket.emit('sfu', offer));
    if (previous) {
      await this.#context.store.leave(previous, this, 'left');
      void this.#context.sfu?.leave(previous.id, previous.room);
      this.#log('left', { room: previous.room, peer: previous.id, reason: 'left' });
    }
  }

  /** Synchronous when the store answers at once (in memory): no promise per relayed message. */
  #signal(payload: unknown[], frame: string | undefined): void | Promise<void> {
    const member = this.#member;
    if (!member) return this.#fail(WIRE_ERRORS.notJoined('sending signals'));
    const parsed = parseSignalEvent(payload, frame);
    if (!parsed.ok) return this.#fail(WIRE_ERRORS.invalid(parsed.message));
    const { to, data, text } = parsed.value;
    // `from` is stamped here, and the event encoded once: kept for a resume and sent as it is.
    const delivered = this.#context.store.signal(member, to, `["signal",{"from":"${member.id}","data":${text}}]`);
    if (typeof delivered === 'boolean') return this.#signalled(delivered, to, data);
    return delivered.then(
      (answer) => this.#signalled(answer, to, data),
      (error: unknown) => {
        if (!(error instanceof StoreUnavailableError)) throw error;
        this.#fail(WIRE_ERRORS.storeUnavailable(`signal to ${to}`));
      },
    );
  }

  #signalled(delivered: boolean, to: string, data: JsonObject): void {
    if (!delivered) return this.#fail(WIRE_ERRORS.unknownPeer(to));
    this.#context.metrics.relayed[signalKind(data)]++;
  }

  async #rename(request: unknown, ack: Ack | undefined): Promise<void> {
    const member = this.#member;
    if (!member) return this.#refuse(ack, WIRE_ERRORS.notJoined('renaming'));
    const parsed = parseRenameRequest(request);
    if (!parsed.ok) return this.#refuse(ack, WIRE_ERRORS.invalid(parsed.message));
    if (member.verified) return this.#refuse(ack, WIRE_ERRORS.nameFromToken);
    try {
      this.#member = await this.#context.store.rename(member, parsed.value.name);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return this.#refuse(ack, WIRE_ERRORS.storeUnavailable('renaming'));
    }
    this.#answer(ack, { ok: true });
  }

  #iceServers(ack: Ack | undefined): void {
    const member = this.#member;
    if (!member) return this.#refuse(ack, WIRE_ERRORS.notJoined());
    this.#answer(ack, { ok: true, ...this.#iceServersFor(member.id) });
  }

  /** A member's request about its media on the SFU, which the relay drives for it (server/sfu/). */
  async #sfu(request: unknown, ack: Ack | undefined): Promise<void> {
    const member = this.#member;
    if (!member) return this.#refuse(ack, WIRE_ERRORS.notJoined('using the SFU'));
    const sfu = this.#context.sfu;
    if (!sfu) return this.#refuse(ack, WIRE_ERRORS.noSfu);
    const parsed = parseSfuRequest(request);
    if (!parsed.ok) return this.#refuse(ack, WIRE_ERRORS.invalid(parsed.message));
    if ((await this.#context.store.mode(member.room)) !== 'sfu') return this.#refuse(ack, WIRE_ERRORS.noSfu);
    const media = sfu.member(member.id, member.room, (offer) => this.#socket.emit('sfu', offer));
    const value = parsed.value;
    if (value.type === 'candidate') {
      void media.trickle(value.target, value.candidate);
      return this.#answer(ack, { ok: true });
    }
    if (value.type === 'layer') {
      media.layer(value.peer, value.layer);
      return this.#answer(ack, { ok: true });
    }
    if (value.type === 'answer') {
      if (media.answer(value.sdp)) return this.#answer(ack, { ok: true });
      return this.#refuse(ack, WIRE_ERRORS.invalid('no offer is waiting for an answer'));
    }
    try {
      this.#answer(ack, { ok: true, sdp: await media.publish(value.sdp, value.screen) });
    } catch (error) {
      this.#context.log.warn(
        { err: error, sid: this.connection, room: member.room, peer: member.id },
        'publish failed',
      );
      this.#refuse(ack, WIRE_ERRORS.sfuUnavailable('take your media'));
    }
  }

  /** A host's request: refused (`forbidden`, nobody told) unless this member is one. */
  async #host(request: unknown, ack: Ack | undefined): Promise<void> {
    const member = this.#member;
    if (!member) return this.#refuse(ack, WIRE_ERRORS.notJoined('acting as a host'));
    const parsed = parseHostRequest(request);
    if (!parsed.ok) return this.#refuse(ack, WIRE_ERRORS.invalid(parsed.message));
    const action = parsed.value;
    if (member.role !== 'host') {
      this.#log('host action refused', { room: member.room, peer: member.id, action: action.action });
      return this.#refuse(ack, WIRE_ERRORS.forbidden);
    }
    let outcome;
    try {
      outcome = await this.#context.store.moderate(member, action, this.#context.settings.removalBanMs);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return this.#refuse(ack, WIRE_ERRORS.storeUnavailable(action.action));
    }
    if (outcome === 'unknown') {
      const { id = '' } = action as { id?: string };
      const lobbyAction = action.action === 'admit' || action.action === 'deny';
      return this.#refuse(ack, lobbyAction ? WIRE_ERRORS.notAKnock(id) : WIRE_ERRORS.unknownPeer(id));
    }
    this.#moderated(member, action);
    this.#answer(ack, { ok: true });
  }

  /** Counts, logs (and reports to the site's backend) a host action carried out. */
  #moderated(host: Membership, request: HostRequest): void {
    const { metrics, webhooks } = this.#context;
    const name = hostActionName(request);
    metrics.hostActions.inc({ action: name });
    if (request.action === 'remove') webhooks?.send('participant-removed', host.room, { id: request.id, by: host.id });
    if (request.action === 'lock')
      webhooks?.send(request.locked ? 'room-locked' : 'room-unlocked', host.room, { by: host.id });
    if (request.action === 'deny') metrics.knocks.inc({ outcome: 'denied' });
    this.#log('host action', {
      room: host.room,
      peer: host.id,
      action: name,
      target: 'id' in request ? request.id : undefined,
    });
  }

  async #leave(ack: Ack | undefined): Promise<void> {
    this.#withdraw();
    await this.#leaveRoom('left');
    this.#expectJoin();
    ack?.({ ok: true });
  }

  async #leaveRoom(reason: PeerLeftReason): Promise<void> {
    const leaving = this.#member;
    this.#member = undefined;
    if (!leaving) return;
    await this.#context.store.leave(leaving, this, reason);
    void this.#context.sfu?.leave(leaving.id, leaving.room);
    this.#log('left', { room: leaving.room, peer: leaving.id, reason });
  }

  /** What the ack tells a member of itself: its id, resume token, and the name the others see. */
  #self({ id, resumeToken, name, verified, role }: Membership) {
    return {
      id,
      resume: resumeToken,
      ...(name && { name }),
      ...(verified && { verified: true as const }),
      ...(role && { role }),
      ...this.#iceServersFor(id),
    };
  }

  /** The STUN servers, and TURN with credentials for this member that last `iceServersTtl` seconds. */
  #iceServersFor(id: string): Pick<JoinAccepted, 'iceServers' | 'iceServersTtl'> {
    const { iceServers, turn } = this.#context.settings;
    if (!turn) return { iceServers };
    return { iceServers: [...iceServers, turnServer(turn, id)], iceServersTtl: turn.ttlSeconds };
  }

  /** Answers a request that succeeded in its ack. */
  #answer(ack: Ack | undefined, response: Answer): void {
    ack?.(response);
  }

  /** Refuses a request in its ack; without an ack, the refusal comes as an `error` event instead. */
  #refuse(ack: Ack | undefined, error: WireError): void {
    if (!ack) return this.#fail(error);
    this.#context.metrics.errors.inc({ code: error.code });
    ack({ ok: false, ...error });
  }

  /** An `error` event, counted, and logged for debugging. */
  #fail({ code, message }: WireError): void {
    this.#context.metrics.errors.inc({ code });
    this.#context.log.debug({ sid: this.connection, code, room: this.#member?.room, peer: this.#member?.id }, message);
    this.#socket.emit('error', { code, message });
  }

  /** Closes a connection that sits in no room, so idle sockets cannot pile up. */
  #expectJoin(): void {
    clearTimeout(this.#joinTimer);
    this.#joinTimer = setTimeout(() => {
      if (!this.#member) this.#socket.disconnect();
    }, this.#context.settings.joinTimeoutMs);
  }

  /** Drops the join timer (a cleared one kept would still weigh on a connection that lives for hours). */
  #stopJoinTimer(): void {
    clearTimeout(this.#joinTimer);
    this.#joinTimer = undefined;
  }

  /** An info line about this connection (no child logger each: it would live as long as the connection). */
  #log(message: string, fields: Record<string, unknown> = {}): void {
    this.#context.log.info({ sid: this.connection, ...fields }, message);
  }
}

/** A host action as counted and logged: lock and lobby say which way. */
function hostActionName(request: HostRequest): string {
  if (request.action === 'lock') return request.locked ? 'lock' : 'unlock';
  if (request.action === 'lobby') return request.enabled ? 'lobby-on' : 'lobby-off';
  return request.action;
}

/** Why the store refused a join, as the client is told. */
function refusal(code: Extract<JoinOutcome, { ok: false }>['code'], maxPeers: number): WireError {
  if (code === 'room-full') return WIRE_ERRORS.roomFull(maxPeers);
  if (code === 'room-locked') return WIRE_ERRORS.roomLocked;
  if (code === 'removed') return WIRE_ERRORS.removed;
  return WIRE_ERRORS.lobbyFull;
}

/** `description` or `candidate`: the top-level key the widget uses. The relay never looks inside (no SDP parsing). */
function signalKind(data: Record<string, unknown>): 'description' | 'candidate' | 'other' {
  if ('description' in data) return 'description';
  if ('candidate' in data) return 'candidate';
  return 'other';
}
