// One participant's call: local media, the relay connection and the mesh behind a small state machine,
// plus what participants say to each other over their data channels (state, chat, host-page data).
// This is the rtc layer's public face: an element (or any other code) drives it and renders what it reports.
import type { PeerInfo, PeerLeftReason } from '../protocol.ts';
import { NO_SPEAKER, type SpeakerState } from './active-speaker.ts';
import { Emitter, Subscriptions } from './emitter.ts';
import { RtcError } from './errors.ts';
import { LocalMedia } from './local-media.ts';
import { environmentProblem, type MediaKind } from './media.ts';
import { Mesh } from './mesh.ts';
import type { ConnectivityReport } from './connectivity.ts';
import type { MeshQuality } from './mesh-quality.ts';
import { MESSAGE_LIMITS, type ChatMessage, type PeerState, type ViewMessage } from './peer-messages.ts';
import type { PeerConnectionFactory } from './peer.ts';
import { SignalingClient, type SocketFactory } from './signaling.ts';
import type { PeerStats, Quality } from './stats.ts';

export type CallState = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'left' | 'error';

export interface Participant {
  /** Relay-issued id; `local` for yourself before the relay has issued one. */
  id: string;
  name: string;
  local: boolean;
  /** Microphone and camera. */
  stream: MediaStream | null;
  /** Their screen share, while there is one. */
  screen: MediaStream | null;
  /** Sound is on: the microphone is open and not muted (and, for others, their sound reaches us). */
  audio: boolean;
  /** The camera is on (and, for others, its frames reach us). */
  video: boolean;
  hand: boolean;
  speaking: boolean;
  /** For remote participants, their RTCPeerConnection's state... */
  connectionState?: RTCPeerConnectionState;
  /** ...whether it was connected and is being restored (ICE restart)... */
  reconnecting?: boolean;
  /** ...how good it is (from the latest stats)... */
  quality?: Quality;
  /** ...and the code both ends can compare to rule out anyone in the middle. */
  safetyCode?: string | null;
}

/** What getStats() reports for each remote participant. */
export interface ParticipantStats extends PeerStats {
  safetyCode: string | null;
}

export interface ChatEntry extends ChatMessage {
  /** The sender's id. */
  from: string;
  name: string;
  local: boolean;
}

export interface CallOptions {
  /** Relay base URL. */
  server: string;
  room: string;
  name?: string;
  password?: string;
  /** A join token from the site owner's backend. */
  token?: string;
  /** Start with the microphone muted. */
  muted?: boolean;
  /** Start with the camera off. */
  cameraOff?: boolean;
  /** Total video upload to all peers together, in kbit/s (default 2500). */
  maxUplinkKbps?: number;
  /** False sends everyone full quality (no per-peer adaptation): for comparisons. Default true. */
  adaptive?: boolean;
  /** Overrides for tests and embedders: the socket, the RTCPeerConnection, the media devices. */
  connect?: SocketFactory;
  createPeerConnection?: PeerConnectionFactory;
  mediaDevices?: MediaDevices;
}

export interface CallEvents {
  'state-change': { state: CallState; previous: CallState };
  joined: { id: string; room: string };
  left: void;
  'peer-joined': { id: string; name: string };
  'peer-left': { id: string; reason: PeerLeftReason };
  /** Someone said their name, microphone, camera, screen or hand changed (or you changed yours). */
  'participant-change': { id: string; local: boolean } & PeerState;
  message: ChatEntry;
  data: { from: string; payload: unknown };
  'active-speaker': { id: string | null };
  'device-lost': { kind: MediaKind };
  /** A peer connection's quality rating changed. */
  quality: { id: string; quality: Quality };
  /** Anything on screen changed: render again. */
  change: void;
  error: RtcError;
}

const ACTIVE_STATES: readonly CallState[] = ['joining', 'joined', 'reconnecting'];
/** Chat messages kept for the panel. */
const CHAT_HISTORY = 500;
const DEFAULT_UPLINK_KBPS = 2500;

