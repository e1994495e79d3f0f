// Seeded generators of hostile frames for the relay fuzz test (fuzz.test.ts): random bytes and text, odd
// Engine.IO and Socket.IO packet types, bad ack ids, broken JSON, prototype-pollution keys, binary placeholders.
import type { Gen } from './fuzz-random.ts';

/** What goes on the wire: a text frame, a binary frame, or raw bytes in a text frame (maybe invalid UTF-8). */
export type Frame =
  { type: 'text'; data: string } | { type: 'binary'; data: Buffer } | { type: 'raw-text'; data: Buffer };

/** One fuzz packet: a kind for the statistics, and its frames (several for binary attachments). */
export interface Generated {
  kind: string;
  frames: Frame[];
}

/** What a fuzzing socket has learnt: peer ids to aim signals at, join requests that resume a membership. */
export interface FuzzContext {
  peers: readonly string[];
  resumes: readonly string[];
}

/** Rooms the fuzz sockets share: names that would be dangerous as plain-object keys. */
export const FUZZ_ROOMS = ['fuzz-0', 'fuzz-1', '__proto__', 'constructor', 'toString'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const KEYS = [...PROTO_KEYS, 'toString', 'hasOwnProperty', '_placeholder', 'num', 'room', 'to', 'data', 'sdp', ''];
const RESERVED_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];
const EVENT_NAMES = [
  'join',
  'signal',
  'leave',
  'host',
  'error',
  'peer-joined',
  'JOIN',
  ' join',
  ...PROTO_KEYS,
  'toString',
];
const NOT_STRING_NAMES = ['1', '-1', '0.5', '1e400', 'null', 'true', '{}', '[]', '{"__proto__":1}', '["join"]'];
const NUMBERS = ['0', '-0', '1', '-1', '1.5', '1e308', '1e400', '-1e400', '5e-324', '9007199254740993'];
/** Ack ids as they appear after the packet type: huge, negative, fractional, not numbers at all. */
const ACK_IDS = [
  '0',
  '1',
  '42',
  '007',
  '9007199254740991',
  '9007199254740993',
  '99999999999999999999',
  '9'.repeat(22),
  '9'.repeat(400),
  '-1',
  '1.5',
  '1e3',
  'abc',
  ' 7',
];
const NAMESPACES = ['/', '/admin', '/x/y', '//', '/__proto__', '/\u0000', `/${'n'.repeat(5000)}`, '/"]'];
const POLLUTERS = ['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'];

/** The first packets of most sockets: a CONNECT, often a join, so that the fuzz reaches the signaling layer. */
export function opening(g: Gen): Generated[] {
  const packets: Generated[] = [];
  if (g.chance(0.85)) {
    const auth = g.pick(['', '{}', '{"token":"x"}', ...POLLUTERS]);
    packets.push({ kind: 'connect', frames: [text(`40${auth}`)] });
    if (g.chance(0.75)) {
      const room = g.chance(0.6) ? FUZZ_ROOMS[0] : g.pick(FUZZ_ROOMS);
      const request = `{"room":"${room}","name":${JSON.stringify(g.text(1, 10))}}`;
      packets.push({ kind: 'join', frames: [text(`42${g.int(0, 1000)}["join",${request}]`)] });
    }
  }
  return packets;
}

/** One random packet; `context` lends real peer ids to some signals and real resume tokens to some joins. */
export function generate(g: Gen, context: FuzzContext): Generated {
  let roll = g.next() * TOTAL_WEIGHT;
  for (const [weight, kind, make] of GENERATORS) {
    roll -= weight;
    if (roll < 0) return { kind, frames: make(g, context) };
  }
  return { kind: 'noop', frames: [text('6')] };
}

type Make = (g: Gen, context: FuzzContext) => Frame[];

