// One member's kept events, for a lossless resume: each event's frame is written once, as UTF-8, into a few
// buffers of the member's own that grow as it receives (128 B, then doubling up to 16 KB), and sent from there.
// Thousands of kept events are then a handful of objects for the garbage collector, not one buffer each, and no
// member's events hold another's memory. A buffer is never written twice: a frame still waiting in a socket's
// queue stays as it was sent, and a buffer goes once nothing refers to it any more. The one exception is a new
// list's first event, kept as its text: most members of a quiet room keep one event (who joined after them), for
// which a buffer of its own would cost several times the text.
import type { Frame } from './socketio/socketio-connection.ts';

const FIRST_CHUNK = 128;
const LARGEST_CHUNK = 16 * 1024;
/** What keeping an event costs besides its bytes (its place in the lists below): counted against the limit. */
const ENTRY_COST = 32;

export class ReplayBuffer {
  /** For each kept event, oldest first: the buffer it is in (or its text)... */
  #chunks: Array<Buffer | string> = [];
  /** ...and three numbers: where in it, how long, and when it was kept. */
  #places: number[] = [];
  /** The buffer being written, and how much of it is used. */
  #chunk: Buffer | null = null;
  #used = 0;
  #bytes = 0;

  /** What the kept events cost, as the limit counts it. */
  get bytes(): number {
    return this.#bytes;
  }

  get length(): number {
    return this.#chunks.length;
  }

  /** Keeps a frame (its text); returns it, to send: its bytes once written to a buffer. */
  push(frame: string, at: number): Frame {
    if (this.#chunks.length === 0 && !this.#chunk) {
      this.#keep(frame, 0, Buffer.byteLength(frame), at);
      return frame;
    }
    // A UTF-16 unit takes at most 3 bytes in UTF-8: only a frame that may not fit is measured first.
    let chunk = this.#chunk;
    if (!chunk || this.#used + 3 * frame.length > chunk.length) {
      const needed = Buffer.byteLength(frame);
      if (!chunk || this.#used + needed > chunk.length) {
        const size = Math.max(needed, Math.min(LARGEST_CHUNK, (chunk?.length ?? FIRST_CHUNK / 2) * 2));
        chunk = this.#chunk = Buffer.allocUnsafeSlow(size);
        this.#used = 0;
      }
    }
    const offset = this.#used;
    const length = chunk.write(frame, offset, 'utf8');
    this.#used += length;
    this.#keep(chunk, offset, length, at);
    return chunk.subarray(offset, offset + length);
  }

  /** Adds an event's place: in `where` (a buffer, or the text itself), from `offset`, `length` bytes. */
  #keep(where: Buffer | string, offset: number, length: number, at: number): void {
    if (this.#chunks.length === 0) {
      // Exactly as long as they need to be, for the one event most members keep.
      this.#chunks = [where];
      this.#places = [offset, length, at];
    } else {
      this.#chunks.push(where);
      this.#places.push(offset, length, at);
    }
    this.#bytes += length + ENTRY_COST;
  }

  /** When the oldest kept event was kept (Infinity with none). */
  get oldestTime(): number {
    return this.#places[2] ?? Infinity;
  }

  /** Forgets the oldest kept event. */
  shift(): void {
    this.#bytes -= this.#places[1]! + ENTRY_COST;
    this.#chunks.shift();
    this.#places.splice(0, 3);
  }

  /** The newest `count` kept events' bytes, oldest first. */
  newest(count: number): Buffer[] {
    const frames: Buffer[] = [];
    for (let i = this.#chunks.length - count; i < this.#chunks.length; i++) {
      const [where, offset, length] = [this.#chunks[i]!, this.#places[3 * i]!, this.#places[3 * i + 1]!];
      frames.push(typeof where === 'string' ? Buffer.from(where) : where.subarray(offset, offset + length));
    }
    return frames;
  }
}
