// One RTCPeerConnection to one remote participant, negotiated with perfect negotiation.
// The side that joins later (the initiator) adds an audio and a video transceiver and offers; the other side
// answers on the transceivers the offer created, so joining never races two offers. Later renegotiation
// from either side goes through the same glare-safe path.
import type { JsonObject } from '../protocol.ts';
import { Emitter } from './emitter.ts';
import { RtcError } from './errors.ts';
import { isPolite, shouldIgnore } from './negotiation.ts';
import { encodeSignal, parseSignal, type SignalData } from './signal-data.ts';

export type PeerConnectionFactory = (configuration: RTCConfiguration) => RTCPeerConnection;

export interface PeerOptions {
  localId: string;
  remoteId: string;
  /** True on the side that makes the first offer: the one that joined after the other. */
  initiator: boolean;
  iceServers: RTCIceServer[];
  localStream: MediaStream | null;
  send(data: JsonObject): void;
  createPeerConnection?: PeerConnectionFactory;
}

export interface PeerEvents {
  /** The remote media changed: tracks came or went (a new MediaStream), or one was muted or unmuted. */
  stream: MediaStream;
  'connection-state': RTCPeerConnectionState;
  error: RtcError;
}

const KINDS = ['audio', 'video'] as const;

export class Peer extends Emitter<PeerEvents> {
  readonly id: string;
  #pc: RTCPeerConnection;
  #polite: boolean;
  #send: (data: JsonObject) => void;
  #localStream: MediaStream | null;
  #localTracksAttached: boolean;
  #ignoreOffer = false;
  #pendingCandidates: RTCIceCandidateInit[] = [];
  #work: Promise<void> = Promise.resolve();
  #stream = new MediaStream();
  #closed = false;

  constructor(options: PeerOptions) {
    super();
    const create = options.createPeerConnection ?? ((configuration) => new RTCPeerConnection(configuration));
    this.id = options.remoteId;
    this.#polite = isPolite(options.localId, options.remoteId);
    this.#send = options.send;
    this.#localStream = options.localStream;
    this.#localTracksAttached = options.initiator;

    const pc = (this.#pc = create({ iceServers: options.iceServers }));
    pc.onnegotiationneeded = () => this.#serially(() => this.#offer());
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.#signal({ candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ track }) => this.#addRemoteTrack(track);
    pc.onconnectionstatechange = () => this.#connectionStateChanged();

    if (options.initiator) {
      const streams = this.#localStream ? [this.#localStream] : [];
      for (const kind of KINDS) pc.addTransceiver(this.#localTrack(kind) ?? kind, { direction: 'sendrecv', streams });
    }
  }

  /** The remote participant's media; a new MediaStream whenever the set of tracks changes. */
  get stream(): MediaStream {
    return this.#stream;
  }

  get connectionState(): RTCPeerConnectionState {
    return this.#pc.connectionState;
  }

  /** Handles a `{ description }` or `{ candidate }` from the remote peer, in arrival order. */
  receive(data: unknown): void {
    const signal = parseSignal(data);
    if (signal) this.#serially(() => this.#receive(signal));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pc.close();
    this.removeAllListeners();
  }

  /** Negotiation and incoming signals run one at a time, in order, so no await interleaves with another. */
  #serially(task: () => Promise<void>): void {
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
      await this.#attachLocalTracks();
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

  /** On the answering side, sends our tracks on the transceivers the first remote offer created. */
  async #attachLocalTracks(): Promise<void> {
    if (this.#localTracksAttached) return;
    this.#localTracksAttached = true;
    for (const kind of KINDS) {
      const transceiver = this.#pc.getTransceivers().find((t) => t.receiver.track.kind === kind && !t.sender.track);
      if (!transceiver) continue;
      // sendrecv even without a track, so a camera that arrives later needs only replaceTrack.
      transceiver.direction = 'sendrecv';
      const track = this.#localTrack(kind);
      if (track) await transceiver.sender.replaceTrack(track);
    }
  }

  #localTrack(kind: 'audio' | 'video'): MediaStreamTrack | undefined {
    return this.#localStream?.getTracks().find((track) => track.kind === kind);
  }

  #addRemoteTrack(track: MediaStreamTrack): void {
    this.#updateStream([...this.#stream.getTracks().filter((t) => t !== track), track]);
    track.addEventListener('ended', () => this.#updateStream(this.#stream.getTracks().filter((t) => t !== track)), {
      once: true,
    });
    // A remote track is muted while no media arrives for it: before the first frame, or when the other
    // end has no camera or stops sending.
    const changed = () => this.#closed || this.emit('stream', this.#stream);
    track.addEventListener('mute', changed);
    track.addEventListener('unmute', changed);
  }

  #updateStream(tracks: MediaStreamTrack[]): void {
    if (this.#closed) return;
    this.#stream = new MediaStream(tracks);
    this.emit('stream', this.#stream);
  }

  #connectionStateChanged(): void {
    const state = this.#pc.connectionState;
    this.emit('connection-state', state);
    if (state === 'failed') {
      this.#fail('Could not connect to this participant: a TURN server may be needed on this network.');
    }
  }

  #signal(data: SignalData): void {
    if (!this.#closed) this.#send(encodeSignal(data));
  }

  #fail(message: string, cause?: unknown): void {
    this.emit('error', new RtcError('peer-connection-failed', message, { cause, peerId: this.id }));
  }
}
