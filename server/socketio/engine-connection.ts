// Engine.IO v4 on one WebSocket (https://socket.io/docs/v4/engine-io-protocol/): the open packet,
// the server-driven heartbeat (ticked by heartbeat.ts), message framing and close. Packets are decoded by
// engine.io-parser; text packets are written as it writes them (the type digit, then the text).
// What a client can make it hold or do is bounded: every frame it sends counts against its rate limit, only a
// pong that answers our ping counts as a heartbeat, and a client that stops reading is closed once what waits
// to be sent to it passes maxBufferedBytes. A pong is also a receipt: the client has read every frame sent
// before that ping (one connection, in order), which whenReceived() uses.
import { randomBytes } from 'node:crypto';
import { decodePacket, encodePacket } from 'engine.io-parser';
import type { RawData, WebSocket } from 'ws';
import { TokenBucket } from '../token-bucket.ts';
import type { Beating, Heartbeat } from './heartbeat.ts';

export interface EngineOptions {
  pingIntervalMs: number;
  pingTimeoutMs: number;
  maxPayloadBytes: number;
  /** Bytes waiting to be sent to a client (ws.bufferedAmount) past which its connection is closed. */
  maxBufferedBytes: number;
  /** Frames a client may send per second on average, and in one burst; the rest are dropped. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** The timer that drives every connection's heartbeat. */
  heartbeat: Heartbeat;
}

/** The layer above (Socket.IO), told what happens on the connection. */
export interface EngineOwner {
  engineMessage(data: string | Buffer): void;
  /** A frame was dropped for going over the rate limit. */
  engineLimited(): void;
  engineClosed(reason: EngineCloseReason): void;
}

export type EngineCloseReason =
  | 'transport close'
  | 'transport error'
  | 'ping timeout'
  | 'parse error'
  | 'send buffer full'
  | 'forced close'
  | 'server shutting down';

/** WebSocket close codes the relay uses (RFC 6455 §7.4.1). */
const CLOSE_CODES: Record<EngineCloseReason, number> = {
  'transport close': 1000,
  'transport error': 1011,
  'ping timeout': 1000,
  'parse error': 1002,
  // Policy Violation: the client did not read what it was sent.
  'send buffer full': 1008,
  'forced close': 1000,
  'server shutting down': 1001,
};

/** The relay sends JSON only: every frame is a text frame, whether given as a string or as its UTF-8 bytes. */
const TEXT_FRAME = { binary: false } as const;
/** A binary attachment's frame (Socket.IO sends those on their own; the relay itself sends none). */
const BINARY_FRAME = { binary: true } as const;

/** Where a WebSocket's listeners (one set for every connection, not closures each) find its connection. */
const ENGINE = Symbol('engine');
type EngineSocket = WebSocket & { [ENGINE]: EngineConnection };

export class EngineConnection implements Beating {
  readonly id = randomBytes(15).toString('base64url');
  #ws: WebSocket;
  #options: EngineOptions;
  #owner: EngineOwner;
  #bucket: TokenBucket;
  /** When the next ping is due (performance.now() milliseconds)... */
  #pingAt: number;
  /** ...and, once it went out, by when its pong must come back (0: no ping waits for its pong). */
  #pongBy = 0;
  /** Receipts waiting for the pong of the ping that went out... */
  #onPong: Array<() => void> | null = null;
  /** ...and for a ping yet to go out (the one out was sent before what they wait for). */
  #onNextPong: Array<() => void> | null = null;
  #closed = false;

