// The relay connection: socket.io-client over WebSocket with typed events. Once asked to join, it joins the
// room on every (re)connect, presenting its resume token so the relay gives the same membership back; signals
// sent while the connection is down wait for that. It reports an unreachable relay once per outage, and
// stops when a join is refused. A member's questions (rename, fresh TURN credentials) go out only while joined;
// with TURN, it asks for fresh credentials before the ones it has expire (ice-refresh.ts). In a room with a
// lobby, the join may wait (`waiting`) until a host lets us in (`admitted`, taken as the join's answer) or not;
// once the relay dismissed us (removed, denied, the call ended), it never joins again.
// The Manager imported here is socket.io-client's own, but the bundle (and the browser tests) give it
// websocket-engine.ts in place of engine.io-client at build time: tools/websocket-only-engine.mjs, used by
// rollup.config.mjs and web-test-runner.config.mjs.
import { Manager, type Socket } from 'socket.io-client';
import type {
  ClientToRelayEvents,
  DismissedMessage,
  HostActionMessage,
  HostAck,
  HostRequest,
  KnockEndedMessage,
  KnockMessage,
  IceServer,
  IceServersAck,
  JoinAccepted,
  JoinRequest,
  JsonObject,
  PeerJoinedMessage,
  PeerLeftMessage,
  PeerRenamedMessage,
  RelayToClientEvents,
  RenameAck,
  RenameRequest,
  RoomModeMessage,
  SfuAck,
  SfuOffer,
  SfuRequest,
  SignalMessage,
  WaitingMessage,
} from '../protocol.ts';
import { Emitter, Subscriptions } from './emitter.ts';
import { RtcError } from './errors.ts';

export type RelaySocket = Socket<RelayToClientEvents, ClientToRelayEvents>;
/** Opens a socket to the relay at `origin` on `path`; tests may pass their own. */
export type SocketFactory = (origin: string, options: { path: string }) => RelaySocket;

export interface SignalingOptions {
  /** Relay base URL, e.g. https://relay.example.com/ (a path prefix is kept: /vc/ → /vc/socket.io/). */
  server: string;
  join: JoinRequest;
  connect?: SocketFactory;
}

export interface SignalingEvents {
  /** A join succeeded: the first one, and again after each reconnect (`resumed` when the id is the same). */
  joined: JoinAccepted;
  /** The connection dropped; socket.io-client is reconnecting. */
  disconnected: void;
  'peer-joined': PeerJoinedMessage;
  'peer-left': PeerLeftMessage;
  'peer-renamed': PeerRenamedMessage;
  signal: SignalMessage;
  /** The room's media moved onto the SFU, or back to the mesh. */
  'room-mode': RoomModeMessage;
  /** The relay's offer of the others' media through the SFU. */
  sfu: SfuOffer;
  /** Fresh TURN credentials (with the STUN servers), before the last ones expire. */
  'ice-servers': IceServer[];
  /** The join waits in the room's lobby for a host to let us in; again when a host comes or goes meanwhile. */
  waiting: WaitingMessage;
  /** For hosts: someone knocks, and that knock was answered, withdrawn or timed out. */
  knock: KnockMessage;
  'knock-ended': KnockEndedMessage;
  /** A host removed someone, asked for mute, locked the room or turned its lobby on or off. */
  'host-action': HostActionMessage;
  /** The relay ended our place in the room or its lobby: the connection is closed, nothing is retried. */
  dismissed: DismissedMessage;
  /** The relay refused the join (room full, unauthorized, invalid): fatal, nothing is retried. */
  refused: RtcError;
  /** Non-fatal problems: an unreachable relay (retrying), or an error event from the relay. */
  error: RtcError;
}

/** How long the relay gets to answer a join (or a member's question) before the connection is considered broken. */
const ANSWER_TIMEOUT_MS = 10_000;
/** Signals kept while the connection is down; the relay keeps as many for us on its side. */
const OUTBOX_LIMIT = 256;

/**
 * The events addressed to our membership, which the relay numbers: each is counted, so that a resume replays
 * only those we missed.
 */
const COUNTED = [
  'peer-joined',
  'peer-left',
  'peer-renamed',
  'signal',
  'room-mode',
  'host-action',
  'knock',
  'knock-ended',
] as const;

/** A connection of its own (socket.io-client's io() would also keep a Manager per relay in a global cache). */
const defaultConnect: SocketFactory = (origin, { path }) =>
  new Manager<RelayToClientEvents, ClientToRelayEvents>(origin, {
    path,
    transports: ['websocket'],
    autoConnect: false,
    reconnectionDelayMax: 5_000,
  }).socket('/');

export class SignalingClient extends Emitter<SignalingEvents> {
  #socket: RelaySocket;
  #join: JoinRequest;
  #subscriptions = new Subscriptions();
  #unreachableReported = false;
  #joinRequested = false;
  /** The relay accepted our join on the current connection. */
  #joined = false;
  /** The token that takes our membership back after a dropped connection... */
  #resume: string | undefined;
  /** ...and how many of the membership's events we have, so the relay replays exactly the ones we missed. */
  #received = 0;
  #outbox: Array<{ to: string; data: JsonObject }> = [];
  #stopIceRefresh: (() => void) | undefined;
  #closed = false;
  #dismissed = false;

  constructor({ server, join, connect = defaultConnect }: SignalingOptions) {
    super();
    const url = new URL(server);
    const path = `${url.pathname.replace(/\/?$/, '/')}socket.io/`;
    this.#join = join;
    this.#socket = connect(url.origin, { path });
    this.#listen();
  }

  /** Opens the connection; it can be done while the camera is still starting. */
  open(): void {
    this.#socket.connect();
  }

