// One fuzzing WebSocket for fuzz.test.ts: it sends frames, works out with its own copy of the relay's parsers
// which of them the relay must refuse, and checks every frame the relay sends back against the protocol.
import { isUtf8 } from 'node:buffer';
import { decodePacket } from 'engine.io-parser';
import { Decoder, PacketType, type Packet } from 'socket.io-parser';
import WebSocket from 'ws';
import { within } from './helpers.ts';
import { ENGINE_PATH } from './raw-client.ts';
import { ackOutcome, eventFault, isAck, isPeerId, isRecord, RELAY_CLOSE_CODES } from './fuzz-answers.ts';
import type { Frame, FuzzContext } from './fuzz-packets.ts';

/** What all sessions report into: problems fail the test, counts show what the fuzz reached. */
export interface FuzzLog {
  problems: string[];
  counts: Map<string, number>;
}

export function count(log: FuzzLog, what: string): void {
  log.counts.set(what, (log.counts.get(what) ?? 0) + 1);
}

/** What the sockets of one fuzz worker learn from the relay, kept from one socket to the next. */
export class Learnt implements FuzzContext {
  readonly peers: string[] = [];
  readonly resumes: string[] = [];

  peer(id: unknown): void {
    if (isPeerId(id)) remember(this.peers, id);
  }

  /** A join request that takes the membership back, for a later socket to send. */
  resume(room: unknown, token: unknown): void {
    if (typeof room === 'string' && isPeerId(token)) remember(this.resumes, JSON.stringify({ room, resume: token }));
  }
}

function remember(list: string[], value: string): void {
  if (list.includes(value)) return;
  list.push(value);
  if (list.length > 16) list.shift();
}

export class FuzzSession {
  #ws: WebSocket;
  #label: string;
  #log: FuzzLog;
  #learnt: Learnt;
  #error: Error | undefined;
  /** The first frame the relay's own parsers refuse: after it, the relay must close the connection. */
  #mustClose: string | undefined;
  #sentOversize = false;
  #sentInvalidUtf8 = false;
  #maxPayload = Infinity;
  /** Mirrors the relay's decoder, fed with what this socket sends. */
  #shadow = new Decoder();
  /** Decodes what the relay sends, as socket.io-client would. */
  #reader = new Decoder();
  #askedConnect = false;
  #askedNamespaces = new Set<string>();
  /** Ack ids this socket sent, with the room when it was a join. */
  #ackIds = new Map<number, unknown>();
  /** The namespace of the last probe the relay answered. */
  #lastProbe: string | undefined;
  #probes = 0;
  #sawOpen = false;
  #recent: string[] = [];
  #closedByUs = false;
  #closeCode: number | undefined;
  #closed: Promise<number>;
  #onFrame: (() => void) | undefined;

