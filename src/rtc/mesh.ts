// The peers of one room, keyed by remote id: creates them, routes each signal and data-channel message,
// hands every peer the tracks we send, and closes them.
import type { JsonObject } from '../protocol.ts';
import { Emitter, Subscriptions } from './emitter.ts';
import type { RtcError } from './errors.ts';
import type { PeerMessage } from './peer-messages.ts';
import type { LocalTracks } from './media.ts';
import { Peer, type PeerConnectionFactory } from './peer.ts';

export interface MeshOptions {
  localId: string;
  iceServers: RTCIceServer[];
  localTracks: LocalTracks;
  send(to: string, data: JsonObject): void;
  createPeerConnection?: PeerConnectionFactory;
}

export interface MeshEvents {
  /** A peer's remote media or connection state changed. */
  'peer-change': Peer;
  /** A peer's data channel opened. */
  'peer-open': Peer;
  'peer-message': { peer: Peer; message: PeerMessage };
  error: RtcError;
}

export class Mesh extends Emitter<MeshEvents> {
  #options: MeshOptions;
  #peers = new Map<string, { peer: Peer; subscriptions: Subscriptions }>();

  constructor(options: MeshOptions) {
    super();
    this.#options = { ...options, localTracks: { ...options.localTracks } };
  }

  get peers(): Peer[] {
    return [...this.#peers.values()].map(({ peer }) => peer);
  }

  /** Connects to a remote participant; `initiator` when we joined after them and make the first offer. */
  add(remoteId: string, initiator: boolean): Peer {
    this.remove(remoteId);
    const { localId, iceServers, localTracks, send, createPeerConnection } = this.#options;
    const peer = new Peer({
      localId,
      remoteId,
      initiator,
      iceServers,
      localTracks,
      createPeerConnection,
      send: (data) => send(remoteId, data),
    });
    const subscriptions = new Subscriptions();
    subscriptions.add(
      peer.on('stream', () => this.emit('peer-change', peer)),
      peer.on('connection-state', () => this.emit('peer-change', peer)),
      peer.on('open', () => this.emit('peer-open', peer)),
      peer.on('message', (message) => this.emit('peer-message', { peer, message })),
      peer.on('error', (error) => this.emit('error', error)),
    );
    this.#peers.set(remoteId, { peer, subscriptions });
    return peer;
  }

  get(remoteId: string): Peer | undefined {
    return this.#peers.get(remoteId)?.peer;
  }

  /** Passes a signal to the peer it came from; signals from unknown ids are dropped. */
  receive(from: string, data: JsonObject): void {
    this.get(from)?.receive(data);
  }

  /** Sends another track (or none) to every peer, and to those who join later. */
  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#options.localTracks[kind] = track;
    for (const peer of this.peers) peer.setTrack(kind, track);
  }

  /** Fresh STUN/TURN servers for every peer, and for those who join later. */
  setIceServers(iceServers: RTCIceServer[]): void {
    this.#options.iceServers = iceServers;
    for (const peer of this.peers) peer.setIceServers(iceServers);
  }

  /** Sends a data-channel message to one peer, or to all. */
  message(message: PeerMessage, to?: string): void {
    for (const peer of to === undefined ? this.peers : [this.get(to)]) peer?.message(message);
  }

  remove(remoteId: string): void {
    const entry = this.#peers.get(remoteId);
    if (!entry) return;
    this.#peers.delete(remoteId);
    entry.subscriptions.drain();
    entry.peer.close();
  }

  close(): void {
    for (const id of [...this.#peers.keys()]) this.remove(id);
    this.removeAllListeners();
  }
}
