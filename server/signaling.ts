// The relay's part of the wire protocol (docs/protocol.md) for one connection: join (with access checks,
// room limits and resume), signal, rename, fresh TURN credentials and leave, on top of a RoomStore (in memory,
// or Redis across relays).
// Every payload is validated, `from` is stamped from the sender's own membership, and signals never leave
// their room. A dropped connection keeps its membership for a grace period, so a client that comes back with
// its resume token loses nothing. The socket layer runs these handlers one at a time per connection.
import type { FastifyBaseLogger } from 'fastify';
import {
  parseJoinRequest,
  parseRenameRequest,
  parseSignalRequest,
  type IceServersAck,
  type JoinAccepted,
  type JoinAck,
  type RenameAck,
  type JsonObject,
  type PeerLeftReason,
  type RelayErrorCode,
} from '../src/protocol.ts';
import { admit } from './access.ts';
import type { RelaySettings } from './config.ts';
import type { RelayMetrics } from './metrics.ts';
import {
  StoreUnavailableError,
  type Delivery,
  type Membership,
  type ResumeOutcome,
  type RoomStore,
} from './room-store.ts';
import type { Ack, SocketIoConnection } from './socketio/socketio-connection.ts';
import { turnServer } from './turn.ts';

export interface SignalingContext {
  store: RoomStore;
  settings: RelaySettings;
  metrics: RelayMetrics;
  log: FastifyBaseLogger;
}

/** After this many events refused in a row for going over the rate limit, the connection is closed. */
const REFUSALS_BEFORE_DISCONNECT = 50;

