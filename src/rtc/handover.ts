// One topology taking over from another mid-call, make-before-break (DESIGN.md §6): the mesh handing a room
// over to the SFU session as it grows, the SFU session handing it back as it shrinks, or a new SFU session
// replacing one whose server went away. The next topology takes new participants and packets at once; each
// participant's link in the previous one stays, and their tile shows it, until their media arrive through
// the next (or, when they send none, for a few seconds). The next topology comes with everyone connected.
// Loaded only when a room changes its topology.
import type { JsonObject } from '../protocol.ts';
import { Emitter } from './emitter.ts';
import type { LocalTracks } from './local-media.ts';
import type { Packet, VideoView } from './packets.ts';
import type { Link, Topology, TopologyEvents } from './topology.ts';

/** The longest a previous link waits for its participant's media through the next topology. */
export const HANDOVER_LIMIT_MS = 5000;

export class Handover extends Emitter<TopologyEvents> implements Topology {
  #previous: Topology | null;
  #next: Topology;
  #timer: ReturnType<typeof setTimeout>;

  constructor(previous: Topology, next: Topology) {
    super();
    this.#previous = previous;
    this.#next = next;
    next.on('change', (link) => {
      if (link.receiving) this.#handOver(link.id);
      this.emit('change', this.get(link.id) ?? link);
    });
    next.on('open', (link) => this.emit('open', link));
    next.on('packet', (packet) => this.emit('packet', packet));
    next.on('error', (error) => this.emit('error', error));
    // Until the move is over, the previous topology still carries what the others sent before they moved.
    previous.on('change', (link) => this.emit('change', link));
    previous.on('packet', (packet) => this.emit('packet', packet));
    this.#timer = setTimeout(() => this.#finish(), HANDOVER_LIMIT_MS);
  }

  /** Each participant's next link once their media come through it; their previous one until then. */
  get links(): Link[] {
    return this.#next.links.map((link) => this.get(link.id) ?? link);
  }

  get(id: string): Link | undefined {
    const link = this.#next.get(id);
    return link && !link.receiving ? (this.#previous?.get(id) ?? link) : link;
  }

  connect(id: string, initiator: boolean): void {
    this.#next.connect(id, initiator);
  }

  disconnect(id: string): void {
    this.#previous?.disconnect(id);
    this.#next.disconnect(id);
  }

  /** Each topology takes what is its own: a mesh descriptions and candidates, an SFU session packets. */
  receive(from: string, data: JsonObject): void {
    this.#previous?.receive(from, data);
    this.#next.receive(from, data);
  }

  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#previous?.setTrack(kind, track);
    this.#next.setTrack(kind, track);
  }

  setIceServers(iceServers: RTCIceServer[]): void {
    this.#previous?.setIceServers(iceServers);
    this.#next.setIceServers(iceServers);
  }

  send(packet: Packet, to?: string): void {
    this.#next.send(packet, to);
  }

  setView(id: string, view: VideoView): void {
    this.#previous?.setView(id, view);
    this.#next.setView(id, view);
  }

  restartIce(): void {
    this.#previous?.restartIce();
    this.#next.restartIce();
  }

  close(): void {
    this.#finish();
    this.#next.close();
    this.removeAllListeners();
  }

  /** Their media come through the next topology: the previous link to them closes (the last one ends it). */
  #handOver(id: string): void {
    const previous = this.#previous;
    if (!previous?.get(id)) return;
    previous.disconnect(id);
    if (previous.links.length === 0) this.#finish();
  }

  #finish(): void {
    clearTimeout(this.#timer);
    this.#previous?.close();
    this.#previous = null;
  }
}
