// The peers of one room, keyed by remote id: creates them, routes each signal to its peer, and closes them.
import type { JsonObject } from '../protocol.ts';
import { Emitter, Subscriptions } from './emitter.ts';
import type { RtcError } from './errors.ts';
import { Peer, type PeerConnectionFactory } from './peer.ts';

export interface MeshOptions {
  localId: string;
  iceServers: RTCIceServer[];
  localStream: MediaStream | null;
  send(to: string, data: JsonObject): void;
  createPeerConnection?: PeerConnectionFactory;
}

export interface MeshEvents {
  /** A peer's remote media or connection state changed. */
  'peer-change': Peer;
  error: RtcError;
}

export class Mesh extends Emitter<MeshEvents> {
  #options: MeshOptions;
  #peers = new Map<string, { peer: Peer; subscriptions: Subscriptions }>();

  constructor(options: MeshOptions) {
    super();
    this.#options = options;
  }

  /** Connects to a remote participant; `initiator` when we joined after them and make the first offer. */
  add(remoteId: string, initiator: boolean): Peer {
    this.remove(remoteId);
    const { localId, iceServers, localStream, send, createPeerConnection } = this.#options;
    const peer = new Peer({
      localId,
      remoteId,
      initiator,
      iceServers,
      localStream,
      createPeerConnection,
      send: (data) => send(remoteId, data),
    });
    const subscriptions = new Subscriptions();
    subscriptions.add(
      peer.on('stream', () => this.emit('peer-change', peer)),
      peer.on('connection-state', () => this.emit('peer-change', peer)),
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