  constructor(ws: WebSocket, options: EngineOptions, owner: EngineOwner) {
    this.#ws = ws;
    this.#options = options;
    this.#owner = owner;
    this.#bucket = new TokenBucket(options.rateLimitPerSecond, options.rateLimitBurst);
    (ws as EngineSocket)[ENGINE] = this;
    ws.on('message', EngineConnection.#onMessage);
    ws.on('close', EngineConnection.#onClose);
    ws.on('error', EngineConnection.#onError);
    const { pingIntervalMs: pingInterval, pingTimeoutMs: pingTimeout, maxPayloadBytes: maxPayload } = options;
    this.sendFrame(`0${JSON.stringify({ sid: this.id, upgrades: [], pingInterval, pingTimeout, maxPayload })}`);
    this.#pingAt = performance.now() + pingInterval;
    options.heartbeat.add(this);
  }

  /** Engine.IO v4's heartbeat: a ping pingInterval after the last pong, whose pong must come within pingTimeout. */
  beat(now: number): void {
    if (this.#pongBy) {
      if (now >= this.#pongBy) this.close('ping timeout');
    } else if (now >= this.#pingAt) {
      this.#ping(now);
    }
  }

  /**
   * Calls `received` once the client has read everything sent to it so far (the pong to a ping sent after it),
   * asking with a ping now if none is out; never if the connection closes first.
   */
  whenReceived(received: () => void): void {
    if (this.#closed) return;
    if (this.#pongBy) (this.#onNextPong ??= []).push(received);
    else {
      (this.#onPong ??= []).push(received);
      this.#ping(performance.now());
    }
  }

  get open(): boolean {
    return !this.#closed;
  }

  /** Sends one Engine.IO message packet. */
  send(data: string | Buffer): void {
    // A text message is its type digit and the text (what engine.io-parser writes), without a callback per frame.
    if (typeof data === 'string') this.sendFrame(`4${data}`);
    else encodePacket({ type: 'message', data }, true, (encoded) => this.#transmit(encoded, BINARY_FRAME));
  }

  close(reason: EngineCloseReason): void {
    if (this.#closed) return;
    if (reason === 'ping timeout') this.#ws.terminate();
    else this.#ws.close(CLOSE_CODES[reason], reason);
    this.#finish(reason);
  }

  /** Sends a whole Engine.IO packet, already encoded (as text, or as UTF-8 text: ws sends it as it is). */
  sendFrame(frame: string | Uint8Array): void {
    this.#transmit(frame, TEXT_FRAME);
  }

  /** Every frame goes out here: nothing after the close, and a client that does not read is closed. */
  #transmit(frame: string | Uint8Array, kind: { binary: boolean }): void {
    if (this.#closed) return;
    this.#ws.send(frame, kind);
    if (this.#ws.bufferedAmount > this.#options.maxBufferedBytes) this.close('send buffer full');
  }

  static #onMessage(this: WebSocket, raw: RawData, isBinary: boolean): void {
    (this as EngineSocket)[ENGINE].#receive(raw, isBinary);
  }

  static #onClose(this: WebSocket): void {
    (this as EngineSocket)[ENGINE].#finish('transport close');
  }

  static #onError(this: WebSocket): void {
    (this as EngineSocket)[ENGINE].#finish('transport error');
  }

  #receive(raw: RawData, isBinary: boolean): void {
    // ws goes on delivering frames until the closing handshake completes: they belong to no session.
    if (this.#closed) return;
    const packet = isBinary ? decodePacket(toBuffer(raw), 'nodebuffer') : decodePacket(raw.toString());
    // The answer to our ping is never dropped, so a client over its limit is not also taken for dead.
    if (packet.type === 'pong' && this.#pongBy) return this.#ponged();
    if (!this.#bucket.take()) return this.#owner.engineLimited();
    switch (packet.type) {
      case 'message':
        this.#owner.engineMessage(packet.data as string | Buffer);
        return;
      case 'pong': // unasked for: it proves nothing, so it does not put off the next ping or its timeout
      case 'noop':
        return;
      case 'ping':
        // Engine.IO v4's heartbeat goes from the server only: a client's ping is a protocol error (as the
        // reference server treats it), and its payload is never echoed.
        this.close('parse error');
        return;
      case 'close':
        this.close('transport close');
        return;
      default:
        this.close('parse error');
    }
  }

  #ping(now: number): void {
    this.#pongBy = now + this.#options.pingTimeoutMs;
    // This ping goes out after everything the next receipts wait for.
    if (this.#onNextPong) [this.#onPong, this.#onNextPong] = [[...(this.#onPong ?? []), ...this.#onNextPong], null];
    this.sendFrame('2');
  }

  #ponged(): void {
    const now = performance.now();
    this.#pongBy = 0;
    this.#pingAt = now + this.#options.pingIntervalMs;
    const received = this.#onPong;
    this.#onPong = null;
    if (this.#onNextPong) this.#ping(now);
    for (const callback of received ?? []) callback();
  }

  #finish(reason: EngineCloseReason): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#options.heartbeat.delete(this);
    this.#owner.engineClosed(reason);
  }
}

function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  return Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
}
