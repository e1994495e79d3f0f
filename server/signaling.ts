// The relay's part of the wire protocol (docs/protocol.md) for one connection: join (with access checks,
// room limits and resume), signal and leave. Every payload is validated, `from` is stamped from the sender's
// own membership, and signals never leave their room. A dropped connection keeps its membership for a grace
// period, with events queued, so a client that comes back with its resume token loses nothing.
import type { FastifyBaseLogger } from 'fastify';
import {
  parseJoinRequest,
  parseSignalRequest,
  type IceServer,
  type JoinAck,
  type PeerLeftReason,
  type RelayErrorCode,
} from '../src/protocol.ts';
import { admit } from './access.ts';
import type { RelaySettings } from './config.ts';
import type { RelayMetrics } from './metrics.ts';
import { Member, type Delivery, type Rooms } from './rooms.ts';
import type { Ack, SocketIoConnection } from './socketio/socketio-connection.ts';
import { turnServer } from './turn.ts';

export interface SignalingContext {
  rooms: Rooms;
  settings: RelaySettings;
  metrics: RelayMetrics;
  log: FastifyBaseLogger;
}

/** After this many events refused in a row for going over the rate limit, the connection is closed. */
const REFUSALS_BEFORE_DISCONNECT = 50;

export function attachSignaling(connection: SocketIoConnection, context: SignalingContext): void {
  const { rooms, settings, metrics } = context;
  const log = context.log.child({ sid: connection.id });
  let member: Member | undefined;
  let joinTimer: NodeJS.Timeout | undefined;

  const delivery: Delivery = {
    emit: (event, payload) => connection.emit(event, payload),
    superseded: () => {
      // The same client came back on a new connection and took its membership: this one is stale.
      member = undefined;
      connection.close('forced close');
    },
  };

  const fail = (code: RelayErrorCode, message: string): void => {
    metrics.errors.inc({ code });
    log.debug({ code, room: member?.room, peer: member?.id }, message);
    connection.emit('error', { code, message });
  };

  const answer = (ack: Ack | undefined, response: JoinAck): void => {
    if (!response.ok) metrics.errors.inc({ code: response.code });
    if (ack) ack(response);
    else if (!response.ok) connection.emit('error', { code: response.code, message: response.message });
  };

  /** Closes a connection that sits in no room, so idle sockets cannot pile up. */
  const expectJoin = (): void => {
    clearTimeout(joinTimer);
    joinTimer = setTimeout(() => {
      if (!member) connection.disconnect();
    }, settings.joinTimeoutMs);
  };

  /** Takes a member out of its room and tells the others why. */
  const endMembership = (ended: Member, reason: PeerLeftReason): void => {
    for (const other of rooms.leave(ended)) other.deliver('peer-left', { id: ended.id, reason });
    log.info({ room: ended.room, peer: ended.id, reason }, 'left');
  };

  const leaveRoom = (reason: PeerLeftReason): void => {
    if (member) endMembership(member, reason);
    member = undefined;
  };

  const iceServersFor = (id: string): IceServer[] =>
    settings.turn ? [...settings.iceServers, turnServer(settings.turn, id)] : settings.iceServers;

  const peersOf = (self: Member) => rooms.others(self).map(({ id, name }) => (name ? { id, name } : { id }));

  connection.on('join', ([request], ack) => {
    const parsed = parseJoinRequest(request);
    if (!parsed.ok) return answer(ack, { ok: false, code: 'invalid-request', message: parsed.message });
    const { room, name, password, token, resume, received = 0 } = parsed.value;

    const held = resume === undefined ? undefined : rooms.findByResumeToken(room, resume);
    if (held) {
      const previous = held.delivery;
      const missed = held.resume(delivery, received);
      // The same client is back: a connection it still had open is stale.
      if (previous && previous !== delivery) previous.superseded();
      if (missed) return resumeMembership(held, missed, ack);
      // Events it missed are no longer kept: the old membership ends, and this join makes a new one.
      if (member === held) member = undefined;
      endMembership(held, 'disconnected');
    }

    const admission = admit(settings, room, { password, token });
    if (!admission.ok) {
      log.info({ room, code: 'unauthorized' }, 'join refused');
      return answer(ack, { ok: false, code: 'unauthorized', message: 'A valid password or join token is required.' });
    }
    const occupied = rooms.size(room) - (member?.room === room ? 1 : 0);
    if (occupied >= settings.maxPeersPerRoom) {
      log.info({ room, code: 'room-full' }, 'join refused');
      return answer(ack, {
        ok: false,
        code: 'room-full',
        message: `This room is full (${settings.maxPeersPerRoom} people).`,
      });
    }

    leaveRoom('left');
    const joined = new Member(room, admission.name ?? name, delivery, {
      replayWindowMs: settings.pingIntervalMs + settings.pingTimeoutMs,
      replayBytes: settings.resumeBufferBytes,
    });
    member = joined;
    clearTimeout(joinTimer);
    const others = rooms.join(joined);
    for (const other of others)
      other.deliver('peer-joined', joined.name ? { id: joined.id, name: joined.name } : { id: joined.id });
    log.info({ room, peer: joined.id }, 'joined');
    answer(ack, {
      ok: true,
      id: joined.id,
      resume: joined.resumeToken,
      resumed: false,
      peers: peersOf(joined),
      iceServers: iceServersFor(joined.id),
    });
  });

  const resumeMembership = (held: Member, missed: Array<[string, unknown]>, ack: Ack | undefined): void => {
    if (member !== held) leaveRoom('left');
    member = held;
    clearTimeout(joinTimer);
    metrics.resumes.inc({ outcome: 'resumed' });
    log.info({ room: held.room, peer: held.id, missed: missed.length }, 'resumed');
    const { id, resumeToken: resume } = held;
    answer(ack, { ok: true, id, resume, resumed: true, peers: peersOf(held), iceServers: iceServersFor(id) });
    for (const [event, payload] of missed) connection.emit(event, payload);
  };

  connection.on('signal', ([request]) => {
    if (!member) return fail('not-joined', 'join a room before sending signals');
    const parsed = parseSignalRequest(request);
    if (!parsed.ok) return fail('invalid-request', parsed.message);
    const { to, data, size } = parsed.value;
    const target = to === member.id ? undefined : rooms.find(member.room, to);
    if (!target) return fail('unknown-peer', `no peer ${to} in this room`);
    target.deliver('signal', { from: member.id, data }, size);
    metrics.relayed.inc({ type: signalKind(data) });
  });

  connection.on('leave', (_args, ack) => {
    leaveRoom('left');
    expectJoin();
    ack?.({ ok: true });
  });

  connection.onRateLimited((refusedInARow) => {
    metrics.rateLimited.inc();
    if (refusedInARow === 1) fail('rate-limited', 'Too many messages: slow down.');
    if (refusedInARow >= REFUSALS_BEFORE_DISCONNECT) connection.disconnect();
  });

  connection.onDisconnect((reason) => {
    log.info({ reason, room: member?.room, peer: member?.id }, 'disconnected');
    clearTimeout(joinTimer);
    if (!member) return;
    if (reason === 'server namespace disconnect') return leaveRoom('kicked');
    if (reason === 'client namespace disconnect' || settings.resumeGraceMs === 0) return leaveRoom('disconnected');
    holdForResume(member);
    member = undefined;
  });

  /** The transport dropped: keep the place for a while, in case the client resumes. */
  const holdForResume = (away: Member): void => {
    log.info({ room: away.room, peer: away.id, reason: 'transport closed' }, 'away');
    away.away(settings.resumeGraceMs, () => {
      metrics.resumes.inc({ outcome: 'expired' });
      endMembership(away, 'timeout');
    });
  };

  log.info('connected');
  expectJoin();
}

/** `description` or `candidate`: the top-level key the widget uses. The relay never looks inside (no SDP parsing). */
function signalKind(data: Record<string, unknown>): string {
  if ('description' in data) return 'description';
  if ('candidate' in data) return 'candidate';
  return 'other';
}
