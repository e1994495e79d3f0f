// A room's move onto the SFU (DESIGN.md §6), loaded only when a room makes it. Joining a room that is on the SFU
// already, the SFU session is the topology. Moving a running call, it is make-before-break: the SFU session
// takes over new participants and packets at once, while each participant's mesh connection stays, and their
// tile shows it, until their media arrive through the SFU (or, when they send none, for a few seconds).
import type { JsonObject } from '../protocol.ts';
import { Emitter } from './emitter.ts';
import type { LocalTracks } from './local-media.ts';
import type { Packet, VideoView } from './packets.ts';
import { SfuSession } from './sfu-session.ts';
import type { Link, Topology, TopologyEvents, TopologyOptions } from './topology.ts';

/** The longest a mesh connection waits for its participant's media through the SFU. */
export const HANDOVER_LIMIT_MS = 5000;

export function sfuTopology(options: TopologyOptions, mesh: Topology | null): Topology {
  const sfu = new SfuSession(options);
  return mesh ? new MeshToSfu(mesh, sfu) : sfu;
}

class MeshToSfu extends Emitter<TopologyEvents> implements Topology {
  #mesh: Topology | null;
  #sfu: SfuSession;
  #timer: ReturnType<typeof setTimeout>;

  constructor(mesh: Topology, sfu: SfuSession) {
    super();
    this.#mesh = mesh;
    this.#sfu = sfu;
    for (const link of mesh.links) sfu.connect(link.id);
    sfu.on('change', (link) => {
      if (sfu.get(link.id)?.receiving) this.#handOver(link.id);
      this.emit('change', this.get(link.id) ?? link);
    });
    this.forward(sfu, ['open', 'packet', 'error']);
    // Until the move is over, the mesh still carries what the others sent before they moved.
    mesh.on('change', (link) => this.emit('change', link));
    mesh.on('packet', (packet) => this.emit('packet', packet));
    this.#timer = setTimeout(() => this.#finish(), HANDOVER_LIMIT_MS);
  }

  /** Each participant's SFU link once their media come through it; their mesh connection until then. */
  get links(): Link[] {
    return this.#sfu.links.map((link) => this.get(link.id) ?? link);
  }

  get(id: string): Link | undefined {
    const link = this.#sfu.get(id);
    return link && !link.receiving ? (this.#mesh?.get(id) ?? link) : link;
  }

  connect(id: string): void {
    this.#sfu.connect(id);
  }

  disconnect(id: string): void {
    this.#mesh?.disconnect(id);
    this.#sfu.disconnect(id);
  }

  /** Packets are the SFU session's; descriptions and candidates are still the mesh's, while it lasts. */
  receive(from: string, data: JsonObject): void {
    if ('packet' in data) this.#sfu.receive(from, data);
    else this.#mesh?.receive(from, data);
  }

  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#mesh?.setTrack(kind, track);
    this.#sfu.setTrack(kind, track);
  }

  setIceServers(iceServers: RTCIceServer[]): void {
    this.#mesh?.setIceServers(iceServers);
    this.#sfu.setIceServers(iceServers);
  }

  send(packet: Packet, to?: string): void {
    this.#sfu.send(packet, to);
  }

  setView(id: string, view: VideoView): void {
    this.#mesh?.setView(id, view);
    this.#sfu.setView(id, view);
  }

  restartIce(): void {
    this.#mesh?.restartIce();
    this.#sfu.restartIce();
  }

  close(): void {
    this.#finish();
    this.#sfu.close();
    this.removeAllListeners();
  }

  /** Their media come through the SFU: the mesh connection to them closes (the last one ends the mesh). */
  #handOver(id: string): void {
    const mesh = this.#mesh;
    if (!mesh?.get(id)) return;
    mesh.disconnect(id);
    if (mesh.links.length === 0) this.#finish();
  }

  #finish(): void {
    clearTimeout(this.#timer);
    this.#mesh?.close();
    this.#mesh = null;
  }
}
