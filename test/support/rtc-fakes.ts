// Fakes for the rtc layer's injection points (CallOptions' `connect`, `createPeerConnection`, `mediaDevices`):
// a relay socket the test answers for, peer connections that negotiate without a network, and devices.
import type { JoinAck, JoinRequest, JsonObject, PeerInfo, RelayToClientEvents } from '../../src/protocol.ts';
import { Call, type CallOptions } from '../../src/rtc/index.ts';
import type { RelaySocket, SocketFactory } from '../../src/rtc/signaling.ts';

type Listener = (...args: never[]) => void;

/** One socket.io socket as the SignalingClient uses it; the test plays the relay. */
export class FakeSocket {
  connected = false;
  /** What the client emitted without an ack (signals, leave), in order. */
  readonly sent: Array<{ event: string; payload: unknown }> = [];
  /** The join requests the client made, in order. */
  readonly joins: JoinRequest[] = [];
  /** The other questions the client asked (rename, host, ...), in order... */
  readonly asks: Array<{ event: string; request: unknown }> = [];
  /** ...and how the relay answers them (by default, yes). */
  answerAsk: (event: string, request: unknown) => unknown = () => ({ ok: true });
  #listeners = new Map<string, Set<Listener>>();
  #answer: (request: JoinRequest) => JoinAck;

  constructor(answer: (request: JoinRequest) => JoinAck) {
    this.#answer = answer;
  }

  /** Connects on the next task, as socket.io-client does: `connected` turns true with the connect event. */
  connect(): this {
    setTimeout(() => {
      if (this.connected) return;
      this.connected = true;
      this.#fire('connect');
    });
    return this;
  }

  disconnect(): this {
    if (!this.connected) return this;
    this.connected = false;
    this.#fire('disconnect', 'io client disconnect');
    return this;
  }

  on(event: string, listener: Listener): this {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event)!.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  emit(event: string, payload: unknown): this {
    this.sent.push({ event, payload });
    return this;
  }

  timeout(): { emitWithAck(event: string, request?: unknown): Promise<unknown> } {
    return {
      emitWithAck: async (event, request) => {
        if (event !== 'join') {
          this.asks.push({ event, request });
          return this.answerAsk(event, request);
        }
        this.joins.push(request as JoinRequest);
        return this.#answer(request as JoinRequest);
      },
    };
  }

  /** The relay sends an event to this client. */
  receive<K extends keyof RelayToClientEvents>(event: K, payload: Parameters<RelayToClientEvents[K]>[0]): void {
    this.#fire(event, payload);
  }

  /** The connection drops (not asked for by the client); socket.io-client reconnects at once. */
  drop(): void {
    this.connected = false;
    this.#fire('disconnect', 'transport close');
    this.connect();
  }

  /** The signals sent to `to` (every peer when absent), as `{ to, data }`. */
  signals(to?: string): Array<{ to: string; data: JsonObject }> {
    return this.sent
      .filter(({ event }) => event === 'signal')
      .map(({ payload }) => payload as { to: string; data: JsonObject })
      .filter((signal) => to === undefined || signal.to === to);
  }

  #fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) (listener as (...a: unknown[]) => void)(...args);
  }
}

/** The socket factory for CallOptions' `connect`, and the sockets it made (one per join()). */
function fakeRelay(answer: (request: JoinRequest) => JoinAck): {
  connect: SocketFactory;
  sockets: FakeSocket[];
} {
  const sockets: FakeSocket[] = [];
  const connect: SocketFactory = () => {
    const socket = new FakeSocket(answer);
    sockets.push(socket);
    return socket as unknown as RelaySocket;
  };
  return { connect, sockets };
}

/** A fake RTCRtpTransceiver: enough for Transceivers (kinds, replaceTrack, encodings). */
function fakeTransceiver(kind: string, direction: RTCRtpTransceiverDirection) {
  return {
    direction,
    receiver: { track: { kind } },
    sender: {
      track: null as MediaStreamTrack | null,
      async replaceTrack(track: MediaStreamTrack | null) {
        this.track = track;
      },
      getParameters: () => ({ encodings: [{}] }),
      async setParameters() {},
    },
  };
}

/**
 * An RTCPeerConnection that negotiates with itself only: descriptions move the signaling state as the real one
 * does (and `setLocalDescription()` makes an offer or an answer from it), candidates are kept, nothing connects
 * unless the test says so.
 */