export function attachSignaling(connection: SocketIoConnection, context: SignalingContext): void {
  const { store, settings, metrics } = context;
  const log = context.log.child({ sid: connection.id });
  let member: Membership | undefined;
  let joinTimer: NodeJS.Timeout | undefined;

  const delivery: Delivery = {
    connection: connection.id,
    send: (json) => connection.emitJson(json),
    revoke: () => {
      // The same client came back on a new connection and took its membership, or the store lost it.
      member = undefined;
      connection.close('forced close');
    },
  };

  const fail = (code: RelayErrorCode, message: string): void => {
    metrics.errors.inc({ code });
    log.debug({ code, room: member?.room, peer: member?.id }, message);
    connection.emit('error', { code, message });
  };

  /** Answers a request in its ack; a refusal without an ack comes as an `error` event instead. */
  const answer = (ack: Ack | undefined, response: JoinAck | RenameAck | IceServersAck): void => {
    if (!response.ok) metrics.errors.inc({ code: response.code });
    if (ack) ack(response);
    else if (!response.ok) connection.emit('error', { code: response.code, message: response.message });
  };

  /** Drops the join timer (a cleared one kept would still weigh on a connection that lives for hours). */
  const stopJoinTimer = (): void => {
    clearTimeout(joinTimer);
    joinTimer = undefined;
  };

  /** Closes a connection that sits in no room, so idle sockets cannot pile up. */
  const expectJoin = (): void => {
    clearTimeout(joinTimer);
    joinTimer = setTimeout(() => {
      if (!member) connection.disconnect();
    }, settings.joinTimeoutMs);
  };

  const leaveRoom = async (reason: PeerLeftReason): Promise<void> => {
    const leaving = member;
    member = undefined;
    if (!leaving) return;
    await store.leave(leaving, delivery, reason);
    log.info({ room: leaving.room, peer: leaving.id, reason }, 'left');
  };

  /** The STUN servers, and TURN with credentials for this member that last `iceServersTtl` seconds. */
  const iceServersFor = (id: string): Pick<JoinAccepted, 'iceServers' | 'iceServersTtl'> =>
    settings.turn
      ? { iceServers: [...settings.iceServers, turnServer(settings.turn, id)], iceServersTtl: settings.turn.ttlSeconds }
      : { iceServers: settings.iceServers };

  /** What the ack tells a member of itself: its id, resume token, and the name the others see. */
  const self = ({ id, resumeToken, name, verified }: Membership) => ({
    id,
    resume: resumeToken,
    ...(name && { name }),
    ...(verified && { verified: true as const }),
    ...iceServersFor(id),
  });

  connection.on('join', async ([request], ack) => {
    const parsed = parseJoinRequest(request);
    if (!parsed.ok) return answer(ack, { ok: false, code: 'invalid-request', message: parsed.message });
    const { room, name, password, token, resume, received = 0 } = parsed.value;
    try {
      if (resume !== undefined) {
        const resumed = await store.resume({ room, token: resume, received, delivery });
        if (resumed.outcome === 'resumed') return await resumeMembership(resumed, ack);
        if (resumed.outcome === 'ended') {
          // Events it missed are no longer kept: the old membership ended, and this join makes a new one.
          if (member?.id === resumed.id) member = undefined;
          log.info({ room, peer: resumed.id, reason: 'disconnected' }, 'left');
        }
      }

      const admission = admit(settings, room, { password, token });
      if (!admission.ok) {
        log.info({ room, code: 'unauthorized' }, 'join refused');
        return answer(ack, { ok: false, code: 'unauthorized', message: 'A valid password or join token is required.' });
      }
      const leaving = member;
      const joined = await store.join({
        room,
        name: admission.name ?? name,
        verified: admission.name !== undefined,
        delivery,
        leaving,
        maxPeers: settings.maxPeersPerRoom,
      });
      if (!joined.ok) {
        log.info({ room, code: 'room-full' }, 'join refused');
        return answer(ack, {
          ok: false,
          code: 'room-full',
          message: `This room is full (${settings.maxPeersPerRoom} people).`,
        });
      }
      if (leaving) log.info({ room: leaving.room, peer: leaving.id, reason: 'left' }, 'left');
      member = joined.member;
      stopJoinTimer();
      log.info({ room, peer: member.id }, 'joined');
      answer(ack, { ok: true, ...self(member), resumed: false, peers: joined.peers });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      // No answer the widget would take as final: the client reconnects with backoff and tries again.
      log.warn({ room }, 'join while the room store is unreachable: closing the connection');
      connection.close('forced close');
    }
  });

  const resumeMembership = async (
    { member: held, peers, missed }: Extract<ResumeOutcome, { outcome: 'resumed' }>,
    ack: Ack | undefined,
  ): Promise<void> => {
    const previous = member && member.id !== held.id ? member : undefined;
    member = held;
    stopJoinTimer();
    metrics.resumes.inc({ outcome: 'resumed' });
    log.info({ room: held.room, peer: held.id, missed: missed.length }, 'resumed');
    // The ack and the replay go out at once, before anything newer for this member can.
    answer(ack, { ok: true, ...self(held), resumed: true, peers });
    for (const json of missed) connection.emitJson(json);
    if (previous) {
      await store.leave(previous, delivery, 'left');
      log.info({ room: previous.room, peer: previous.id, reason: 'left' }, 'left');
    }
  };

  const signalled = (delivered: boolean, to: string, data: JsonObject): void => {
    if (!delivered) return fail('unknown-peer', `no peer ${to} in this room`);
    metrics.relayed.inc({ type: signalKind(data) });
  };

  // Synchronous when the store answers at once (in memory): no promise per relayed message.
  connection.on('signal', ([request]) => {
    if (!member) return fail('not-joined', 'join a room before sending signals');
    const parsed = parseSignalRequest(request);
    if (!parsed.ok) return fail('invalid-request', parsed.message);
    const { to, data, text } = parsed.value;
    // `from` is stamped here, and the event encoded once: kept for a resume and sent as it is.
    const delivered = store.signal(member, to, `["signal",{"from":"${member.id}","data":${text}}]`);
    if (typeof delivered === 'boolean') return signalled(delivered, to, data);
    return delivered.then(
      (answer) => signalled(answer, to, data),
      (error: unknown) => {
        if (!(error instanceof StoreUnavailableError)) throw error;
        fail('unknown-peer', `peer ${to} cannot be reached right now`);
      },
    );
  });

  connection.on('rename', async ([request], ack) => {
    const refuse = (code: RelayErrorCode, message: string) => answer(ack, { ok: false, code, message });
    if (!member) return refuse('not-joined', 'join a room before renaming');
    const parsed = parseRenameRequest(request);
    if (!parsed.ok) return refuse('invalid-request', parsed.message);
    if (member.verified) return refuse('unauthorized', 'Your name comes from your join token: it cannot be changed.');
    try {
      member = await store.rename(member, parsed.value.name);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return refuse('invalid-request', 'Renaming is not possible while the room store is unreachable.');
    }
    answer(ack, { ok: true });
  });

  connection.on('ice-servers', (_args, ack) => {
    if (!member) return answer(ack, { ok: false, code: 'not-joined', message: 'join a room first' });
    answer(ack, { ok: true, ...iceServersFor(member.id) });
  });

  connection.on('leave', async (_args, ack) => {
    await leaveRoom('left');
    expectJoin();
    ack?.({ ok: true });
  });

  connection.onRateLimited((refusedInARow) => {
    metrics.rateLimited.inc();
    if (refusedInARow === 1) fail('rate-limited', 'Too many messages: slow down.');
    if (refusedInARow >= REFUSALS_BEFORE_DISCONNECT) connection.disconnect();
  });

  connection.onDisconnect(async (reason) => {
    log.info({ reason, room: member?.room, peer: member?.id }, 'disconnected');
    stopJoinTimer();
    if (!member) return;
    if (reason === 'server namespace disconnect') return leaveRoom('kicked');
    if (reason === 'client namespace disconnect' || settings.resumeGraceMs === 0) return leaveRoom('disconnected');
    // The transport dropped: keep the place for a while, in case the client resumes.
    const away = member;
    member = undefined;
    log.info({ room: away.room, peer: away.id, reason: 'transport closed' }, 'away');
    await store.hold(away, delivery, settings.resumeGraceMs, connection.address);
  });

  log.info('connected');
  expectJoin();
}

/** `description` or `candidate`: the top-level key the widget uses. The relay never looks inside (no SDP parsing). */
function signalKind(data: Record<string, unknown>): string {
  if ('description' in data) return 'description';
  if ('candidate' in data) return 'candidate';
  return 'other';
}