  /** Joins the room now if connected, else as soon as the connection is up, and again after every reconnect. */
  join(): void {
    this.#joinRequested = true;
    if (this.#socket.connected) void this.#sendJoin();
  }

  /**
   * Sends a signal to a peer in the room. While the connection is down it waits in an outbox, sent if the
   * membership is resumed and dropped if not: its session would no longer exist. (socket.io-client's own
   * buffer would send it ahead of the join.)
   */
  send(to: string, data: JsonObject): void {
    if (this.#joined) this.#socket.emit('signal', { to, data });
    else if (this.#resume && this.#outbox.length < OUTBOX_LIMIT) this.#outbox.push({ to, data });
  }

  /**
   * A member's question to the relay: null when not joined right now (socket.io-client would send a question
   * it buffered offline ahead of the join), or when no answer came.
   */
  ask(event: 'rename', request: RenameRequest): Promise<RenameAck | null>;
  ask(event: 'ice-servers'): Promise<IceServersAck | null>;
  ask(event: 'sfu', request: SfuRequest): Promise<SfuAck | null>;
  ask(event: 'host', request: HostRequest): Promise<HostAck | null>;
  ask(event: 'rename' | 'ice-servers' | 'sfu' | 'host', ...request: [unknown?]): Promise<unknown> {
    if (!this.#joined) return Promise.resolve(null);
    // One call for both; the overloads above say which answer comes with which question.
    const socket = this.#socket.timeout(ANSWER_TIMEOUT_MS);
    return socket.emitWithAck(event as 'rename', ...(request as [RenameRequest])).catch(() => null);
  }

  /** Tries to reach the relay now, rather than at socket.io-client's next backoff step. */
  reconnectNow(): void {
    if (!this.#closed && !this.#socket.connected) this.#socket.disconnect().connect();
  }

  /** Leaves the room (others see reason `left`) and closes the connection. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopIceRefresh?.();
    // A dismissed member has no membership left to leave.
    if (this.#socket.connected && !this.#dismissed) this.#socket.emit('leave', () => {});
    this.#socket.disconnect();
    this.#subscriptions.drain();
    this.removeAllListeners();
  }

  #listen(): void {
    const socket = this.#socket;
    const on = <K extends keyof RelayToClientEvents>(event: K, listener: RelayToClientEvents[K]): void => {
      socket.on(event, listener as never);
      this.#subscriptions.add(() => socket.off(event, listener as never));
    };
    // The events addressed to our membership, each counted so that a resume replays only those we missed.
    for (const event of COUNTED) on(event, (message: never) => (this.#received++, this.emit(event, message)));
    for (const event of ['sfu', 'waiting'] as const) on(event, (message: never) => this.emit(event, message));
    on('admitted', (ack) => this.#accepted(ack));
    on('dismissed', (message) => {
      // The relay keeps the connection, without a membership: nothing to rejoin or resume.
      this.#dismissed = true;
      this.#joinRequested = this.#joined = false;
      this.#socket.disconnect();
      this.emit('dismissed', message);
    });
    on('error', ({ code, message }) => this.emit('error', new RtcError(code, message)));

    const onConnect = (): void => {
      this.#unreachableReported = false;
      if (this.#joinRequested) void this.#sendJoin();
    };
    const onConnectError = (cause: Error): void => {
      if (this.#unreachableReported) return;
      this.#unreachableReported = true;
      this.emit('error', new RtcError('relay-unreachable', 'Cannot reach the relay: retrying.', { cause }));
    };
    const onDisconnect = (reason: string): void => {
      this.#joined = false;
      if (reason !== 'io client disconnect') this.emit('disconnected', undefined);
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onConnectError);
    socket.on('disconnect', onDisconnect);
    this.#subscriptions.add(
      () => socket.off('connect', onConnect),
      () => socket.off('connect_error', onConnectError),
      () => socket.off('disconnect', onDisconnect),
    );
  }

  async #sendJoin(): Promise<void> {
    let answer;
    try {
      const request = this.#resume ? { ...this.#join, resume: this.#resume, received: this.#received } : this.#join;
      answer = await this.#socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('join', request);
    } catch {
      // No answer: treat the connection as broken and let socket.io-client's backoff try again.
      if (!this.#closed) this.#socket.disconnect().connect();
      return;
    }
    if (this.#closed) return;
    if (!answer.ok) this.emit('refused', new RtcError(answer.code, answer.message));
    else if ('waiting' in answer) this.emit('waiting', { host: answer.host });
    else this.#accepted(answer);
  }

  /** We are in: the join's answer, or a host let us in from the lobby. */
  #accepted(answer: JoinAccepted): void {
    this.#joined = true;
    this.#resume = answer.resume;
    if (!answer.resumed) this.#received = 0;
    const waiting = this.#outbox.splice(0);
    this.#refreshIceServers(answer.iceServersTtl);
    this.emit('joined', answer);
    if (answer.resumed) for (const { to, data } of waiting) this.send(to, data);
  }

  /** Each join's TURN credentials last `ttl` seconds: fresh ones come before (a chunk loaded only with TURN). */
  #refreshIceServers(ttl: number | undefined): void {
    this.#stopIceRefresh?.();
    this.#stopIceRefresh = undefined;
    if (!ttl) return;
    void import('./ice-refresh.ts').then(({ refreshIceServers }) => {
      if (this.#closed || this.#stopIceRefresh) return;
      this.#stopIceRefresh = refreshIceServers(
        ttl,
        () => this.ask('ice-servers'),
        (iceServers) => this.emit('ice-servers', iceServers),
      );
    });
  }
}
