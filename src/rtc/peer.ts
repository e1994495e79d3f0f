// One RTCPeerConnection to one remote participant, negotiated with perfect negotiation.
// The side that joins later (the initiator) adds an audio and a video transceiver and a data channel, and
// offers; the other side answers on what the offer created, so joining never races two offers. Later
// changes (a screen share, a camera that comes back) go through replaceTrack where they can, and through the
// same glare-safe negotiation where they must.
import type { JsonObject } from '../protocol.ts';
import { Emitter } from './emitter.ts';
import { RtcError } from './errors.ts';
import { isPolite, shouldIgnore } from './negotiation.ts';
import { encodePeerMessage, parsePeerMessage, type PeerMessage } from './peer-messages.ts';
import { encodeSignal, parseSignal, type SignalData } from './signal-data.ts';
import type { VideoEncoding } from './uplink.ts';

export type PeerConnectionFactory = (configuration: RTCConfiguration) => RTCPeerConnection;

/** The tracks we send: microphone, camera and screen, each possibly absent. */
export interface LocalTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
}

export interface PeerOptions {
  localId: string;
  remoteId: string;
  /** True on the side that makes the first offer: the one that joined after the other. */
  initiator: boolean;
  iceServers: RTCIceServer[];
  localTracks: LocalTracks;
  send(data: JsonObject): void;
  createPeerConnection?: PeerConnectionFactory;
}

export interface PeerEvents {
  /** The remote media changed (tracks came or went, or were muted or unmuted), or the safety code is known. */
  stream: void;
  /** The data channel opened: say who we are. */
  open: void;
  message: PeerMessage;
  'connection-state': RTCPeerConnectionState;
  error: RtcError;
}

/** Messages kept while the data channel is still opening. */
const OUTBOX_LIMIT = 64;
/** A connection `disconnected` this long gets an ICE restart; `failed` gets one at once. */
const DISCONNECTED_GRACE_MS = 3000;
/** ICE restarts tried in a row before giving up on the peer with peer-connection-failed. */
const MAX_RESTARTS = 3;

export class Peer extends Emitter<PeerEvents> {
  readonly id: string;
  #pc: RTCPeerConnection;
  #polite: boolean;
  #send: (data: JsonObject) => void;
  #localTracks: LocalTracks;
  #answerSetUp: boolean;
  #channel: RTCDataChannel | null = null;
  #outbox: string[] = [];
  #ignoreOffer = false;
  #pendingCandidates: RTCIceCandidateInit[] = [];
  #work: Promise<void> = Promise.resolve();
  #stream = new MediaStream();
  #screen: MediaStream | null = null;
  #encoding: VideoEncoding | null = null;
  #everConnected = false;
  #restarts = 0;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #safetyCode: string | null = null;
  #closed = false;

