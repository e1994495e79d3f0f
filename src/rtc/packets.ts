// The packets participants send each other directly over each peer connection's data channel (the relay never
// sees them): their state (name, microphone, camera, screen, raised hand, recording), a chat message, a reaction,
// how large each shows the other's video, and the host page's own data. Another participant's browser wrote them, so every packet is
// checked before use.
import { LIMITS } from '../protocol.ts';

/** A participant's state, as shown on their tile everywhere. */
export interface PeerState {
  name: string;
  audio: boolean;
  video: boolean;
  screen: boolean;
  hand: boolean;
  /** Recording the call on their device: everyone sees it. */
  recording: boolean;
}

/** The reactions a participant may send (the menu's): anything else is dropped. */
export const REACTIONS = ['👍', '👏', '😂', '❤️', '🎉', '😮'] as const;
export type Reaction = (typeof REACTIONS)[number];
/** How many reactions one participant may send (and we show from each): per second, and in one burst. */
export const REACTIONS_PER_SECOND = 2;
export const REACTIONS_BURST = 5;

export interface ChatMessage {
  /** Unique per sender, so a message is never shown twice. */
  id: string;
  text: string;
  /** When it was sent, in milliseconds since the epoch, by the sender's clock. */
  at: number;
}

/** How the receiver shows the sender's camera (device pixels), so the sender sends no more than that. */
export interface VideoView {
  width: number;
  height: number;
  visible: boolean;
}

export type Packet =
  | ({ type: 'state' } & PeerState)
  | ({ type: 'chat' } & ChatMessage)
  | ({ type: 'view' } & VideoView)
  | { type: 'reaction'; emoji: Reaction }
  | { type: 'data'; payload: unknown };

export const PACKET_LIMITS = {
  /** The relay's limit: a name shown on a tile is the same name everywhere. */
  nameLength: LIMITS.nameLength,
  chatLength: 2000,
  /** Serialized size of one host-page `data` packet. */
  dataLength: 16 * 1024,
} as const;

export function encodePacket(packet: Packet): string {
  return JSON.stringify(packet);
}

/** The packet in `raw`, or null when it is not one this version understands. */
export function parsePacket(raw: unknown): Packet | null {
  if (typeof raw !== 'string' || raw.length > PACKET_LIMITS.dataLength + 64) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'state': {
      const { name, audio, video, screen, hand, recording } = message;
      if (typeof name !== 'string' || ![audio, video, screen, hand].every((flag) => typeof flag === 'boolean')) {
        return null;
      }
      return {
        type: 'state',
        name: name.slice(0, PACKET_LIMITS.nameLength),
        audio: audio as boolean,
        video: video as boolean,
        screen: screen as boolean,
        hand: hand as boolean,
        // Absent from versions before recording.
        recording: recording === true,
      };
    }
    case 'chat': {
      const { id, text, at } = message;
      if (typeof id !== 'string' || id.length > 64 || typeof text !== 'string' || !text.trim()) return null;
      if (typeof at !== 'number' || !Number.isFinite(at)) return null;
      return { type: 'chat', id, text: text.slice(0, PACKET_LIMITS.chatLength), at };
    }
    case 'view': {
      const { width, height, visible } = message;
      const size = (value: unknown) =>
        typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 100_000;
      if (!size(width) || !size(height) || typeof visible !== 'boolean') return null;
      return { type: 'view', width: Math.round(width as number), height: Math.round(height as number), visible };
    }
    case 'reaction':
      return REACTIONS.includes(message.emoji as Reaction)
        ? { type: 'reaction', emoji: message.emoji as Reaction }
        : null;
    case 'data':
      return 'payload' in message ? { type: 'data', payload: message.payload } : null;
    default:
      return null;
  }
}
