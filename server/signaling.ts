// The relay's part of the wire protocol (DESIGN.md §3) for one connection: join, signal and leave,
// with every payload validated, `from` stamped from the sender's own session, and signals kept inside its room.
import { randomBytes } from 'node:crypto';
import {
  parseJoinRequest,
  parseSignalRequest,
  type ErrorMessage,
  type IceServer,
  type JoinAck,
  type PeerLeftReason,
  type RelayErrorCode,
} from '../src/protocol.ts';
import type { Rooms, Member } from './rooms.ts';
import type { Ack, SocketIoConnection } from './socketio/socketio-connection.ts';

export interface SignalingContext {
  rooms: Rooms;
  iceServers: IceServer[];
}

export function attachSignaling(connection: SocketIoConnection, { rooms, iceServers }: SignalingContext): void {
  let member: Member | undefined;

  const fail = (code: RelayErrorCode, message: string): void => {
    connection.emit('error', { code, message } satisfies ErrorMessage);
  };

  const leaveRoom = (reason: PeerLeftReason): void => {
    if (!member) return;
    const { id } = member;
    for (const other of rooms.leave(member)) other.deliver('peer-left', { id, reason });
    member = undefined;
  };

  connection.on('join', ([request], ack) => {
    const parsed = parseJoinRequest(request);
    if (!parsed.ok) return answer(ack, { ok: false, code: 'invalid-request', message: parsed.message }, fail);
    leaveRoom('left');
    const { room, name } = parsed.value;
    const joined: Member = {
      id: newPeerId(),
      room,
      name,
      deliver: (event, payload) => connection.emit(event, payload),
    };
    member = joined;
    const others = rooms.join(joined);
    for (const other of others) other.deliver('peer-joined', { id: joined.id, name });
    answer(ack, { ok: true, id: joined.id, peers: others.map((o) => ({ id: o.id, name: o.name })), iceServers }, fail);
  });

  connection.on('signal', ([request]) => {
    if (!member) return fail('not-joined', 'join a room before sending signals');
    const parsed = parseSignalRequest(request);
    if (!parsed.ok) return fail('invalid-request', parsed.message);
    const { to, data } = parsed.value;
    const target = to === member.id ? undefined : rooms.find(member.room, to);
    if (!target) return fail('unknown-peer', `no peer ${to} in this room`);
    target.deliver('signal', { from: member.id, data });
  });

  connection.on('leave', (_args, ack) => {
    leaveRoom('left');
    ack?.({ ok: true });
  });

  connection.onDisconnect(() => leaveRoom('disconnected'));
}

/** Answers through the ack when the client asked for one, else reports a refusal as an `error` event. */
function answer(ack: Ack | undefined, response: JoinAck, fail: (code: RelayErrorCode, message: string) => void): void {
  if (ack) ack(response);
  else if (!response.ok) fail(response.code, response.message);
}

/** 128 random bits, base64url: unguessable, and matches PEER_ID_PATTERN. */
function newPeerId(): string {
  return randomBytes(16).toString('base64url');
}