const GENERATORS: Array<[number, string, Make]> = [
  [2, 'random bytes', (g) => [{ type: 'binary', data: g.bytes(g.chance(0.9) ? g.int(0, 64) : g.int(0, 4096)) }]],
  [1, 'random bytes as text', (g) => [{ type: 'raw-text', data: g.chance(0.8) ? g.bytes(g.int(1, 64)) : utf8(g) }]],
  [2, 'random text', (g) => [text(g.text(0, 200))]],
  [4, 'engine.io', (g) => [text(engineIo(g))]],
  [4, 'connect', (g) => [text(`40${g.chance(0.5) ? `${g.pick(NAMESPACES)},` : ''}${g.chance(0.5) ? json(g, 2) : ''}`)]],
  [1.5, 'disconnect', (g) => [text(`41${g.chance(0.3) ? `${g.pick(NAMESPACES)},` : ''}${g.chance(0.2) ? '[]' : ''}`)]],
  [30, 'event', (g, context) => [text(`42${maybeAckId(g)}${event(g, context)}`)]],
  [5, 'signal', (g, context) => [text(`42["signal",{"to":"${peerId(g, context)}","data":${signalData(g)}}]`)]],
  [3, 'host action', (g, context) => [text(`42${maybeAckId(g)}["host",${hostRequest(g, context)}]`)]],
  [5, 'binary event', (g, context) => binaryPacket(g, '5', event(g, context))],
  [4, 'ack', (g) => [text(`43${maybeAckId(g)}${g.chance(0.8) ? `[${json(g, 2)}]` : json(g, 2)}`)]],
  [1, 'binary ack', (g) => binaryPacket(g, '6', `[${placeholder(g)}]`)],
  [1, 'connect error', (g) => [text(`44${g.chance(0.5) ? `${g.pick(NAMESPACES)},` : ''}${json(g, 1)}`)]],
  [1, 'unknown packet type', (g) => [text(`4${g.pick(['7', '8', '9', 'a', '-', ' ', ''])}${json(g, 1)}`)]],
  [4, 'pollution', (g, context) => [text(pollution(g, context))]],
  [4, 'mutation', (g, context) => [text(mutate(g, `42${maybeAckId(g)}${event(g, context)}`))]],
  [
    2,
    'deep nesting',
    (g, context) => [text(`42${maybeAckId(g)}["${g.pick(['join', 'signal'])}",${deep(g, context)}]`)],
  ],
  [1, 'long string', (g, context) => [text(longString(g, context))]],
  [0.3, 'over maxPayload', (g) => [oversize(g)]],
  [0.1, 'flood', (g) => Array.from({ length: 300 }, () => text(g.pick(['42["leave"]', '42["flood"]', '42[1]'])))],
];
const TOTAL_WEIGHT = GENERATORS.reduce((sum, [weight]) => sum + weight, 0);

/** A host request, well formed or not, about a real peer or not (fuzz sockets that make a room are its hosts). */
function hostRequest(g: Gen, context: FuzzContext): string {
  const action = g.pick(['admit', 'deny', 'remove', 'mute', 'lock', 'lobby', 'end', 'ban', '']);
  const id = g.chance(0.8) ? `"${peerId(g, context)}"` : json(g, 1);
  const flag = g.chance(0.8) ? g.pick(['true', 'false']) : json(g, 1);
  return `{"action":"${action}","id":${id},"locked":${flag},"enabled":${flag}}`;
}

function text(data: string): Frame {
  return { type: 'text', data };
}

function utf8(g: Gen): Buffer {
  return Buffer.from(g.pick(['42["leave"]', '2é', '40', '6']));
}

function maybeAckId(g: Gen): string {
  return g.chance(0.4) ? g.pick(ACK_IDS) : '';
}

/** An Engine.IO packet: every type digit, some that do not exist, base64 binary, pings with data. */
function engineIo(g: Gen): string {
  switch (g.int(0, 7)) {
    case 0:
      return `2${g.chance(0.5) ? g.text(0, 40) : ''}`;
    case 1:
      return g.pick(['3', '6', '3probe']);
    case 2:
      return `b${g.bytes(g.int(0, 32)).toString('base64')}`;
    case 3:
      return g.pick(['0', '0{}', '5', '1']);
    case 4:
      return '4';
    default:
      return `${g.pick(['7', '8', '9', 'x', '', ' ', '-1', '\u0000'])}${g.text(0, 20)}`;
  }
}