  private constructor(ws: WebSocket, label: string, log: FuzzLog, learnt: Learnt) {
    this.#ws = ws;
    this.#label = label;
    this.#log = log;
    this.#learnt = learnt;
    this.#shadow.on('decoded', (packet: Packet) => this.#sent(packet));
    this.#reader.on('decoded', (packet: Packet) => this.#check(packet));
    ws.on('message', (data: Buffer, isBinary) => this.#receive(data, isBinary));
    ws.on('error', (error) => (this.#error = error)); // and a close with 1006
    this.#closed = new Promise((resolve) => {
      ws.on('close', (code) => {
        this.#closeCode = code;
        if (this.#sawOpen && !this.#closedByUs) this.#relayClosed(code);
        this.#onFrame?.();
        resolve(code);
      });
    });
  }

  /**
   * Opens a WebSocket to the relay and waits for its Engine.IO open packet. Resolves with the HTTP status
   * instead when the relay refuses the upgrade (429 for too many connections from one address).
   */
  static async open(url: string, label: string, log: FuzzLog, learnt: Learnt): Promise<FuzzSession | number> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + ENGINE_PATH);
    const session = new FuzzSession(ws, label, log, learnt);
    await within(
      session.#until(() => session.#sawOpen || session.#closeCode !== undefined),
      `${label}: open`,
    );
    if (session.#sawOpen) return session;
    const status = /Unexpected server response: (\d+)/.exec(session.#error?.message ?? '')?.[1];
    if (status) return Number(status);
    throw new Error(`${label}: closed (${session.#closeCode}) before the open packet: ${session.#error?.message}`);
  }

  /** True once this socket has sent something after which the relay must close it. */
  get doomed(): boolean {
    return this.#mustClose !== undefined;
  }

  get isOpen(): boolean {
    return this.#ws.readyState === WebSocket.OPEN;
  }

  send(frame: Frame): void {
    if (!this.isOpen) return;
    this.#predict(frame);
    this.#recent.push(describe(frame));
    if (this.#recent.length > 6) this.#recent.shift();
    if (frame.type === 'text') this.#ws.send(frame.data);
    else this.#ws.send(frame.data, { binary: frame.type === 'binary' });
    count(this.#log, 'frames sent');
  }

  /**
   * A CONNECT to a namespace of its own after a burst: the relay answers in order, so its CONNECT_ERROR means it
   * has handled (and answered) everything before. Resolves true if it answered, false if it closed the
   * connection instead. (A client's Engine.IO ping would close it: the heartbeat goes from the server.)
   */
  async probe(): Promise<boolean> {
    const namespace = `/probe-${++this.#probes}`;
    this.send({ type: 'text', data: `40${namespace},` });
    const answered = (): boolean => this.#lastProbe === namespace || this.#closeCode !== undefined;
    await within(this.#until(answered), `${this.#label}: probe`);
    if (this.#closeCode !== undefined) return false;
    if (this.#mustClose) this.#problem(`the relay answered after ${this.#mustClose}; it should have closed`);
    return true;
  }

  /** Closes the socket if the relay has not; resolves once it is closed. */
  async end(): Promise<void> {
    if (this.#closeCode === undefined) {
      this.#closedByUs = true;
      this.#ws.close(1000);
    }
    await within(this.#closed, `${this.#label}: close`);
  }

  /** Resolves once `done()` holds; checked after every frame and at close. */
  #until(done: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!done()) return;
        this.#onFrame = undefined;
        resolve();
      };
      this.#onFrame = check;
      check();
    });
  }

  /** Runs the frame through the relay's parsers, as the relay will, to know what it must answer or refuse. */
  #predict(frame: Frame): void {
    const bytes = frame.type === 'text' ? Buffer.from(frame.data) : frame.data;
    // Noted even after the relay has started closing: ws still reads until the close handshake ends.
    if (bytes.length > this.#maxPayload) this.#sentOversize = true;
    if (frame.type === 'raw-text' && !isUtf8(bytes)) this.#sentInvalidUtf8 = true;
    if (this.#mustClose) return;
    if (this.#sentOversize || this.#sentInvalidUtf8) {
      this.#mustClose = this.#sentOversize ? 'a frame over maxPayload' : 'a text frame that is not UTF-8';
      return;
    }
    const packet = frame.type === 'binary' ? decodePacket(bytes, 'nodebuffer') : decodePacket(bytes.toString());
    switch (packet.type) {
      case 'message':
        try {
          this.#shadow.add(packet.data);
        } catch (error) {
          this.#mustClose = `a Socket.IO packet its parser refuses (${(error as Error).message})`;
        }
        return;
      case 'ping':
        this.#mustClose = 'an Engine.IO ping (the heartbeat goes from the server)';
        return;
      case 'pong':
      case 'noop':
        return;
      default:
        this.#mustClose = `an Engine.IO ${packet.type} packet`;
    }
  }

  /** What the relay will have decoded from this socket: what it may answer. */
  #sent(packet: Packet): void {
    if (packet.type === PacketType.CONNECT) {
      if (packet.nsp === '/') this.#askedConnect = true;
      else this.#askedNamespaces.add(packet.nsp);
    }
    if (packet.type === PacketType.EVENT && packet.id !== undefined) {
      const [name, request] = Array.isArray(packet.data) ? packet.data : [];
      this.#ackIds.set(packet.id, name === 'join' && isRecord(request) ? request.room : undefined);
    }
  }

  #receive(data: Buffer, isBinary: boolean): void {
    try {
      this.#read(data, isBinary);
    } finally {
      this.#onFrame?.();
    }
  }

  #read(data: Buffer, isBinary: boolean): void {
    count(this.#log, 'frames received');
    if (isBinary) return this.#problem(`a binary frame (${data.length} bytes): the relay sends JSON only`);
    const frame = data.toString();
    if (!this.#sawOpen) {
      this.#sawOpen = true;
      return this.#checkOpen(frame);
    }
    const packet = decodePacket(frame);
    switch (packet.type) {
      case 'ping':
        this.#ws.send('3'); // the relay's heartbeat: answer it like any client
        return;
      case 'message':
        if (typeof packet.data !== 'string' || /^[56]/.test(packet.data)) {
          return this.#problem(`a binary Socket.IO packet: ${abbreviate(frame)}`);
        }
        try {
          this.#reader.add(packet.data);
        } catch (error) {
          this.#problem(`a frame socket.io-parser cannot read (${(error as Error).message}): ${abbreviate(frame)}`);
          this.#reader = new Decoder();
          this.#reader.on('decoded', (decoded: Packet) => this.#check(decoded));
        }
        return;
      default:
        this.#problem(`an Engine.IO packet a server does not send: ${abbreviate(frame)}`);
    }
  }

  #checkOpen(frame: string): void {
    const open = frame.startsWith('0') ? (parseJson(frame.slice(1)) as Record<string, unknown> | undefined) : undefined;
    const ok =
      typeof open?.sid === 'string' &&
      Array.isArray(open.upgrades) &&
      [open.pingInterval, open.pingTimeout, open.maxPayload].every((n) => Number.isSafeInteger(n));
    if (!ok) return this.#problem(`a first frame that is not an Engine.IO open packet: ${abbreviate(frame)}`);
    this.#maxPayload = open!.maxPayload as number;
  }

  /** One Socket.IO packet from the relay: only the answers the protocol allows, to things this socket asked. */
  #check(packet: Packet): void {
    const fault = this.#fault(packet);
    if (fault) this.#problem(`${fault}: ${abbreviate(JSON.stringify(packet))}`);
  }

  #fault({ type, nsp, id, data }: Packet): string | undefined {
    if (type === PacketType.CONNECT_ERROR) {
      count(this.#log, 'answers: connect_error');
      if (!this.#askedNamespaces.has(nsp)) return 'a CONNECT_ERROR for a namespace never asked for';
      if (nsp.startsWith('/probe-')) this.#lastProbe = nsp;
      return isRecord(data) && typeof data.message === 'string' ? undefined : 'a CONNECT_ERROR without a message';
    }
    if (nsp !== '/') return 'a packet for a namespace other than /';
    switch (type) {
      case PacketType.CONNECT:
        count(this.#log, 'answers: connect');
        if (!this.#askedConnect) return 'a CONNECT nobody asked for';
        return isRecord(data) && typeof data.sid === 'string' ? undefined : 'a CONNECT without a sid';
      case PacketType.DISCONNECT:
        count(this.#log, 'answers: disconnect');
        return undefined;
      case PacketType.ACK:
        count(this.#log, `answers: ack ${ackOutcome(data)}`);
        if (!Number.isSafeInteger(id) || id! < 0) return 'an ACK whose id is not a safe non-negative integer';
        if (!this.#ackIds.has(id!)) return 'an ACK for an id never sent';
        if (!Array.isArray(data) || data.length !== 1 || !isAck(data[0])) return 'an ACK of another shape';
        this.#learnt.resume(this.#ackIds.get(id!), data[0].resume);
        for (const peer of [data[0], ...(data[0].peers ?? [])]) this.#learnt.peer(peer.id);
        return undefined;
      case PacketType.EVENT:
        if (id !== undefined) return 'an EVENT that asks for an ack';
        return this.#checkEvent(data);
      default:
        return 'a packet of a type the relay does not send';
    }
  }

  #checkEvent(data: unknown): string | undefined {
    const [name, payload] = Array.isArray(data) ? data : [];
    count(this.#log, `answers: ${name === 'error' && isRecord(payload) ? `error ${payload.code}` : name}`);
    if (name === 'peer-joined' && isRecord(payload)) this.#learnt.peer(payload.id);
    return eventFault(data);
  }

  #relayClosed(code: number): void {
    count(this.#log, `closed by the relay: ${code}`);
    // ws stops reading a connection whose frame broke its limits (1007, 1009), so the relay's TCP close can
    // reset data still on the way, and the client may see that (1006) before the close frame.
    if (code === 1006 && (this.#sentOversize || this.#sentInvalidUtf8)) return;
    if (!RELAY_CLOSE_CODES.has(code)) this.#problem(`closed with ${code}`);
    else if (code === 1009 && !this.#sentOversize) this.#problem('closed with 1009 without a frame over maxPayload');
    else if (code === 1007 && !this.#sentInvalidUtf8) this.#problem('closed with 1007 without invalid UTF-8');
  }

  #problem(what: string): void {
    this.#log.problems.push(`${this.#label}: ${what}\n    after sending: ${this.#recent.join(' | ')}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(frame: Frame): string {
  if (frame.type === 'text') return abbreviate(JSON.stringify(frame.data));
  return `${frame.type} <${abbreviate(frame.data.toString('hex'))}>`;
}

function abbreviate(text: string): string {
  return text.length > 160 ? `${text.slice(0, 150)}…(${text.length})` : text;
}
