// The mesh topology: one peer connection (peer.ts) to each remote participant, keyed by their id. It creates
// and closes them, routes each signal and data-channel packet, and hands every peer the tracks we send.
import type { JsonObject } from '../protocol.ts';
import { Emitter } from './emitter.ts';
import type { LocalTracks } from './local-media.ts';
import type { Packet, VideoView } from './packets.ts';
import { Peer } from './peer.ts';
import type { Topology, TopologyEvents, TopologyOptions } from './topology.ts';

export class Mesh extends Emitter<TopologyEvents> implements Topology {
  #options: TopologyOptions;
  #peers = new Map<string, Peer>();

  constructor(options: TopologyOptions) {
    super();
    this.#options = { ...options, localTracks: { ...options.localTracks } };
  }

  get links(): Peer[] {
    return [...this.#peers.values()];
  }

  /** Connects to a remote participant; `initiator` when we joined after them and make the first offer. */
  connect(remoteId: string, initiator: boolean): void {
    this.disconnect(remoteId);
    const { localId, iceServers, localTracks, signal, createPeerConnection } = this.#options;
    const peer = new Peer({
      localId,
      remoteId,
      initiator,
      iceServers,
      localTracks,
      createPeerConnection,
      signal: (data) => signal(remoteId, data),
    });
    // Closing a peer drops these listeners too.
    peer.on('change', () => this.emit('change', peer));
    peer.on('open', () => this.emit('open', peer));
    peer.on('packet', (packet) => this.emit('packet', { from: peer, packet }));
    peer.on('error', (error) => this.emit('error', error));
    this.#peers.set(remoteId, peer);
  }

  get(remoteId: string): Peer | undefined {
    return this.#peers.get(remoteId);
  }

  /** Passes a signal to the peer it came from; signals from unknown ids are dropped. */
  receive(from: string, data: JsonObject): void {
    this.get(from)?.receive(data);
  }

  /** Sends another track (or none) to every peer, and to those who join later. */
  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#options.localTracks[kind] = track;
    for (const peer of this.links) peer.setTrack(kind, track);
  }

  /** Fresh STUN/TURN servers for every peer, and for those who join later. */
  setIceServers(iceServers: RTCIceServer[]): void {
    this.#options.iceServers = iceServers;
    for (const peer of this.links) peer.setIceServers(iceServers);
  }

  /** Sends a data-channel packet to one peer, or to all. */
  send(packet: Packet, to?: string): void {
    for (const peer of to === undefined ? this.links : [this.get(to)]) peer?.send(packet);
  }

  /** Tells the participant, who sends us no more than that. */
  setView(remoteId: string, view: VideoView): void {
    this.get(remoteId)?.send({ type: 'view', ...view });
  }

  restartIce(): void {
    for (const peer of this.links) peer.restartIce();
  }

  disconnect(remoteId: string): void {
    this.get(remoteId)?.close();
    this.#peers.delete(remoteId);
  }

  close(): void {
    for (const peer of this.links) peer.close();
    this.#peers.clear();
    this.removeAllListeners();
  }
}