export class FakePeerConnection {
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: (RTCSessionDescriptionInit & { toJSON(): RTCSessionDescriptionInit }) | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly currentLocalDescription = null;
  readonly currentRemoteDescription = null;
  /** Candidates added, in order. */
  readonly candidates: RTCIceCandidateInit[] = [];
  /** It created the data channel and the transceivers before any offer: the side that offers first. */
  initiated = false;
  closed = false;
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((event: { candidate: null }) => void) | null = null;
  ontrack: (() => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  #configuration: RTCConfiguration;
  #transceivers: Array<ReturnType<typeof fakeTransceiver>> = [];
  #negotiationScheduled = false;

  constructor(configuration: RTCConfiguration) {
    this.#configuration = configuration;
  }

  addTransceiver(trackOrKind: MediaStreamTrack | string, init: RTCRtpTransceiverInit): unknown {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver = fakeTransceiver(kind, init.direction ?? 'sendrecv');
    this.#transceivers.push(transceiver);
    if (this.signalingState === 'stable' && !this.remoteDescription) this.initiated = true;
    this.#needNegotiation();
    return transceiver;
  }

  getTransceivers(): unknown[] {
    return this.#transceivers;
  }

  createDataChannel(): unknown {
    // A negotiated channel needs an offer of its own only before any offer made its m-line.
    if (!this.remoteDescription) {
      this.initiated = true;
      this.#needNegotiation();
    }
    return { readyState: 'connecting', send() {}, close() {} };
  }

  async setLocalDescription(): Promise<void> {
    const type: RTCSdpType = this.signalingState === 'have-remote-offer' ? 'answer' : 'offer';
    this.signalingState = type === 'offer' ? 'have-local-offer' : 'stable';
    const sdp = `fake ${type}`;
    this.localDescription = { type, sdp, toJSON: () => ({ type, sdp }) };
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    // An offer on our own rolls it back first (what the polite end's setRemoteDescription does).
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
    this.remoteDescription = description;
  }

  async addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    this.candidates.push(candidate);
  }

  getConfiguration(): RTCConfiguration {
    return this.#configuration;
  }

  setConfiguration(configuration: RTCConfiguration): void {
    this.#configuration = configuration;
  }

  restartIce(): void {}

  async getStats(): Promise<RTCStatsReport> {
    return new Map() as unknown as RTCStatsReport;
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
  }

  #needNegotiation(): void {
    if (this.#negotiationScheduled) return;
    this.#negotiationScheduled = true;
    setTimeout(() => {
      this.#negotiationScheduled = false;
      this.onnegotiationneeded?.();
    });
  }
}

/** The createPeerConnection option, and the connections it made with the ids they were made for (in order). */
export function fakePeerConnections(): {
  createPeerConnection: NonNullable<CallOptions['createPeerConnection']>;
  connections: FakePeerConnection[];
} {
  const connections: FakePeerConnection[] = [];
  return {
    connections,
    createPeerConnection: (configuration) => {
      const pc = new FakePeerConnection(configuration);
      connections.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
  };
}

/** Media devices with one camera (a canvas) and one microphone (a silent oscillator); `opened` counts getUserMedia. */
function fakeMediaDevices(): MediaDevices & { opened: number } {
  const device = (kind: MediaDeviceKind) => ({ kind, deviceId: kind, label: '', groupId: 'fake', toJSON: () => ({}) });
  const devices = {
    opened: 0,
    async enumerateDevices() {
      return [device('audioinput'), device('videoinput')];
    },
    async getUserMedia({ audio, video }: MediaStreamConstraints) {
      devices.opened++;
      const tracks: MediaStreamTrack[] = [];
      if (audio) tracks.push(new AudioContext().createMediaStreamDestination().stream.getAudioTracks()[0]!);
      if (video) tracks.push(document.createElement('canvas').captureStream().getVideoTracks()[0]!);
      return new MediaStream(tracks);
    },
    async getDisplayMedia() {
      return new MediaStream([document.createElement('canvas').captureStream().getVideoTracks()[0]!]);
    },
    addEventListener() {},
    removeEventListener() {},
  };
  return devices as unknown as MediaDevices & { opened: number };
}

/** The relay's welcome: `id` in the room with `peers`; `resumed` when it gave an earlier membership back. */
export function accepted(id: string, peers: PeerInfo[] = [], resumed = false): JoinAck {
  return { ok: true, id, resume: `resume-${id}`, resumed, peers, iceServers: [] };
}

/**
 * A Call (with `options`) on a fake relay that answers each join with the next of `answers`, over fake peer
 * connections and devices; `socket()` is the relay connection of its latest join.
 */
export function fakeCall(answers: JoinAck[], options: Partial<CallOptions> = {}) {
  const relay = fakeRelay(() => answers.shift()!);
  const peers = fakePeerConnections();
  const devices = fakeMediaDevices();
  const call = new Call({
    server: 'https://relay.test/',
    room: 'r',
    connect: relay.connect,
    createPeerConnection: peers.createPeerConnection,
    mediaDevices: devices,
    ...options,
  });
  return { call, devices, connections: peers.connections, socket: () => relay.sockets.at(-1)! };
}
