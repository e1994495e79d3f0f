// Engine.IO v4 over WebSocket only: what socket.io-client's Manager needs from engine.io-client, for the one
// transport the relay speaks (https://socket.io/docs/v4/engine-io-protocol/). The widget's bundle and the
// browser tests give it to socket.io-client in place of engine.io-client (tools/websocket-only-engine.mjs),
// which carries HTTP long-polling, WebTransport, upgrades and binary encodings the relay never uses.
import { Emitter } from '@socket.io/component-emitter';

export interface EngineOptions {
  /** The Engine.IO path, e.g. /socket.io/. */
  path: string;
  query?: string | Record<string, string>;
}

/** What socket.io-client's Manager listens to. */
interface EngineEvents {
  open: () => void;
  ping: () => void;
  data: (data: string) => void;
  error: (error: Error) => void;
  close: (reason: string, description?: unknown) => void;
}

/** Engine.IO packet types, the first character of each WebSocket message. */
const OPEN = '0';
const CLOSE = '1';
const PING = '2';
const PONG = '3';
const MESSAGE = '4';
const NOOP = '6';

/** socket.io-client's Manager gets its timer functions this way, so tests can swap them. */
export function installTimerFunctions(target: object): void {
  Object.assign(target, { setTimeoutFn: setTimeout.bind(globalThis), clearTimeoutFn: clearTimeout.bind(globalThis) });
}

export const nextTick = (task: () => void): void => queueMicrotask(task);

/** One Engine.IO connection, named as engine.io-client names its class, since socket.io-client imports it so. */
export class Socket extends Emitter<EngineEvents, Record<never, never>, EngineEvents> {
  id: string | null = null;
  /** socket.io-client drops `volatile` packets while this is false. */
  readonly transport = { writable: false };
  #ws: WebSocket;
  #state: 'opening' | 'open' | 'closed' = 'opening';
  /** How long after a ping the next one is overdue: the relay's ping interval plus its ping timeout. */
  #pingWindow = 0;
  #pingDeadline = Infinity;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The browser knows the network is gone before a ping is overdue. */
  #onOffline = (): void => this.#close('transport close', { description: 'network connection lost' });

  constructor(uri: string, { path, query }: EngineOptions) {
    super();
    const url = new URL(path.replace(/\/?$/, '/'), uri);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams(query).toString();
    url.searchParams.set('EIO', '4');
    url.searchParams.set('transport', 'websocket');
    const ws = (this.#ws = new WebSocket(url));
    ws.onmessage = ({ data }) => this.#onPacket(data);
    ws.onerror = () => {
      const error = new Error('websocket error');
      this.emitReserved('error', error);
      this.#close('transport error', error);
    };
    ws.onclose = (event) =>
      this.#close('transport close', { description: 'websocket connection closed', context: event });
    addEventListener('offline', this.#onOffline);
  }

  /** Sends one Socket.IO packet; nothing is sent once the connection is closing. */
  write(data: string): this {
    if (this.#state === 'open') this.#ws.send(MESSAGE + data);
    return this;
  }

  close(): this {
    this.#close('forced close');
    return this;
  }

  /** True once the relay's ping is overdue, even if the timer has not fired (a suspended page's timers lag). */
  _hasPingExpired(): boolean {
    const expired = Date.now() > this.#pingDeadline;
    if (expired) nextTick(() => this.#close('ping timeout'));
    return expired;
  }

  #onPacket(packet: unknown): void {
    if (typeof packet !== 'string') return this.#fail();
    const type = packet[0];
    if (type === MESSAGE) this.emitReserved('data', packet.slice(1));
    else if (type === PING) {
      this.#ws.send(PONG);
      this.emitReserved('ping');
      this.#expectPing();
    } else if (type === OPEN && this.#state === 'opening') this.#open(packet.slice(1));
    else if (type === CLOSE) this.#close('transport close');
    else if (type !== NOOP) this.#fail();
  }

  #open(json: string): void {
    const handshake = parseHandshake(json);
    if (!handshake) return this.#fail();
    this.id = handshake.sid;
    this.#pingWindow = handshake.pingWindow;
    this.#state = 'open';
    this.transport.writable = true;
    this.#expectPing();
    this.emitReserved('open');
  }

  #expectPing(): void {
    clearTimeout(this.#pingTimer);
    this.#pingDeadline = Date.now() + this.#pingWindow;
    this.#pingTimer = setTimeout(() => this.#close('ping timeout'), this.#pingWindow);
  }

  /** A packet the protocol does not allow here (binary, of an unknown type, a malformed handshake). */
  #fail(): void {
    const error = new Error('parser error');
    this.emitReserved('error', error);
    this.#close('transport error', error);
  }

  #close(reason: string, description?: unknown): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.transport.writable = false;
    this.id = null;
    clearTimeout(this.#pingTimer);
    removeEventListener('offline', this.#onOffline);
    const ws = this.#ws;
    ws.onmessage = ws.onerror = ws.onclose = null;
    ws.close();
    this.emitReserved('close', reason, description);
  }
}

/** What the engine needs of the open packet: the session id, and the ping interval plus the ping timeout. */
function parseHandshake(json: string): { sid: string; pingWindow: number } | null {
  try {
    const { sid, pingInterval, pingTimeout } = JSON.parse(json);
    const pingWindow = pingInterval + pingTimeout;
    return typeof sid === 'string' && typeof pingWindow === 'number' && pingWindow > 0 ? { sid, pingWindow } : null;
  } catch {
    return null;
  }
}
