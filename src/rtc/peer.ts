// One RTCPeerConnection to one remote participant, negotiated with perfect negotiation.
// The side that joins later (the initiator) adds an audio and a video transceiver and a data channel, and
// offers; the other side answers on what the offer created, so joining never races two offers. Later
// changes (a screen share, a camera that comes back) go through replaceTrack where they can, and through the
// same glare-safe negotiation where they must.
import type { JsonObject } from '../protocol.ts';
import { Emitter } from './emitter.ts';
import { RtcError } from './errors.ts';
import { IceRecovery } from './ice-recovery.ts';
import type { LocalTracks } from './local-media.ts';
import { isPolite, shouldIgnore } from './negotiation.ts';
import { PeerChannel } from './peer-channel.ts';
import type { Packet } from './packets.ts';
import { RemoteMedia } from './remote-media.ts';
import { encodeSignal, parseSignal, type SignalData } from './signal-data.ts';
import { Transceivers } from './transceivers.ts';
import type { VideoEncoding } from './uplink.ts';

/**
 * Encoding changes wait from the first connection attempt until this long after it connected: an encoder
 * reconfigured just as it starts drops its first frames, which put the first remote frame about 200 ms later.
 * Meanwhile the encoding set before (the guess for a tile not yet measured) stays; the latest change follows.
 */
export const ENCODER_START_MS = 1000;

/**
 * Candidates kept while no remote description exists. With max-bundle there is one transport: a host candidate
 * or two per network address, one per STUN server, one per TURN URL; a real peer sends a few dozen at most.
 */
export const PENDING_CANDIDATES_LIMIT = 64;

/** What a peer sent us that was dropped: candidates refused or over the limit, data-channel packets. */
export interface DroppedCounts {
  candidates: number;
  messages: number;
}

export type PeerConnectionFactory = (configuration: RTCConfiguration) => RTCPeerConnection;

export interface PeerOptions {
  localId: string;
  remoteId: string;
  /** True on the side that makes the first offer: the one that joined after the other. */
  initiator: boolean;
  iceServers: RTCIceServer[];
  localTracks: LocalTracks;
  /** Sends a signal to the remote peer, through the relay. */
  signal(data: JsonObject): void;
  createPeerConnection?: PeerConnectionFactory;
}

export interface PeerEvents {
  /** Remote tracks came, went, were muted or unmuted; the connection state changed; or the safety code is known. */
  change: void;
  /** The data channel opened: say who we are. */
  open: void;
  packet: Packet;
  error: RtcError;
}

export class Peer extends Emitter<PeerEvents> {
  readonly id: string;
  #pc: RTCPeerConnection;
  #polite: boolean;
  #sendSignal: (data: JsonObject) => void;
  #transceivers: Transceivers;
  #channel: PeerChannel;
  #recovery: IceRecovery;
  #answerSetUp: boolean;
  #ignoreOffer = false;
  #pendingCandidates: RTCIceCandidateInit[] = [];
  #droppedCandidates = 0;
  #work: Promise<void> = Promise.resolve();
  #remoteMedia = new RemoteMedia(() => this.emit('change', undefined));
  #safetyCode: string | null = null;
  /** Our video encoder for this peer: encoding changes wait while it is starting (see ENCODER_START_MS). */
  #encoder: 'idle' | 'starting' | 'running' = 'idle';
  #encoderStartTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(options: PeerOptions) {
    super();
    const create = options.createPeerConnection ?? ((configuration) => new RTCPeerConnection(configuration));
    this.id = options.remoteId;
    this.#polite = isPolite(options.localId, options.remoteId);
    this.#sendSignal = options.signal;
    this.#answerSetUp = options.initiator;