/** The JSON text of a random value: numbers JSON.stringify would never write, odd keys, placeholders. */
function json(g: Gen, depth: number): string {
  const choice = g.int(0, depth > 0 ? 7 : 3);
  if (choice === 0) return g.pick(['null', 'true', 'false']);
  if (choice === 1) return g.pick(NUMBERS);
  if (choice <= 3) return JSON.stringify(g.text(0, 20));
  if (choice === 4) return `[${repeat(g, 0, 4, () => json(g, depth - 1))}]`;
  if (choice === 5) return placeholder(g);
  return `{${repeat(g, 0, 4, () => `${JSON.stringify(g.chance(0.6) ? g.pick(KEYS) : g.text(0, 8))}:${json(g, depth - 1)}`)}}`;
}

function repeat(g: Gen, min: number, max: number, make: () => string): string {
  return Array.from({ length: g.int(min, max) }, make).join(',');
}

function placeholder(g: Gen): string {
  return `{"_placeholder":${g.pick(['true', 'true', '1', '"true"'])},"num":${g.pick(['0', '1', '3', '-1', '1.5', '"0"', 'null', '1e9'])}}`;
}

/** A peer id: one this worker's sockets have seen, or a well-formed one nobody has. */
function peerId(g: Gen, context: FuzzContext): string {
  const seen = context.peers.length ? context.peers[g.int(0, context.peers.length - 1)] : undefined;
  const made = g.bytes(16).toString('base64url');
  return g.chance(0.6) && seen ? seen : made;
}

/** The JSON array of an EVENT: the relay's own events with good and bad payloads, and names it refuses. */
function event(g: Gen, context: FuzzContext): string {
  switch (g.int(0, 6)) {
    case 0:
    case 1:
      return `["join",${joinRequest(g, context)}]`;
    case 2:
    case 3:
      return `["signal",${signalRequest(g, context)}]`;
    case 4:
      return g.pick(['["leave"]', `["leave",${json(g, 2)}]`]);
    case 5: {
      const name = g.chance(0.5) ? g.pick([...EVENT_NAMES, ...RESERVED_EVENTS]) : g.text(0, 20);
      return `[${JSON.stringify(name)}${g.chance(0.5) ? `,${json(g, 2)}` : ''}]`;
    }
    default:
      return g.pick([`[${g.pick(NOT_STRING_NAMES)},${json(g, 1)}]`, '[]', json(g, 2)]);
  }
}

function joinRequest(g: Gen, context: FuzzContext): string {
  const room = g.pick([
    ...FUZZ_ROOMS.map((name) => JSON.stringify(name)),
    '1',
    'null',
    '""',
    '"a b"',
    `"${'a'.repeat(129)}"`,
  ]);
  return g.pick([
    `{"room":${room}}`,
    resumeRequest(g, context, room),
    `{"room":${room},"token":${g.chance(0.5) ? JSON.stringify(g.text(0, 40)) : json(g, 1)}}`,
    `{"room":${room},"name":${g.chance(0.5) ? JSON.stringify(g.text(0, 70)) : json(g, 1)}}`,
    `{"room":${room},"password":${g.pick(['"pw"', '1', `"${'p'.repeat(257)}"`])}}`,
    `{"room":${room},"__proto__":{"room":"fuzz-0"}}`,
    json(g, 2),
  ]);
}

/** Mostly a resume this worker's sockets were given (maybe after their connection has gone), else a made-up one. */
function resumeRequest(g: Gen, context: FuzzContext, room: string): string {
  const learnt = context.resumes.length ? context.resumes[g.int(0, context.resumes.length - 1)] : undefined;
  const made = `{"room":${room},"resume":${g.chance(0.8) ? JSON.stringify(g.bytes(16).toString('base64url')) : json(g, 1)}}`;
  return g.chance(0.8) && learnt ? learnt : made;
}

function signalRequest(g: Gen, context: FuzzContext): string {
  const to = g.chance(0.8) ? JSON.stringify(peerId(g, context)) : json(g, 1);
  const data = signalData(g);
  return g.pick([`{"to":${to},"data":${data}}`, `{"to":${to}}`, `{"data":${data}}`, json(g, 2)]);
}

