// Socket.IO v5 on top of one Engine.IO connection (https://socket.io/docs/v4/socket-io-protocol/):
// CONNECT to the main namespace with an auth payload, EVENT and ACK in both directions, DISCONNECT.
// Packets are encoded and decoded by socket.io-parser; anything it refuses closes the connection. The one
// exception is the hot path: a plain event (`2[...]`, no namespace, ack id or attachments) is parsed with one
// JSON.parse and checked with socket.io-parser's own rule, and events go out as frames encoded once
// (eventFrame, emitFrame). Handlers may be async: a connection's events (and its disconnect) are handled one at
// a time, in order.
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import type { WebSocket } from 'ws';
import { EngineConnection, type EngineCloseReason, type EngineOptions, type EngineOwner } from './engine-connection.ts';
import { Serial } from './serial.ts';

export interface SocketIoOptions extends EngineOptions {
  /** A connection that sends no CONNECT packet within this time is closed. */
  connectTimeoutMs: number;
}

export type Ack = (response: unknown) => void;
export type DisconnectReason = EngineCloseReason | 'client namespace disconnect' | 'server namespace disconnect';

/** What a connection does for its client once it has connected: one object, with no closures of its own. */
export interface Session {
  /**
   * An event from the client: its payload as sent, `[name, ...args]` (the name not always a string), and for a
   * plain event (`2[...]`) the text it was parsed from. Events are handled one at a time, in order: an async
   * handler holds back the next ones.
   */
  event(payload: unknown[], ack: Ack | undefined, text: string | undefined): void | Promise<void>;
  /** A packet was refused for going over the rate limit; `refusedInARow` counts them. */
  rateLimited(refusedInARow: number): void;
  /** The client left or dropped; runs after the handlers of every event received before. */
  disconnected(reason: DisconnectReason): void | Promise<void>;
}

export interface SocketIoHandlers {
  /** The client has connected to the main namespace: the session that serves it. */
  connect(connection: SocketIoConnection, auth: Record<string, unknown>): Session;
  /** A session's handler threw or rejected: the connection stays up. */
  handlerError(connection: SocketIoConnection, event: string, error: unknown): void;
  /** The transport has closed. */
  closed(connection: SocketIoConnection): void;
}

const MAIN_NAMESPACE = '/';
const MAX_ATTACHMENTS = 4;
/** Stateless: one for every connection. */
const ENCODER = new Encoder();

/** A WebSocket text frame: its text, or that text already encoded as UTF-8 (sent as it is). */
export type Frame = string | Uint8Array;

/**
 * The text of the WebSocket frame that carries an event to the main namespace, from the JSON text of
 * `[name, ...args]`: the Engine.IO message and Socket.IO EVENT type digits, then that text.
 */
export function eventFrame(json: string): string {
  return `42${json}`;
}

/** socket.io-parser's own rule for a decoded EVENT's payload (public in its JavaScript, private in its types). */
const validPayload = (Decoder as unknown as { isPayloadValid(type: PacketType, payload: unknown): boolean })
  .isPayloadValid;

export class SocketIoConnection implements EngineOwner {
  #engine: EngineConnection;
  #handlers: SocketIoHandlers;
  /** Made for a packet that takes socket.io-parser's path, and kept only while it waits for binary attachments. */
  #decoder: Decoder | null = null;
  #session: Session | null = null;
  #serial = new Serial();
  #refusedInARow = 0;
  /** Only for emitWithAck, which the relay itself does not use: made when needed. */
  #pendingAcks: Map<number, { resolve(value: unknown): void; reject(error: Error): void }> | null = null;
  #nextAckId = 0;
  #connectTimer: NodeJS.Timeout | undefined;
  #connected = false;
  #disconnected = false;

  /** The client's address (from X-Forwarded-For behind a trusted proxy). */
  readonly address: string;

  constructor(ws: WebSocket, options: SocketIoOptions, handlers: SocketIoHandlers, address: string) {
    this.address = address;
    this.#handlers = handlers;
    this.#engine = new EngineConnection(ws, options, this);
    this.#connectTimer = setTimeout(() => this.#engine.close('forced close'), options.connectTimeoutMs);
  }

  /** The Engine.IO session id, also sent to the client as the Socket.IO sid. */
  get id(): string {
    return this.#engine.id;
  }

  get connected(): boolean {
    return this.#connected && !this.#disconnected;
  }

  emit(event: string, ...args: unknown[]): void {
    if (!this.connected) return;
    this.#send({ type: PacketType.EVENT, nsp: MAIN_NAMESPACE, data: [event, ...args] });
  }