export class Call extends Emitter<CallEvents> {
  #options: CallOptions;
  #state: CallState = 'idle';
  #error: RtcError | null = null;
  #media: LocalMedia | null = null;
  #localId: string | null = null;
  #hand = false;
  #signaling: SignalingClient | null = null;
  #mesh: Mesh | null = null;
  #remotes = new Map<string, { name: string; state: PeerState | null }>();
  #messages: ChatEntry[] = [];
  #iceServers: RTCIceServer[] = [];
  /** Stats and adaptive video: a separate chunk of the bundle, loaded as the call is created. */
  #quality: MeshQuality | null = null;
  #qualityLoaded: Promise<MeshQuality>;
  /** The last view sent to each peer, so only changes go out. */
  #viewsSent = new Map<string, string>();
  #speaker: SpeakerState = NO_SPEAKER;
  #subscriptions = new Subscriptions();
  #mediaSubscriptions = new Subscriptions();
  /** Bumped by every teardown, so work that finishes after leave() is dropped. */
  #generation = 0;

  constructor(options: CallOptions) {
    super();
    this.#options = options;
    this.#qualityLoaded = import('./mesh-quality.ts').then(({ MeshQuality }) => {
      const quality = new MeshQuality({
        budgetKbps: options.maxUplinkKbps ?? DEFAULT_UPLINK_KBPS,
        adaptive: options.adaptive ?? true,
        sourceHeight: () => this.#media?.tracks.video?.getSettings().height ?? 0,
      });
      quality.on('quality', ({ peerId, quality }) => this.emit('quality', { id: peerId, quality }));
      quality.on('stats', () => this.emit('change', undefined));
      quality.on('speaker', (speaker) => {
        const changed = speaker.active !== this.#speaker.active;
        this.#speaker = speaker;
        if (changed) this.emit('active-speaker', { id: speaker.active });
        this.emit('change', undefined);
      });
      return (this.#quality = quality);
    });
  }

  get state(): CallState {
    return this.#state;
  }

  /** The error that put the call in the `error` state. */
  get error(): RtcError | null {
    return this.#error;
  }

  get localStream(): MediaStream | null {
    return this.#media?.stream ?? null;
  }

  get media(): LocalMedia | null {
    return this.#media;
  }

  get messages(): readonly ChatEntry[] {
    return this.#messages;
  }

  get activeSpeaker(): string | null {
    return this.#speaker.active;
  }

  get participants(): Participant[] {
    const self = this.#self();
    if (!self) return [];
    const others = [...this.#remotes].map(([id, { name, state }]) => this.#describeRemote(id, name, state));
    return [self, ...others];
  }

  /** Opens the camera and microphone before joining, for a pre-join screen's preview. */
  async preview(): Promise<void> {
    if (this.#media || ACTIVE_STATES.includes(this.#state)) return;
    const problem = this.#options.mediaDevices ? null : environmentProblem();
    if (problem) return this.#fail(problem);
    await this.#startMedia();
  }

  /** Connects to the relay and joins the room (opening the camera first unless a preview did). */
  async join(): Promise<void> {
    if (ACTIVE_STATES.includes(this.#state)) return;
    const keepMedia = this.#state === 'idle' && this.#media !== null;
    this.#teardown(keepMedia);
    this.#error = null;
    this.#setState('joining');

    const problem = this.#options.mediaDevices ? null : environmentProblem();
    if (problem) return this.#fail(problem);

    const { server, room, name, password, token, connect } = this.#options;
    const signaling = (this.#signaling = new SignalingClient({
      server,
      join: { room, name, password, token },
      connect,
    }));
    this.#listen(signaling);
    // The slow steps overlap: the relay connection and the join go ahead while the camera starts; peers get
    // transceivers at once and the tracks by replaceTrack when they are ready, with no renegotiation.
    signaling.open();
    signaling.join();
    if (!keepMedia) await this.#startMedia();
  }

  /** Leaves the room and releases the camera, the microphone and every connection. */
  leave(): void {
    if (this.#state === 'left' || (this.#state === 'idle' && !this.#media)) return;
    this.#teardown(false);
    this.#setState('left');
    this.emit('left', undefined);
  }

  async toggleMicrophone(force?: boolean): Promise<void> {
    await this.#media?.toggleMicrophone(force);
  }

  async toggleCamera(force?: boolean): Promise<void> {
    await this.#media?.toggleCamera(force);
  }

  async setDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    await this.#media?.setDevice(kind, deviceId);
  }

  async startScreenShare(): Promise<void> {
    await this.#media?.startScreenShare();
  }

  stopScreenShare(): void {
    this.#media?.stopScreenShare();
  }

  /** Asks for the camera and microphone again, after a denial or with a device plugged in. */
  async retryMedia(): Promise<void> {
    await this.#media?.retry();
  }

  raiseHand(force?: boolean): void {
    this.#hand = force ?? !this.#hand;
    this.#announce();
  }

  /** Changes the name others see. */
  setName(name: string): void {
    this.#options = { ...this.#options, name };
    this.#announce();
  }

  /** Sends a chat message to everyone in the call. Plain text; longer ones are cut at 2,000 characters. */
  sendMessage(text: string): void {
    const trimmed = text.trim().slice(0, MESSAGE_LIMITS.chatLength);
    if (!trimmed || !this.#localId) return;
    const message: ChatMessage = { id: crypto.randomUUID(), text: trimmed, at: Date.now() };
    this.#mesh?.message({ type: 'chat', ...message });
    this.#addMessage({ ...message, from: this.#localId, name: this.#options.name ?? '', local: true });
  }

  /**
   * Tells a participant how large we show their camera (device pixels), or that we do not show it at all,
   * so they send no more than that. Only changes that matter go out.
   */
  setView(id: string, view: ViewMessage): void {
    // Buckets of 90 px in height are enough to pick a resolution, and spare the channel on every resize.
    const key = view.visible ? `${Math.round(view.height / 90)}` : 'hidden';
    if (this.#viewsSent.get(id) === key || !this.#remotes.has(id)) return;
    this.#viewsSent.set(id, key);
    this.#mesh?.message({ type: 'view', ...view }, id);
  }

  /** Live figures for each remote participant: quality, round-trip time, loss, video, path, safety code. */
  getStats(): Record<string, ParticipantStats> {
    const result: Record<string, ParticipantStats> = {};
    for (const id of this.#remotes.keys()) {
      const stats = this.#quality?.stats(id);
      if (stats) result[id] = { ...stats, safetyCode: this.#mesh?.get(id)?.safetyCode ?? null };
    }
    return result;
  }

  /** Which kinds of ICE candidates this network yields with the relay's STUN/TURN servers (known once joined). */
  async testConnectivity(): Promise<ConnectivityReport> {
    const { testConnectivity } = await import('./connectivity.ts');
    return testConnectivity(this.#iceServers, { createPeerConnection: this.#options.createPeerConnection });
  }

  /** Sends the host page's own data (anything JSON can carry, up to 16 KB) to everyone, or to one participant. */
  send(payload: unknown, { to }: { to?: string } = {}): void {
    const size = JSON.stringify(payload ?? null).length;
    if (size > MESSAGE_LIMITS.dataLength) {
      throw new RtcError('payload-too-large', `data must serialize to at most ${MESSAGE_LIMITS.dataLength} characters`);
    }
    this.#mesh?.message({ type: 'data', payload }, to);
  }

  async #startMedia(): Promise<void> {
    const { muted, cameraOff, mediaDevices } = this.#options;
    const media = (this.#media = new LocalMedia({ muted, cameraOff, devices: mediaDevices }));
    this.#mediaSubscriptions.add(
      media.on('track', ({ kind, track }) => {
        this.#mesh?.setTrack(kind, track);
        if (kind === 'video') this.#withQuality((quality) => quality.apply());
      }),
      media.on('change', () => this.#announce()),
      media.on('device-lost', (detail) => this.emit('device-lost', detail)),
      media.on('error', (error) => this.emit('error', error)),
    );
    await media.start();
  }

  #listen(signaling: SignalingClient): void {
    this.#subscriptions.add(
      signaling.on('joined', ({ id, peers, iceServers, resumed }) => {
        if (resumed && this.#mesh) return this.#resumed(peers);
        this.#closeMesh(this.#mesh ? 'disconnected' : undefined);
        this.#localId = id;
        this.#iceServers = iceServers;
        this.#mesh = this.#createMesh(id, iceServers, signaling);
        const mesh = this.#mesh;
        this.#withQuality((quality) => this.#mesh === mesh && quality.start(mesh, id));
        globalThis.addEventListener?.('online', this.#onOnline);
        // We joined after everyone already here, so we make the first offer to each of them.
        for (const peer of peers) this.#addRemote(peer.id, peer.name ?? '', true);
        this.#setState('joined');
        this.emit('joined', { id, room: this.#options.room });
        this.emit('change', undefined);
      }),
      signaling.on('peer-joined', ({ id, name }) => {
        this.#addRemote(id, name ?? '', false);
        this.emit('change', undefined);
      }),
      signaling.on('peer-left', ({ id, reason }) => {
        this.#removeRemote(id, reason);
        this.emit('change', undefined);
      }),
      signaling.on('signal', ({ from, data }) => this.#mesh?.receive(from, data)),
      signaling.on('disconnected', () => {
        if (this.#state === 'joined') this.#setState('reconnecting');
      }),
      signaling.on('refused', (error) => this.#fail(error)),
      signaling.on('error', (error) => {
        // A signal that crossed a peer's departure: harmless, and the peer-left event follows.
        if (error.code === 'unknown-peer') return;
        if (error.code === 'relay-unreachable' && this.#state === 'joining') this.#setState('reconnecting');
        this.emit('error', error);
      }),
    );
  }

  #createMesh(id: string, iceServers: RTCIceServer[], signaling: SignalingClient): Mesh {
    const mesh = new Mesh({
      localId: id,
      iceServers,
      localTracks: this.#media?.tracks ?? { audio: null, video: null, screen: null },
      send: (to, data) => signaling.send(to, data),
      createPeerConnection: this.#options.createPeerConnection,
    });
    this.#subscriptions.add(
      mesh.on('peer-change', () => this.emit('change', undefined)),
      mesh.on('peer-open', (peer) => peer.message({ type: 'state', ...this.#localState() })),
      mesh.on('peer-message', ({ peer, message }) => {
        if (message.type === 'state') this.#remoteStateChanged(peer.id, message);
        else if (message.type === 'chat') this.#received(peer.id, message);
        else if (message.type === 'view') this.#withQuality((quality) => quality.view(peer.id, message));
        else this.emit('data', { from: peer.id, payload: message.payload });
      }),
      mesh.on('error', (error) => this.emit('error', error)),
    );
    return mesh;
  }

  /**
   * The relay gave our membership back after a dropped connection: same id, every peer connection kept.
   * Events missed meanwhile follow; the peer list catches up with anything they cannot tell.
   */
  #resumed(peers: PeerInfo[]): void {
    const present = new Set(peers.map((peer) => peer.id));
    for (const id of [...this.#remotes.keys()]) if (!present.has(id)) this.#removeRemote(id, 'left');
    // Someone who joined while we were away is the newer member, so they make the offer.
    for (const peer of peers) if (!this.#remotes.has(peer.id)) this.#addRemote(peer.id, peer.name ?? '', false);
    this.#setState('joined');
    this.emit('joined', { id: this.#localId!, room: this.#options.room });
    this.emit('change', undefined);
  }

  #addRemote(id: string, name: string, initiator: boolean): void {
    // A peer-joined replayed after a resume may name someone the peer list already brought.
    if (this.#remotes.has(id)) return;
    this.#remotes.set(id, { name, state: null });
    this.#mesh?.add(id, initiator);
    this.#withQuality((quality) => quality.apply());
    this.emit('peer-joined', { id, name });
  }

  #removeRemote(id: string, reason: PeerLeftReason): void {
    if (!this.#remotes.delete(id)) return;
    this.#mesh?.remove(id);
    this.#viewsSent.delete(id);
    this.#withQuality((quality) => quality.forget(id));
    this.emit('peer-left', { id, reason });
  }

  #remoteStateChanged(id: string, state: PeerState): void {
    const remote = this.#remotes.get(id);
    if (!remote) return;
    remote.state = state;
    if (state.name) remote.name = state.name;
    this.emit('participant-change', { id, local: false, ...state, name: remote.name });
    this.emit('change', undefined);
  }

  #received(from: string, message: ChatMessage): void {
    const name = this.#remotes.get(from)?.name ?? '';
    if (this.#messages.some((entry) => entry.from === from && entry.id === message.id)) return;
    this.#addMessage({ id: message.id, text: message.text, at: message.at, from, name, local: false });
  }

  #addMessage(entry: ChatEntry): void {
    this.#messages = [...this.#messages, entry].slice(-CHAT_HISTORY);
    this.emit('message', entry);
    this.emit('change', undefined);
  }

  /** Tells every peer our state, and the page that it changed. */
  #announce(): void {
    const state = this.#localState();
    this.#mesh?.message({ type: 'state', ...state });
    if (this.#self()) this.emit('participant-change', { id: this.#localId ?? 'local', local: true, ...state });
    this.emit('change', undefined);
  }

  #localState(): PeerState {
    const media = this.#media;
    return {
      name: this.#options.name ?? '',
      audio: media?.microphoneOn ?? false,
      video: media?.cameraOn ?? false,
      screen: media?.screenOn ?? false,
      hand: this.#hand,
    };
  }

  #self(): Participant | null {
    if (!ACTIVE_STATES.includes(this.#state) && !this.#media) return null;
    const id = this.#localId ?? 'local';
    const { name, audio, video, hand } = this.#localState();
    const media = this.#media;
    return {
      id,
      name,
      local: true,
      stream: media?.stream ?? null,
      screen: media?.screen ?? null,
      audio,
      video,
      hand,
      speaking: this.#speaker.speaking.includes(id),
    };
  }

  #describeRemote(id: string, name: string, state: PeerState | null): Participant {
    const peer = this.#mesh?.get(id);
    const stream = peer?.stream ?? null;
    const flowing = (kind: MediaKind) => !!stream?.getTracks().some((t) => t.kind === kind && isFlowing(t));
    const screen = peer?.screen?.getTracks().some(isFlowing) ? peer.screen : null;
    return {
      id,
      name,
      local: false,
      stream,
      screen: state?.screen === false ? null : screen,
      // What they say counts when they say it is off; what arrives counts when they say it is on.
      audio: state?.audio !== false && flowing('audio'),
      video: state?.video !== false && flowing('video'),
      hand: state?.hand ?? false,
      speaking: this.#speaker.speaking.includes(id),
      connectionState: peer?.connectionState,
      reconnecting: peer?.reconnecting ?? false,
      quality: this.#quality?.stats(id)?.quality,
      safetyCode: peer?.safetyCode ?? null,
    };
  }

  /** Closes every peer connection; with a reason, reports each remote participant as gone. */
  #closeMesh(reason?: PeerLeftReason): void {
    this.#mesh?.close();
    this.#mesh = null;
    const ids = [...this.#remotes.keys()];
    this.#remotes.clear();
    if (reason) for (const id of ids) this.emit('peer-left', { id, reason });
  }

  /** Runs now if the stats and adaptation chunk is loaded, else once it is (in order). */
  #withQuality(action: (quality: MeshQuality) => void): void {
    if (this.#quality) action(this.#quality);
    else void this.#qualityLoaded.then(action);
  }

  /** The network came back or changed: new ICE candidates for every peer. */
  #onOnline = (): void => {
    for (const peer of this.#mesh?.peers ?? []) peer.restartIce();
  };

  #fail(error: RtcError): void {
    this.#teardown(false);
    this.#error = error;
    this.#setState('error');
    this.emit('error', error);
  }

  /** Drops the relay connection and the peers; the camera too unless `keepMedia` (a preview about to join). */
  #teardown(keepMedia: boolean): void {
    this.#generation++;
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#quality?.stop();
    this.#viewsSent.clear();
    this.#speaker = NO_SPEAKER;
    this.#subscriptions.drain();
    this.#signaling?.close();
    this.#signaling = null;
    this.#closeMesh();
    this.#localId = null;
    this.#messages = [];
    this.#hand = false;
    if (keepMedia) return;
    this.#mediaSubscriptions.drain();
    this.#media?.stop();
    this.#media = null;
  }

  #setState(state: CallState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.emit('state-change', { state, previous });
  }
}

function isFlowing(track: MediaStreamTrack): boolean {
  return track.readyState === 'live' && !track.muted;
}
