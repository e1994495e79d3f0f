// Chat and the host page's own data, as the call sends them over the data channels: what may go out (text
// within the limit, data that serializes small enough), and the chat history the panel shows.
import type { ChatEntry } from './call-types.ts';
import { RtcError } from './errors.ts';
import { PACKET_LIMITS, type ChatMessage } from './packets.ts';

/** Chat messages kept for the panel. */
const CHAT_HISTORY = 500;

/** Our chat message from what was typed: trimmed and cut at the limit; null when nothing is left. */
export function composeChat(text: string): ChatMessage | null {
  const trimmed = text.trim().slice(0, PACKET_LIMITS.chatLength);
  return trimmed ? { id: crypto.randomUUID(), text: trimmed, at: Date.now() } : null;
}

/** Throws `payload-too-large` unless the host page's data serializes within the limit. */
export function checkDataSize(payload: unknown): void {
  const size = JSON.stringify(payload ?? null).length;
  if (size > PACKET_LIMITS.dataLength) {
    throw new RtcError('payload-too-large', `data must serialize to at most ${PACKET_LIMITS.dataLength} characters`);
  }
}

/**
 * The chat so far, oldest first: the latest messages. `entries` is a new array after each change, so renderers
 * see it, made when read rather than per message; the keys make telling a message already here cheap.
 */
export class ChatHistory {
  #entries: ChatEntry[] = [];
  #keys = new Set<string>();
  #snapshot: readonly ChatEntry[] | null = null;

  get entries(): readonly ChatEntry[] {
    return (this.#snapshot ??= [...this.#entries]);
  }

  /** Whether this sender's message is already here (it can arrive twice). */
  has(from: string, id: string): boolean {
    return this.#keys.has(keyOf(from, id));
  }

  /** Adds a message unless it is already here; whether it was added. */
  add(entry: ChatEntry): boolean {
    if (this.has(entry.from, entry.id)) return false;
    this.#entries.push(entry);
    this.#keys.add(keyOf(entry.from, entry.id));
    if (this.#entries.length > CHAT_HISTORY) {
      const { from, id } = this.#entries.shift()!;
      this.#keys.delete(keyOf(from, id));
    }
    this.#snapshot = null;
    return true;
  }

  clear(): void {
    this.#entries = [];
    this.#keys.clear();
    this.#snapshot = null;
  }
}

/** Unambiguous: relay-issued ids have no spaces. */
function keyOf(from: string, id: string): string {
  return `${from} ${id}`;
}
