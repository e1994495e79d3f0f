// The SFU topology (topology.ts, DESIGN.md §6): our media go to Janus on one connection (sfu-publisher.ts) and
// everyone else's come back on another (sfu-subscriber.ts), both negotiated through the relay, which drives
// Janus. Packets (state, chat, the page's data) go through the relay, which stamps who sent each one: a Janus
// data channel would carry whatever name a sender claims.
import type { JsonObject, SimulcastLayer } from '../protocol.ts';
import { Emitter } from './emitter.ts';
import { RtcError } from './errors.ts';
import type { LocalTracks } from './local-media.ts';
import { encodePacket, parsePacket, type Packet, type VideoView } from './packets.ts';
import { SfuLink, type SharedConnections } from './sfu-link.ts';
import { SfuPublisher } from './sfu-publisher.ts';
import { SfuSubscriber, type ReceivedTracks } from './sfu-subscriber.ts';
import type { Topology, TopologyEvents, TopologyOptions } from './topology.ts';

const NOTHING: ReceivedTracks = { main: [], screen: [] };
/** Links that ask for figures this soon after one another share one report (the speaker sampling is 250 ms). */
const STATS_REUSE_MS = 100;

/**
 * The smallest layer of a 720-line camera that fills a tile `height` device pixels tall (the layers are a
 * quarter, half and all of it); none for a tile not shown.
 */
function layerFor({ visible, height }: VideoView): SimulcastLayer | null {
  if (!visible) return null;
  return height <= 180 ? 0 : height <= 360 ? 1 : 2;
}

export class SfuSession extends Emitter<TopologyEvents> implements Topology {
  #options: TopologyOptions;
  #links = new Map<string, SfuLink>();
  #received = new Map<string, ReceivedTracks>();
  /** The camera layer asked of each participant, and the one each asks of ours. */
  #layers = new Map<string, SimulcastLayer | null>();
  #watching = new Map<string, SimulcastLayer | null>();
  #publisher: SfuPublisher;
  #subscriber: SfuSubscriber;
  #stopOffers: () => void;
  /** The figures of each connection, taken once for every link that asks within STATS_REUSE_MS. */
  #reports = new Map<'subscriber' | 'publisher', { at: number; report: Promise<RTCStatsReport> }>();
  #connections: SharedConnections;

  constructor(options: TopologyOptions) {
    super();
    this.#options = options;
    const { iceServers, localTracks, sfu, createPeerConnection } = options;
    const changed = () => this.#links.forEach((link) => this.emit('change', link));
    const failed = (message = 'The SFU did not take our media.') =>
      this.emit('error', new RtcError('sfu-unavailable', message));
    this.#publisher = new SfuPublisher({
      iceServers,
      localTracks,
      request: sfu.request,
      failed: (ack) => failed(ack && !ack.ok ? ack.message : undefined),
      changed,
      createPeerConnection,
    });
    this.#subscriber = new SfuSubscriber({
      iceServers,
      request: sfu.request,
      tracks: (byPeer) => this.#handOut(byPeer),
      failed: () => failed('The SFU could not send us the others’ media.'),
      changed,
      createPeerConnection,
    });
    this.#connections = { subscriber: this.#subscriber.pc, stats: (which) => this.#stats(which) };
    this.#stopOffers = sfu.onOffer((offer) => this.#subscriber.offer(offer));
  }

  get links(): SfuLink[] {
    return [...this.#links.values()];
  }

  get(id: string): SfuLink | undefined {
    return this.#links.get(id);
  }

  /** Everyone's media come on the one subscriber connection, so there is nothing to open per participant. */
  connect(id: string): void {
    if (this.#links.has(id)) return;
    const link = new SfuLink(id, this.#connections, !!this.#options.replacing, () => this.emit('change', link));
    this.#links.set(id, link);
    link.setTracks(this.#received.get(id) ?? NOTHING);
    this.#encodeWatched();
    // Packets go through the relay, which is there already: say who we are (once the caller listens).
    queueMicrotask(() => this.#links.get(id) === link && this.emit('open', link));
  }

  disconnect(id: string): void {
    this.#links.delete(id);
    this.#layers.delete(id);
    if (this.#watching.delete(id)) this.#encodeWatched();
  }

  /**
   * A packet from a participant, through the relay; anything else is not for the SFU session. How they show
   * our camera is the session's own business: it encodes only the layers somebody watches.
   */
  receive(from: string, data: JsonObject): void {
    const link = this.#links.get(from);
    const packet = link && 'packet' in data ? link.accept(parsePacket(data.packet)) : null;
    if (!link || !packet) return;
    if (packet.type !== 'view') return this.emit('packet', { from: link, packet });
    this.#watching.set(from, layerFor(packet));
    this.#encodeWatched();
  }

  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#publisher.setTrack(kind, track);
  }

  setIceServers(iceServers: RTCIceServer[]): void {
    this.#publisher.setIceServers(iceServers);
    this.#subscriber.setIceServers(iceServers);
  }

  /** Sends a packet to one participant, or to all, through the relay. */
  send(packet: Packet, to?: string): void {
    const data = { packet: encodePacket(packet) };
    for (const id of to === undefined ? this.#links.keys() : [to]) {
      if (this.#links.has(id)) this.#options.signal(id, data);
    }
  }

  /**
   * Asks the SFU for the layer of their camera that fills the tile, or for none while it is not shown; and
   * tells them, so that they encode no layer that nobody watches.
   */
  setView(id: string, view: VideoView): void {
    const layer = layerFor(view);
    if (this.#layers.get(id) === layer) return;
    this.#layers.set(id, layer);
    void this.#options.sfu.request({ type: 'layer', peer: id, layer });
    this.send({ type: 'view', ...view }, id);
  }

  restartIce(): void {
    this.#publisher.restartIce();
  }

  close(): void {
    this.#stopOffers();
    this.#publisher.close();
    this.#subscriber.close();
    this.#links.clear();
    this.removeAllListeners();
  }

  /** The top layer anyone watches (someone who has not said counts as the top one). */
  #encodeWatched(): void {
    const layers = [...this.#links.keys()].map((id) => (this.#watching.has(id) ? this.#watching.get(id)! : 2));
    const top = layers.reduce<SimulcastLayer | null>(
      (max, layer) => (layer !== null && (max === null || layer > max) ? layer : max),
      null,
    );
    this.#publisher.setTopLayer(top);
  }

  #stats(which: 'subscriber' | 'publisher'): Promise<RTCStatsReport> {
    const now = performance.now();
    let taken = this.#reports.get(which);
    if (!taken || now - taken.at > STATS_REUSE_MS) {
      const pc = which === 'subscriber' ? this.#subscriber.pc : this.#publisher.pc;
      this.#reports.set(which, (taken = { at: now, report: pc.getStats() }));
    }
    return taken.report;
  }

  #handOut(byPeer: Map<string, ReceivedTracks>): void {
    this.#received = byPeer;
    for (const link of this.#links.values()) link.setTracks(byPeer.get(link.id) ?? NOTHING);
  }
}
