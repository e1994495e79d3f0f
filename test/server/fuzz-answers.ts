// What the relay may send a fuzz socket (fuzz-session.ts checks every frame against these): the shapes of its
// acks and events as docs/protocol.md gives them, and the close codes it may end a connection with.
import { PEER_ID_PATTERN, RELAY_ERROR_CODES } from '../../src/protocol.ts';

/** Close codes the relay may end a fuzz socket with; 1007 and 1009 only for the frames that call for them. */
export const RELAY_CLOSE_CODES = new Set([1000, 1001, 1002, 1007, 1008, 1009, 1013]);
const PEER_LEFT_REASONS = ['left', 'disconnected', 'timeout', 'kicked', 'removed'];
const HOST_ACTIONS = ['remove', 'mute', 'lock', 'lobby'];

/** What is wrong with the data of an EVENT from the relay, if anything. */
export function eventFault(data: unknown): string | undefined {
  const [name, payload, ...rest] = Array.isArray(data) ? data : [];
  if (!isRecord(payload) || rest.length) return 'an EVENT of another shape';
  switch (name) {
    case 'error':
      return isRefusal(payload) ? undefined : 'an error without a known code';
    case 'peer-joined':
      return isPeerId(payload.id) ? undefined : 'a malformed peer-joined';
    case 'peer-left':
      return isPeerId(payload.id) && PEER_LEFT_REASONS.includes(payload.reason as string)
        ? undefined
        : 'a malformed peer-left';
    case 'signal':
      return isPeerId(payload.from) && isRecord(payload.data) ? undefined : 'a malformed signal';
    case 'host-action':
      return isPeerId(payload.by) && HOST_ACTIONS.includes(payload.action as string)
        ? undefined
        : 'a malformed host-action';
    case 'knock':
    case 'knock-ended':
      return isPeerId(payload.id) ? undefined : `a malformed ${name}`;
    case 'waiting':
      return typeof payload.host === 'boolean' ? undefined : 'a malformed waiting';
    case 'dismissed':
      return isRefusal(payload) ? undefined : 'a dismissal without a known code';
    case 'admitted':
      return payload.ok === true && isAck(payload) ? undefined : 'a malformed admitted';
    default:
      return 'an event the relay does not send';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPeerId(value: unknown): value is string {
  return typeof value === 'string' && PEER_ID_PATTERN.test(value);
}

function isRefusal(value: Record<string, unknown>): boolean {
  return (RELAY_ERROR_CODES as readonly unknown[]).includes(value.code) && typeof value.message === 'string';
}

/** The relay's acks: join's `{ ok: true, id, resume, resumed, peers, iceServers }`, leave's `{ ok: true }`, or a refusal. */
export function isAck(value: unknown): value is { id?: unknown; resume?: unknown; peers?: Array<{ id: unknown }> } {
  if (!isRecord(value)) return false;
  if (value.ok === false) return isRefusal(value);
  if (value.ok !== true) return false;
  if (Object.keys(value).length === 1) return true;
  if (value.waiting === true) return isPeerId(value.id) && typeof value.host === 'boolean';
  return (
    isPeerId(value.id) &&
    isPeerId(value.resume) &&
    typeof value.resumed === 'boolean' &&
    Array.isArray(value.iceServers) &&
    Array.isArray(value.peers) &&
    value.peers.every((peer: unknown) => isRecord(peer) && isPeerId(peer.id))
  );
}

/** For the counts: `ok`, `resumed` or the refusal's code. */
export function ackOutcome(data: unknown): string {
  const [answer] = Array.isArray(data) ? data : [];
  if (!isRecord(answer)) return 'of another shape';
  return answer.ok ? (answer.resumed ? 'resumed' : 'ok') : String(answer.code);
}