/** A signal's `data`: what the widget sends, pollution keys, placeholders, or any JSON. */
function signalData(g: Gen): string {
  return g.pick([
    '{"description":{"type":"offer","sdp":"v=0\\r\\n"}}',
    '{"candidate":null}',
    ...POLLUTERS,
    json(g, 3),
    placeholder(g),
  ]);
}

/** `__proto__`, `constructor` and `prototype` in every place a payload can hold them. */
function pollution(g: Gen, context: FuzzContext): string {
  const polluter = g.pick(POLLUTERS);
  return g.pick([
    `42["join",{"__proto__":{"polluted":1},"room":"${g.pick(FUZZ_ROOMS)}"}]`,
    `42${g.int(0, 9)}["join",{"constructor":{"prototype":{"polluted":1}},"room":"${g.pick(FUZZ_ROOMS)}"}]`,
    `42["signal",{"to":"${peerId(g, context)}","data":${polluter}}]`,
    `42["signal",{"__proto__":{"to":"${peerId(g, context)}","data":{}}}]`,
    `42["signal",{"to":"${peerId(g, context)}","data":{"__proto__":[],"constructor":{"prototype":null}}}]`,
    `42["${g.pick(PROTO_KEYS)}",${polluter}]`,
    `40${polluter}`,
    `43${g.int(0, 9)}[${polluter}]`,
  ]);
}

/** A valid-looking packet, truncated or with one character changed, added or removed. */
function mutate(g: Gen, packet: string): string {
  const at = g.int(0, packet.length);
  switch (g.int(0, 3)) {
    case 0:
      return packet.slice(0, at);
    case 1:
      return packet.slice(0, at) + g.text(1, 1) + packet.slice(at + 1);
    case 2:
      return packet.slice(0, at) + g.text(1, 1) + packet.slice(at);
    default:
      return packet.slice(0, at) + packet.slice(at + 1);
  }
}

/** Nesting around the limits: the relay allows depth 8 inside a signal, and must survive 20,000. */
function deep(g: Gen, context: FuzzContext): string {
  const depth = g.pick([7, 8, 9, 10, 100, 5000, 20_000]);
  const nested =
    g.chance(0.5) || depth > 5000
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  return g.pick([
    `{"to":"${peerId(g, context)}","data":{"x":${nested}}}`,
    `{"room":"fuzz-0","name":${nested}}`,
    nested,
  ]);
}

/** Long strings that stay under the 64 KB payload limit, around the 32,768-character signal limit. */
function longString(g: Gen, context: FuzzContext): string {
  const length = g.pick([32_700, 32_760, 32_800, 60_000]);
  return g.pick([
    `42["join",{"room":"fuzz-0","name":"${'x'.repeat(length)}"}]`,
    `42["signal",{"to":"${peerId(g, context)}","data":{"sdp":"${'s'.repeat(length - 10)}"}}]`,
    `42["${'e'.repeat(length)}"]`,
    `42${'9'.repeat(length)}["leave"]`,
    `2${'p'.repeat(length)}`,
  ]);
}

/** A BINARY_EVENT or BINARY_ACK announcing attachments, followed by fewer, as many, or more binary frames. */
function binaryPacket(g: Gen, type: '5' | '6', body: string): Frame[] {
  const announced = g.pick(['1', '2', '4', '5', '0', '-1', 'x', '']);
  const header = `4${type}${announced}${g.chance(0.9) ? '-' : ''}${maybeAckId(g)}`;
  const frames: Frame[] = [text(header + body)];
  const count = g.int(0, (Number(announced) || 1) + 1);
  for (let i = 0; i < count; i++) {
    const bytes = g.bytes(g.int(0, 16));
    frames.push(g.chance(0.8) ? { type: 'binary', data: bytes } : text(`b${bytes.toString('base64')}`));
  }
  return frames;
}

/** A frame over the relay's 64 KB limit: the relay must close with 1009, not buffer it. */
function oversize(g: Gen): Frame {
  return g.chance(0.5)
    ? text(`42["join",{"room":"fuzz-0","name":"${'x'.repeat(70_000)}"}]`)
    : { type: 'binary', data: Buffer.alloc(70_000, 1) };
}
