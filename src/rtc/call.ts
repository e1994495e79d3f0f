// One participant's call: local media, the relay connection and the mesh behind a small state machine.
// This is the rtc layer's public face: an element (or any other code) drives it and renders what it reports.
import type { PeerInfo, PeerLeftReason } from '../protocol.ts';
import { Emitter, Subscriptions } from './emitter.ts';
import { RtcError } from './errors.ts';
import { environmentProblem, getLocalMedia, mediaError, type MediaKind } from './media.ts';
import { Mesh } from './mesh.ts';
import type { PeerConnectionFactory } from './peer.ts';
import { SignalingClient, type SocketFactory } from './signaling.ts';

export type CallState = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'left' | 'error';

export interface Participant {
  /** Relay-issued id; `local` for yourself before the relay has issued one. */
  id: string;
  name: string;
  local: boolean;
  stream: MediaStream | null;
  /** Audio is flowing: a live track that is not muted (a remote track is muted while nothing arrives). */
  audio: boolean;
  /** Video is flowing, in the same sense. */
  video: boolean;
  /** For remote participants, their RTCPeerConnection's state. */
  connectionState?: RTCPeerConnectionState;
}

export interface CallOptions {
  /** Relay base URL. */
  server: string;
  room: string;
  name?: string;
  password?: string;
  /** A join token from the site owner's backend. */
  token?: string;
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
  /** Participants or their media changed: render again. */
  change: void;
  error: RtcError;
}

const ACTIVE_STATES: readonly CallState[] = ['joining', 'joined', 'reconnecting'];

export class Call extends Emitter<CallEvents> {
  #options: CallOptions;
  #state: CallState = 'idle';
  #error: RtcError | null = null;
  #localStream: MediaStream | null = null;
  #localId: string | null = null;
  #signaling: SignalingClient | null = null;
  #mesh: Mesh | null = null;
  #remotes = new Map<string, string>();
  #subscriptions = new Subscriptions();
  /** Bumped by every teardown, so a getUserMedia that resolves after leave() is released, not used. */
  #generation = 0;

  constructor(options: CallOptions) {
    super();
    this.#options = options;
  }

  get state(): CallState {
    return this.#state;
  }

  /** The error that put the call in the `error` state. */
  get error(): RtcError | null {
    return this.#error;
  }

  get localStream(): MediaStream | null {
    return this.#localStream;
  }

  get participants(): Participant[] {
    if (!ACTIVE_STATES.includes(this.#state)) return [];
    const self = this.#describe(this.#localId ?? 'local', this.#options.name ?? '', true, this.#localStream);
    const others = [...this.#remotes].map(([id, name]) => {
      const peer = this.#mesh?.get(id);
      return { ...this.#describe(id, name, false, peer?.stream ?? null), connectionState: peer?.connectionState };
    });
    return [self, ...others];
  }

  /** Starts the camera, connects to the relay and joins the room. Failures end in the `error` state. */
  async join(): Promise<void> {
    if (ACTIVE_STATES.includes(this.#state)) return;
    this.#teardown();
    this.#error = null;
    const generation = this.#generation;
    this.#setState('joining');

    const problem = this.#options.mediaDevices ? null : environmentProblem();
    if (problem) return this.#fail(problem);

    const { server, room, name, password, token, connect } = this.#options;
    const join = { room, name, password, token };
    const signaling = (this.#signaling = new SignalingClient({ server, join, connect }));
    this.#listen(signaling);
    signaling.open();

    let media;
    try {
      media = await getLocalMedia(this.#options.mediaDevices);
    } catch (error) {
      if (generation === this.#generation) this.#fail(error instanceof RtcError ? error : mediaError(error));
      return;
    }
    if (generation !== this.#generation) {
      for (const track of media.stream.getTracks()) track.stop();
      return;
    }
    this.#localStream = media.stream;
    if (media.missing.length) this.emit('error', missingDevices(media.missing));
    this.emit('change', undefined);
    signaling.join();
  }

  /** Leaves the room and releases the camera, the microphone and every connection. */
  leave(): void {
    if (this.#state === 'idle' || this.#state === 'left') return;
    this.#teardown();
    this.#setState('left');
    this.emit('left', undefined);
  }

  #listen(signaling: SignalingClient): void {
    this.#subscriptions.add(
      signaling.on('joined', ({ id, peers, iceServers, resumed }) => {
        if (resumed && this.#mesh) return this.#resumed(peers);
        const rejoin = this.#mesh !== null;
        this.#closeMesh(rejoin ? 'disconnected' : undefined);
        this.#localId = id;
        const mesh = (this.#mesh = new Mesh({
          localId: id,
          iceServers,
          localStream: this.#localStream,
          send: (to, data) => signaling.send(to, data),
          createPeerConnection: this.#options.createPeerConnection,
        }));
        this.#subscriptions.add(
          mesh.on('peer-change', () => this.emit('change', undefined)),
          mesh.on('error', (error) => this.emit('error', error)),
        );
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
    this.#remotes.set(id, name);
    this.#mesh?.add(id, initiator);
    this.emit('peer-joined', { id, name });
  }

  #removeRemote(id: string, reason: PeerLeftReason): void {
    if (!this.#remotes.delete(id)) return;
    this.#mesh?.remove(id);
    this.emit('peer-left', { id, reason });
  }

  /** Closes every peer connection; with a reason, reports each remote participant as gone. */
  #closeMesh(reason?: PeerLeftReason): void {
    this.#mesh?.close();
    this.#mesh = null;
    const ids = [...this.#remotes.keys()];
    this.#remotes.clear();
    if (reason) for (const id of ids) this.emit('peer-left', { id, reason });
  }

  #describe(id: string, name: string, local: boolean, stream: MediaStream | null): Participant {
    const live = (kind: MediaKind) => !!stream?.getTracks().some((t) => t.kind === kind && isFlowing(t));
    return { id, name, local, stream, audio: live('audio'), video: live('video') };
  }

  #fail(error: RtcError): void {
    this.#teardown();
    this.#error = error;
    this.#setState('error');
    this.emit('error', error);
  }

  #teardown(): void {
    this.#generation++;
    this.#subscriptions.drain();
    this.#signaling?.close();
    this.#signaling = null;
    this.#closeMesh();
    for (const track of this.#localStream?.getTracks() ?? []) track.stop();
    this.#localStream = null;
    this.#localId = null;
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

function missingDevices(missing: MediaKind[]): RtcError {
  const message =
    missing.length === 2
      ? 'No camera or microphone was found: you joined listen-only.'
      : missing[0] === 'video'
        ? 'No camera was found: you joined with audio only.'
        : 'No microphone was found: you joined with video only.';
  return new RtcError('no-devices', message);
}