  /** Emits an event the client acknowledges; rejects when the client does not answer in time or disconnects. */
  emitWithAck(event: string, timeoutMs: number, ...args: unknown[]): Promise<unknown> {
    if (!this.connected) return Promise.reject(new Error(`cannot emit ${event}: not connected`));
    const id = this.#nextAckId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pendingAcks?.delete(id);
        reject(new Error(`no ack for ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      (this.#pendingAcks ??= new Map()).set(id, {
        resolve: (value: unknown) => (clearTimeout(timer), resolve(value)),
        reject: (error: Error) => (clearTimeout(timer), reject(error)),
      });
      this.#send({ type: PacketType.EVENT, nsp: MAIN_NAMESPACE, id, data: [event, ...args] });
    });
  }

  /** Leaves the namespace (the client will not reconnect on its own), then closes the transport. */
  disconnect(): void {
    if (this.connected) this.#send({ type: PacketType.DISCONNECT, nsp: MAIN_NAMESPACE });
    this.#finish('server namespace disconnect');
    this.#engine.close('forced close');
  }

  /** Closes the transport without a DISCONNECT packet, so the client reconnects with its usual backoff. */
  close(reason: EngineCloseReason): void {
    this.#engine.close(reason);
  }

  /** Sends an event's frame (eventFrame). */
  emitFrame(frame: Frame): void {
    if (this.connected) this.#engine.sendFrame(frame);
  }

  /** Calls `received` once the client has read everything sent to it so far (see EngineConnection). */
  whenReceived(received: () => void): void {
    this.#engine.whenReceived(received);
  }

  /** For its engine: a message packet arrived. */
  engineMessage(data: string | Buffer): void {
    this.#refusedInARow = 0;
    if (!this.#decoder && typeof data === 'string' && data.startsWith('2[')) return this.#plainEvent(data);
    const decoder = (this.#decoder ??= this.#newDecoder());
    try {
      decoder.add(data);
    } catch {
      this.#engine.close('parse error');
    }
  }

  #newDecoder(): Decoder {
    const decoder = new Decoder({ maxAttachments: MAX_ATTACHMENTS });
    decoder.on('decoded', (packet: Packet) => {
      this.#decoder = null; // the packet is whole: nothing to keep
      this.#dispatch(packet);
    });
    return decoder;
  }

  /** `2[...]`: what socket.io-parser would decode to an EVENT for `/` without an ack id, with the same checks. */
  #plainEvent(text: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(text.slice(1));
    } catch {
      return this.#engine.close('parse error');
    }
    if (!validPayload(PacketType.EVENT, payload)) return this.#engine.close('parse error');
    if (this.connected) this.#event(payload as unknown[], undefined, text);
  }

  #dispatch(packet: Packet): void {
    // socket.io-parser turns any run of digits into a Number: an ack id must survive the round trip.
    if (packet.id !== undefined && !(Number.isSafeInteger(packet.id) && packet.id >= 0)) {
      return this.#engine.close('parse error');
    }
    if (packet.type === PacketType.CONNECT) return this.#connect(packet);
    if (!this.connected || packet.nsp !== MAIN_NAMESPACE) return;
    switch (packet.type) {
      case PacketType.EVENT:
        // socket.io-parser checks an event's payload only when it has one: `2` alone is refused here.
        if (!validPayload(PacketType.EVENT, packet.data)) return this.#engine.close('parse error');
        return this.#event(packet.data as unknown[], packet.id, undefined);
      case PacketType.ACK:
        return this.#ack(packet.id, packet.data as unknown[]);
      case PacketType.DISCONNECT:
        this.#finish('client namespace disconnect');
        return this.#engine.close('forced close');
      default:
        return this.#engine.close('parse error');
    }
  }

  #connect(packet: Packet): void {
    if (packet.nsp !== MAIN_NAMESPACE) {
      this.#send({ type: PacketType.CONNECT_ERROR, nsp: packet.nsp, data: { message: 'Invalid namespace' } });
      return;
    }
    if (this.#connected || this.#disconnected) return;
    this.#connected = true;
    clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined; // a cleared timer still weighs on a connection that lives for hours
    this.#send({ type: PacketType.CONNECT, nsp: MAIN_NAMESPACE, data: { sid: this.id } });
    this.#session = this.#handlers.connect(this, (packet.data as Record<string, unknown> | undefined) ?? {});
  }

  /** For its engine: a frame was dropped for going over the rate limit (judged on arrival, answered in turn). */
  engineLimited(): void {
    const refused = ++this.#refusedInARow;
    const session = this.#session;
    if (!session) return;
    this.#serial.run(
      () => session.rateLimited(refused),
      (error) => this.#handlers.handlerError(this, 'rate-limited', error),
    );
  }

  /** For its engine: the transport has closed. */
  engineClosed(reason: EngineCloseReason): void {
    this.#finish(reason);
    this.#handlers.closed(this);
  }

  #event(payload: unknown[], id: number | undefined, text: string | undefined): void {
    const session = this.#session!;
    const ack = id === undefined ? undefined : this.#acknowledger(id);
    this.#serial.run(
      () => session.event(payload, ack, text),
      (error) => this.#handlers.handlerError(this, String(payload[0]), error),
    );
  }

  #acknowledger(id: number): Ack {
    let sent = false;
    return (response) => {
      if (sent) return;
      sent = true;
      this.#send({ type: PacketType.ACK, nsp: MAIN_NAMESPACE, id, data: [response] });
    };
  }

  #ack(id: number | undefined, args: unknown[]): void {
    const pending = id === undefined ? undefined : this.#pendingAcks?.get(id);
    if (!pending) return;
    this.#pendingAcks!.delete(id!);
    pending.resolve(args[0]);
  }

  #send(packet: Packet): void {
    if (!this.#engine.open) return;
    for (const part of ENCODER.encode(packet)) this.#engine.send(part);
  }

  #finish(reason: DisconnectReason): void {
    clearTimeout(this.#connectTimer);
    this.#decoder?.destroy();
    this.#decoder = null;
    if (this.#disconnected) return;
    this.#disconnected = true;
    for (const pending of this.#pendingAcks?.values() ?? []) pending.reject(new Error(`disconnected: ${reason}`));
    this.#pendingAcks = null;
    const session = this.#session;
    if (!session) return;
    this.#serial.run(
      () => session.disconnected(reason),
      (error) => this.#handlers.handlerError(this, 'disconnect', error),
    );
  }
}