    // One transport for audio, video and data from the start: a third of the candidates to signal and check
    // (the default gathers for each kind until the answer says both ends bundle, as every browser does).
    const pc = (this.#pc = create({ iceServers: options.iceServers, bundlePolicy: 'max-bundle' }));
    this.#transceivers = new Transceivers(pc, options.localTracks);
    this.#channel = new PeerChannel({
      open: () => this.emit('open', undefined),
      packet: (packet) => this.emit('packet', packet),
    });
    this.#recovery = new IceRecovery(
      pc,
      () => this.#fail('Could not connect to this participant: a TURN server may be needed on this network.'),
      (task) => this.#serially(task),
    );
    pc.onnegotiationneeded = () => this.#serially(() => this.#offer());
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.#signal({ candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ track, transceiver }) => this.#remoteMedia.add(track, this.#transceivers.isScreen(transceiver));
    pc.onconnectionstatechange = () => this.#connectionStateChanged();

    if (options.initiator) {
      this.#transceivers.addMain();
      this.#channel.open(pc);
      void this.#transceivers.shareScreen();
    }
  }

  /** The remote participant's microphone and camera; a new MediaStream whenever the set of tracks changes. */
  get stream(): MediaStream {
    return this.#remoteMedia.stream;
  }

  /** Some of their media arrives: a track of theirs is unmuted. */
  get receiving(): boolean {
    return this.stream.getTracks().some((track) => !track.muted);
  }

  /** The remote participant's screen share, while there is one. */
  get screen(): MediaStream | null {
    return this.#remoteMedia.screen;
  }

  get connectionState(): RTCPeerConnectionState {
    return this.#pc.connectionState;
  }

  /** Connected once and lost since: an ICE restart is under way. */
  get reconnecting(): boolean {
    return this.#recovery.reconnecting;
  }

  /** The code both ends can compare to rule out anyone in the middle (see safety-code.ts), once connected. */
  get safetyCode(): string | null {
    return this.#safetyCode;
  }

  /** Restarts ICE (new candidates, same connection), e.g. when the network changed. */
  restartIce(): void {
    this.#recovery.restart();
  }

  /** Fresh STUN/TURN servers (new TURN credentials) for what gathers from now on: ICE restarts, TURN allocations. */
  setIceServers(iceServers: RTCIceServer[]): void {
    if (!this.#closed) this.#pc.setConfiguration({ ...this.#pc.getConfiguration(), iceServers });
  }

  /** Limits the camera video sent to this peer (resolution, bitrate, frame rate, or none). */
  setEncoding(encoding: VideoEncoding): void {
    this.#transceivers.setEncoding(encoding);
    if (this.#encoder !== 'starting') this.#serially(() => this.#transceivers.applyEncoding());
  }

  get dropped(): DroppedCounts {
    return { candidates: this.#droppedCandidates, messages: this.#channel.dropped };
  }

  async stats(): Promise<RTCStatsReport> {
    return this.#pc.getStats();
  }

  /** Handles a `{ description }` or `{ candidate }` from the remote peer, in arrival order; drops anything else. */
  receive(data: unknown): void {
    const signal = parseSignal(data);
    if (signal) this.#serially(() => this.#receive(signal));
    else if ((data as { candidate?: unknown } | null)?.candidate) this.#droppedCandidates++;
  }

  /** Sends a packet over the data channel, once it is open. */
  send(packet: Packet): void {
    this.#channel.send(packet);
  }

  /** Sends another microphone, camera or screen track (or none) to this peer. */
  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#transceivers.setTrack(kind, track);
    if (!this.#answerSetUp) return; // the tracks go on the transceivers once the first offer has made them
    this.#serially(() => this.#transceivers.send(kind, track));
  }

  /** Audio levels (0–1) from this connection's stats: the remote participant's, and our microphone's. */
  async audioLevels(): Promise<{ remote: number; local: number }> {
    const levels = { remote: 0, local: 0 };
    if (this.#closed) return levels;
    (await this.#pc.getStats()).forEach((report: { type: string; kind?: string; audioLevel?: number }) => {
      if (report.kind !== 'audio' || report.audioLevel === undefined) return;
      if (report.type === 'inbound-rtp') levels.remote = Math.max(levels.remote, report.audioLevel);
      if (report.type === 'media-source') levels.local = Math.max(levels.local, report.audioLevel);
    });
    return levels;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#encoderStartTimer);
    this.#recovery.stop();
    this.#remoteMedia.stop();
    this.#channel.close();
    this.#pc.close();
    this.removeAllListeners();
  }

  /** Negotiation, incoming signals and track changes run one at a time, in order, so no await interleaves. */
  #serially(task: () => Promise<void> | void): void {
    this.#work = this.#work.then(async () => {
      if (this.#closed) return;
      try {
        await task();
      } catch (cause) {
        if (!this.#closed) this.#fail('Negotiation with this participant failed.', cause);
      }
    });
  }

  async #offer(): Promise<void> {
    // negotiationneeded fires again once the connection is back to stable, if it is still needed.
    if (this.#pc.signalingState !== 'stable') return;
    await this.#pc.setLocalDescription();
    this.#signal({ description: this.#pc.localDescription!.toJSON() });
  }

  async #receive(signal: SignalData): Promise<void> {
    const pc = this.#pc;
    if ('candidate' in signal) {
      if (pc.remoteDescription) await this.#addCandidate(signal.candidate);
      else if (this.#pendingCandidates.length >= PENDING_CANDIDATES_LIMIT) this.#droppedCandidates++;
      else this.#pendingCandidates.push(signal.candidate);
      return;
    }
    const { description } = signal;
    this.#ignoreOffer = shouldIgnore(description.type, this.#polite, pc.signalingState);
    if (this.#ignoreOffer) return;
    await pc.setRemoteDescription(description);
    if (description.type === 'offer') {
      await this.#setUpAnswer();
      await pc.setLocalDescription();
      this.#signal({ description: pc.localDescription!.toJSON() });
    }
    for (const candidate of this.#pendingCandidates.splice(0)) await this.#addCandidate(candidate);
  }

  async #addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.#pc.addIceCandidate(candidate);
    } catch (error) {
      // Candidates of an offer we ignored cannot be added; any other failure is real.
      if (!this.#ignoreOffer) throw error;
    }
  }

  /**
   * On the answering side, once the first offer has created the transceivers and the data channel's m-line:
   * send our tracks on them and open our end of the (negotiated) channel, with no new negotiation.
   */
  async #setUpAnswer(): Promise<void> {
    if (this.#answerSetUp) return;
    this.#answerSetUp = true;
    await this.#transceivers.sendOnOffered();
    await this.#transceivers.applyEncoding(); // before the encoder starts, which it does on connecting
    this.#channel.open(this.#pc);
    await this.#transceivers.shareScreen();
  }

  #connectionStateChanged(): void {
    const state = this.#pc.connectionState;
    this.#recovery.update(state);
    // Both, as a 'connecting' event may find the state already 'connected' (and 'connected' may come twice).
    if ((state === 'connecting' || state === 'connected') && this.#encoder === 'idle') this.#encoder = 'starting';
    if (state === 'connected') {
      if (this.#encoder === 'running') this.#serially(() => this.#transceivers.applyEncoding());
      else this.#encoderStartTimer ??= setTimeout(() => this.#encoderStarted(), ENCODER_START_MS);
      void this.#computeSafetyCode();
    }
    this.emit('change', undefined);
  }

  #encoderStarted(): void {
    this.#encoder = 'running';
    this.#serially(() => this.#transceivers.applyEncoding());
  }

  async #computeSafetyCode(): Promise<void> {
    const local = this.#pc.currentLocalDescription?.sdp;
    const remote = this.#pc.currentRemoteDescription?.sdp;
    if (!local || !remote) return;
    const { safetyCode } = await import('./safety-code.ts');
    const code = await safetyCode(local, remote);
    if (this.#closed || code === this.#safetyCode) return;
    this.#safetyCode = code;
    this.emit('change', undefined);
  }

  #signal(data: SignalData): void {
    if (!this.#closed) this.#sendSignal(encodeSignal(data));
  }

  #fail(message: string, cause?: unknown): void {
    this.emit('error', new RtcError('peer-connection-failed', message, { cause, peerId: this.id }));
  }
}