  constructor(options: PeerOptions) {
    super();
    const create = options.createPeerConnection ?? ((configuration) => new RTCPeerConnection(configuration));
    this.id = options.remoteId;
    this.#polite = isPolite(options.localId, options.remoteId);
    this.#send = options.send;
    this.#localTracks = { ...options.localTracks };
    this.#answerSetUp = options.initiator;

    const pc = (this.#pc = create({ iceServers: options.iceServers }));
    pc.onnegotiationneeded = () => this.#serially(() => this.#offer());
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.#signal({ candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ track, transceiver }) => this.#addRemoteTrack(track, transceiver);
    pc.onconnectionstatechange = () => this.#connectionStateChanged();

    if (options.initiator) {
      for (const kind of ['audio', 'video'] as const) {
        pc.addTransceiver(this.#localTracks[kind] ?? kind, { direction: 'sendrecv' });
      }
      this.#openChannel();
      if (this.#localTracks.screen) this.#sendScreen(this.#localTracks.screen);
    }
  }

  /** The remote participant's microphone and camera; a new MediaStream whenever the set of tracks changes. */
  get stream(): MediaStream {
    return this.#stream;
  }

  /** The remote participant's screen share, while there is one. */
  get screen(): MediaStream | null {
    return this.#screen;
  }

  get connectionState(): RTCPeerConnectionState {
    return this.#pc.connectionState;
  }

  /** Connected once and lost since: an ICE restart is under way. */
  get reconnecting(): boolean {
    return this.#everConnected && this.#pc.connectionState !== 'connected';
  }

  /** The code both ends can compare to rule out anyone in the middle (see safety-code.ts), once connected. */
  get safetyCode(): string | null {
    return this.#safetyCode;
  }

  /** Restarts ICE (new candidates, same connection), e.g. when the network changed. */
  restartIce(): void {
    if (this.#closed) return;
    this.#restarts++;
    this.#pc.restartIce();
  }

  /** Limits the camera video sent to this peer (resolution, bitrate, frame rate, or none). */
  setEncoding(encoding: VideoEncoding): void {
    this.#encoding = encoding;
    this.#serially(() => this.#applyEncoding());
  }

  async stats(): Promise<RTCStatsReport> {
    return this.#pc.getStats();
  }

  /** Handles a `{ description }` or `{ candidate }` from the remote peer, in arrival order. */
  receive(data: unknown): void {
    const signal = parseSignal(data);
    if (signal) this.#serially(() => this.#receive(signal));
  }

  /** Sends a message over the data channel, once it is open. */
  message(message: PeerMessage): void {
    const encoded = encodePeerMessage(message);
    if (this.#channel?.readyState === 'open') this.#channel.send(encoded);
    else if (this.#outbox.length < OUTBOX_LIMIT) this.#outbox.push(encoded);
  }

  /** Sends another microphone, camera or screen track (or none) to this peer. */
  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#localTracks[kind] = track;
    if (!this.#answerSetUp) return; // the tracks go on the transceivers once the first offer has made them
    this.#serially(async () => {
      if (kind === 'screen') return this.#sendScreen(track);
      await this.#mainTransceiver(kind)?.sender.replaceTrack(track);
    });
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
    clearTimeout(this.#restartTimer);
    this.#channel?.close();
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
    for (const kind of ['audio', 'video'] as const) {
      const transceiver = this.#mainTransceiver(kind);
      if (!transceiver) continue;
      // sendrecv even without a track, so a camera that arrives later needs only replaceTrack.
      transceiver.direction = 'sendrecv';
      const track = this.#localTracks[kind];
      if (track) await transceiver.sender.replaceTrack(track);
    }
    this.#openChannel();
    if (this.#localTracks.screen) await this.#sendScreen(this.#localTracks.screen);
  }

  /**
   * The first transceiver of a kind carries the microphone or the camera; any later video transceiver
   * carries a screen share. Both ends create them in the same order, so both agree.
   */
  #mainTransceiver(kind: 'audio' | 'video'): RTCRtpTransceiver | undefined {
    return this.#pc.getTransceivers().find((t) => t.receiver.track.kind === kind);
  }

  #isScreen(transceiver: RTCRtpTransceiver): boolean {
    return transceiver.receiver.track.kind === 'video' && transceiver !== this.#mainTransceiver('video');
  }

  /** Sends the screen on our screen transceiver (made on first use, reused after), or stops sending it. */
  async #sendScreen(track: MediaStreamTrack | null): Promise<void> {
    const mine = this.#pc.getTransceivers().find((t) => this.#isScreen(t) && t.direction !== 'recvonly');
    if (track && !mine) {
      this.#pc.addTransceiver(track, { direction: 'sendonly' });
      return;
    }
    if (!mine) return;
    await mine.sender.replaceTrack(track);
    mine.direction = track ? 'sendonly' : 'inactive';
  }

  #openChannel(): void {
    // Negotiated with the same id on both ends: no datachannel event, no race over who creates it.
    const channel = (this.#channel = this.#pc.createDataChannel('video-conference', { negotiated: true, id: 0 }));
    channel.onopen = () => {
      for (const encoded of this.#outbox.splice(0)) channel.send(encoded);
      this.emit('open', undefined);
    };
    channel.onmessage = ({ data }) => {
      const message = parsePeerMessage(data);
      if (message) this.emit('message', message);
    };
  }

  #addRemoteTrack(track: MediaStreamTrack, transceiver: RTCRtpTransceiver): void {
    const screen = this.#isScreen(transceiver);
    const remove = () => this.#updateMedia(track, screen, false);
    this.#updateMedia(track, screen, true);
    track.addEventListener('ended', remove, { once: true });
    // A remote track is muted while no media arrives for it: before the first frame, or when the other
    // end has no camera, turned it off or stopped sharing.
    const changed = () => this.#closed || this.emit('stream', undefined);
    track.addEventListener('mute', changed);
    track.addEventListener('unmute', changed);
  }

  #updateMedia(track: MediaStreamTrack, screen: boolean, present: boolean): void {
    if (this.#closed) return;
    const current = screen ? (this.#screen?.getTracks() ?? []) : this.#stream.getTracks();
    const tracks = [...current.filter((t) => t !== track), ...(present ? [track] : [])];
    if (screen) this.#screen = tracks.length ? new MediaStream(tracks) : null;
    else this.#stream = new MediaStream(tracks);
    this.emit('stream', undefined);
  }

  /** Sets the encoding on the camera's sender; before negotiation has made encodings, later runs retry it. */
  async #applyEncoding(): Promise<void> {
    const sender = this.#mainTransceiver('video')?.sender;
    const wanted = this.#encoding;
    if (!sender || !wanted) return;
    const parameters = sender.getParameters();
    const [current] = parameters.encodings;
    if (!current) return;
    const changed = (Object.keys(wanted) as Array<keyof VideoEncoding>).some((key) => current[key] !== wanted[key]);
    if (!changed) return;
    Object.assign(current, wanted);
    await sender.setParameters(parameters);
  }

  #connectionStateChanged(): void {
    const state = this.#pc.connectionState;
    clearTimeout(this.#restartTimer);
    if (state === 'connected') {
      this.#everConnected = true;
      this.#restarts = 0;
      this.#serially(() => this.#applyEncoding());
      void this.#computeSafetyCode();
    } else if (state === 'disconnected') {
      this.#restartTimer = setTimeout(() => this.#recover(), DISCONNECTED_GRACE_MS);
    } else if (state === 'failed') {
      this.#recover();
    }
    this.emit('connection-state', state);
  }

  /** ICE restarts, a few times; then the peer is reported as failed, with the likely cure. */
  #recover(): void {
    if (this.#closed || this.#pc.connectionState === 'connected') return;
    if (this.#restarts < MAX_RESTARTS) return this.restartIce();
    this.#fail('Could not connect to this participant: a TURN server may be needed on this network.');
  }

  async #computeSafetyCode(): Promise<void> {
    const local = this.#pc.currentLocalDescription?.sdp;
    const remote = this.#pc.currentRemoteDescription?.sdp;
    if (!local || !remote) return;
    const { safetyCode } = await import('./safety-code.ts');
    const code = await safetyCode(local, remote);
    if (this.#closed || code === this.#safetyCode) return;
    this.#safetyCode = code;
    this.emit('stream', undefined);
  }

  #signal(data: SignalData): void {
    if (!this.#closed) this.#send(encodeSignal(data));
  }

  #fail(message: string, cause?: unknown): void {
    this.emit('error', new RtcError('peer-connection-failed', message, { cause, peerId: this.id }));
  }
}
