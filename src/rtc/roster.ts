// The other participants of a call: who is here (the name the relay knows, the state each announced), the
// peer connection to each (the mesh, once joined), and what they send us over it.
import type { JsonObject, PeerInfo, PeerLeftReason } from '../protocol.ts';
import type { CallEvents, ChatEntry, Participant, ParticipantStats } from './call-types.ts';
import type { CallQuality } from './call-quality.ts';
import { Emitter } from './emitter.ts';
import type { RtcError } from './errors.ts';
import { Mesh } from './mesh.ts';
import type { ChatMessage, PeerMessage, PeerState, ViewMessage } from './peer-messages.ts';
import { describeRemote, nameOf, type Remote } from './participants.ts';
import type { LocalTracks } from './media.ts';
import type { PeerConnectionFactory } from './peer.ts';
import type { SignalingClient } from './signaling.ts';

export interface RosterOptions {
  quality: CallQuality;
  /** What we tell each peer about ourselves once its data channel opens. */
  localState: () => PeerState;
  createPeerConnection?: PeerConnectionFactory;
}

export interface RosterEvents {
  'peer-joined': CallEvents['peer-joined'];
  'peer-left': CallEvents['peer-left'];
  'participant-change': CallEvents['participant-change'];
  /** A chat message from someone (possibly one already received). */
  message: ChatEntry;
  data: CallEvents['data'];
  change: void;
  error: RtcError;
}

export class Roster extends Emitter<RosterEvents> {
  #options: RosterOptions;
  #remotes = new Map<string, Remote>();
  #mesh: Mesh | null = null;

  constructor(options: RosterOptions) {
    super();
    this.#options = options;
  }

  get mesh(): Mesh | null {
    return this.#mesh;
  }

  get participants(): Participant[] {
    const { quality } = this.#options;
    return [...this.#remotes].map(([id, remote]) =>
      describeRemote(id, remote, this.#mesh?.get(id), {
        speaking: quality.isSpeaking(id),
        quality: quality.stats(id)?.quality,
      }),
    );
  }

  /** Live figures for each participant: quality, round-trip time, loss, video, path, safety code, drops. */
  get stats(): Record<string, ParticipantStats> {
    const result: Record<string, ParticipantStats> = {};
    for (const id of this.#remotes.keys()) {
      const stats = this.#options.quality.stats(id);
      const peer = this.#mesh?.get(id);
      const dropped = peer?.dropped ?? { candidates: 0, messages: 0 };
      if (stats) result[id] = { ...stats, safetyCode: peer?.safetyCode ?? null, dropped };
    }
    return result;
  }

  /** Connects to the room just joined as `localId` (after close() of any before), sending `localTracks`. */
  connect(localId: string, iceServers: RTCIceServer[], signaling: SignalingClient, localTracks: LocalTracks): void {
    const { quality, localState, createPeerConnection } = this.#options;
    const send = (to: string, data: JsonObject) => signaling.send(to, data);
    const mesh = (this.#mesh = new Mesh({ localId, iceServers, localTracks, send, createPeerConnection }));
    mesh.on('peer-change', () => this.emit('change', undefined));
    mesh.on('peer-open', (peer) => peer.message({ type: 'state', ...localState() }));
    mesh.on('peer-message', ({ peer, message }) => {
      if (message.type === 'state') this.#stateChanged(peer.id, message);
      else if (message.type === 'chat') this.#chatReceived(peer.id, message);
      else if (message.type === 'view') quality.run((quality) => quality.view(peer.id, message));
      else this.emit('data', { from: peer.id, payload: message.payload });
    });
    mesh.on('error', (error) => this.emit('error', error));
    quality.run((quality) => this.#mesh === mesh && quality.start(mesh, localId));
  }

  /** Follows the relay's word on who comes and goes, and hands each peer its signals; returns the unsubscribers. */
  follow(signaling: SignalingClient): Array<() => void> {
    return [
      signaling.on('peer-joined', (peer) => {
        this.add(peer, false);
        this.emit('change', undefined);
      }),
      signaling.on('peer-renamed', ({ id, name }) => {
        const remote = this.#remotes.get(id);
        if (remote) this.#changed(id, Object.assign(remote, { name }));
      }),
      signaling.on('peer-left', ({ id, reason }) => {
        this.#remove(id, reason);
        this.emit('change', undefined);
      }),
      signaling.on('signal', ({ from, data }) => this.#mesh?.receive(from, data)),
    ];
  }

  /** Someone is here; `initiator` when we joined after them and make the first offer. */
  add({ id, name = '', verified }: PeerInfo, initiator: boolean): void {
    // A peer-joined replayed after a resume may name someone the peer list already brought.
    if (this.#remotes.has(id)) return;
    this.#remotes.set(id, { name, verified: !!verified, state: null });
    this.#mesh?.add(id, initiator);
    this.#options.quality.run((quality) => quality.apply());
    this.emit('peer-joined', { id, name, verified: !!verified });
  }

  #remove(id: string, reason: PeerLeftReason): void {
    if (!this.#remotes.delete(id)) return;
    this.#mesh?.remove(id);
    this.#options.quality.forget(id);
    this.emit('peer-left', { id, reason });
  }

  /** After a resume, catches up with the relay's peer list on anything the replayed events cannot tell. */
  resync(peers: PeerInfo[]): void {
    const present = new Set(peers.map((peer) => peer.id));
    for (const id of [...this.#remotes.keys()]) if (!present.has(id)) this.#remove(id, 'left');
    // Someone who joined while we were away is the newer member, so they make the offer.
    for (const peer of peers) this.add(peer, false);
  }

  /** Sends a data-channel message to one participant, or to all. */
  message(message: PeerMessage, to?: string): void {
    this.#mesh?.message(message, to);
  }

  /** Tells a participant how we show their camera, when that changed enough to matter. */
  setView(id: string, view: ViewMessage): void {
    if (!this.#remotes.has(id) || !this.#options.quality.viewChanged(id, view)) return;
    this.#mesh?.message({ type: 'view', ...view }, id);
  }

  /** New ICE candidates for every peer, e.g. when the network came back or changed. */
  restartIce(): void {
    for (const peer of this.#mesh?.peers ?? []) peer.restartIce();
  }

  /** Closes every peer connection; with a reason, reports each participant as gone. */
  close(reason?: PeerLeftReason): void {
    this.#mesh?.close();
    this.#mesh = null;
    const ids = [...this.#remotes.keys()];
    this.#remotes.clear();
    if (reason) for (const id of ids) this.emit('peer-left', { id, reason });
  }

  #chatReceived(from: string, { id, text, at }: ChatMessage): void {
    const remote = this.#remotes.get(from);
    this.emit('message', { id, text, at, from, name: remote ? nameOf(remote) : '', local: false });
  }

  #stateChanged(id: string, state: PeerState): void {
    const remote = this.#remotes.get(id);
    // The name in it counts only where the relay knows none (nameOf): a peer cannot pass for someone else.
    if (remote) this.#changed(id, Object.assign(remote, { state }));
  }

  #changed(id: string, remote: Remote): void {
    const { state, verified } = remote;
    const shown = { audio: false, video: false, screen: false, hand: false, ...state, name: nameOf(remote) };
    this.emit('participant-change', { id, local: false, verified, ...shown });
    this.emit('change', undefined);
  }
}
