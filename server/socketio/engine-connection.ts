// Engine.IO v4 on one WebSocket (https://socket.io/docs/v4/engine-io-protocol/): the open packet,
// the server-driven heartbeat, message framing and close. Packets are encoded and decoded by engine.io-parser.
import { randomBytes } from 'node:crypto';
import { decodePacket, encodePacket, type Packet } from 'engine.io-parser';
import type { RawData, WebSocket } from 'ws';

export interface EngineOptions {
  pingIntervalMs: number;
  pingTimeoutMs: number;
  maxPayloadBytes: number;
}

export interface EngineHandlers {
  message(data: string | Buffer): void;
  close(reason: EngineCloseReason): void;
}

export type EngineCloseReason =
  'transport close' | 'transport error' | 'ping timeout' | 'parse error' | 'forced close' | 'server shutting down';

/** WebSocket close codes the relay uses (RFC 6455 §7.4.1). */
const CLOSE_CODES: Record<EngineCloseReason, number> = {
  'transport close': 1000,
  'transport error': 1011,
  'ping timeout': 1000,
  'parse error': 1002,
  'forced close': 1000,
  'server shutting down': 1001,
};

export class EngineConnection {
  readonly id = randomBytes(15).toString('base64url');
  #ws: WebSocket;
  #options: EngineOptions;
  #handlers: EngineHandlers;
  #heartbeat: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(ws: WebSocket, options: EngineOptions, handlers: EngineHandlers) {
    this.#ws = ws;
    this.#options = options;
    this.#handlers = handlers;
    ws.on('message', (raw, isBinary) => this.#receive(raw, isBinary));
    ws.on('close', () => this.#finish('transport close'));
    ws.on('error', () => this.#finish('transport error'));
    this.#write({
      type: 'open',
      data: JSON.stringify({
        sid: this.id,
        upgrades: [],
        pingInterval: options.pingIntervalMs,
        pingTimeout: options.pingTimeoutMs,
        maxPayload: options.maxPayloadBytes,
      }),
    });
    this.#schedulePing();
  }

  get open(): boolean {
    return !this.#closed;
  }

  /** Sends one Engine.IO message packet. */
  send(data: string | Buffer): void {
    this.#write({ type: 'message', data });
  }

  close(reason: EngineCloseReason): void {
    if (this.#closed) return;
    if (reason === 'ping timeout') this.#ws.terminate();
    else this.#ws.close(CLOSE_CODES[reason], reason);
    this.#finish(reason);
  }

  #write(packet: Packet): void {
    if (this.#closed) return;
    encodePacket(packet, true, (encoded) => this.#ws.send(encoded));
  }

  #receive(raw: RawData, isBinary: boolean): void {
    // ws goes on delivering frames until the closing handshake completes: they belong to no session.
    if (this.#closed) return;
    const packet = isBinary ? decodePacket(toBuffer(raw), 'nodebuffer') : decodePacket(raw.toString());
    switch (packet.type) {
      case 'message':
        this.#handlers.message(packet.data as string | Buffer);
        return;
      case 'pong':
        this.#schedulePing();
        return;
      case 'ping':
        this.#write({ type: 'pong', data: packet.data });
        return;
      case 'noop':
        return;
      case 'close':
        this.close('transport close');
        return;
      default:
        this.close('parse error');
    }
  }

  /** Pings after pingInterval, then expects a pong within pingTimeout (Engine.IO v4 heartbeat). */
  #schedulePing(): void {
    clearTimeout(this.#heartbeat);
    this.#heartbeat = setTimeout(() => {
      this.#write({ type: 'ping' });
      this.#heartbeat = setTimeout(() => this.close('ping timeout'), this.#options.pingTimeoutMs);
    }, this.#options.pingIntervalMs);
  }

  #finish(reason: EngineCloseReason): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#heartbeat);
    this.#handlers.close(reason);
  }
}

function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  return Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
}
