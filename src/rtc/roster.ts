// The call's membership and the other participants: the one follower of the relay's word on who is here (a
// join or resume, peer-joined, peer-left, peer-renamed) and the one place that decides who makes the first offer;
// the topology connecting us to them (the mesh unless told otherwise); and what they send us over it.
import type { JoinAccepted, PeerInfo, PeerLeftReason } from '../protocol.ts';
import type { CallEvents, ChatEntry, Participant, ParticipantStats } from './call-types.ts';
import { Emitter } from './emitter.ts';
import type { RtcError } from './errors.ts';
import type { LocalTracks } from './local-media.ts';
import { Mesh } from './mesh.ts';
import type { ChatMessage, Packet, PeerState, VideoView } from './packets.ts';
import { describeRemote, nameOf, type Member } from './participants.ts';
import type { PeerConnectionFactory } from './peer.ts';
import type { QualityProxy } from './quality-proxy.ts';
import type { SignalingClient } from './signaling.ts';
import type { Topology, TopologyFactory } from './topology.ts';

export interface RosterOptions {
  quality: QualityProxy;
  /** What we tell each participant about ourselves once we can. */
  localState: () => PeerState;
  /** The tracks we send right now, for the topology of a room just joined. */
  localTracks: () => LocalTracks;
  createPeerConnection?: PeerConnectionFactory;
  /** How we connect to the others: the mesh by default; another topology (an SFU session) can take its place. */
  createTopology?: TopologyFactory;
}

export interface RosterEvents {
  'peer-joined': CallEvents['peer-joined'];
  'peer-left': CallEvents['peer-left'];
  'participant-change': CallEvents['participant-change'];
  /** A chat message from someone (possibly one already received). */
  chat: ChatEntry;
  data: CallEvents['data'];
  change: void;
  error: RtcError;
}

export class Roster extends Emitter<RosterEvents> {
  #options: RosterOptions;
  #members = new Map<string, Member>();
  #topology: Topology | null = null;
  #localId: string | null = null;

  constructor(options: RosterOptions) {
    super();
    this.#options = options;
  }

  /** Our id in the room, once joined. */
  get localId(): string | null {
    return this.#localId;
  }

  get topology(): Topology | null {
    return this.#topology;
  }

  get participants(): Participant[] {
    const { quality } = this.#options;
    return [...this.#members].map(([id, member]) =>
      describeRemote(id, member, this.#topology?.get(id), {
        speaking: quality.isSpeaking(id),
        quality: quality.stats(id)?.quality,
      }),
    );
  }

  /** Live figures for each participant: quality, round-trip time, loss, video, path, safety code, drops. */
  get stats(): Record<string, ParticipantStats> {
    const result: Record<string, ParticipantStats> = {};
    for (const id of this.#members.keys()) {
      const stats = this.#options.quality.stats(id);
      const link = this.#topology?.get(id);
      const dropped = link?.dropped ?? { candidates: 0, messages: 0 };
      if (stats) result[id] = { ...stats, safetyCode: link?.safetyCode ?? null, dropped };
    }
    return result;
  }

  /** Follows the relay's word on who comes and goes, and hands each participant its signals, until it closes. */
  follow(signaling: SignalingClient): void {
    signaling.on('joined', (ack) => this.#joined(ack, signaling));
    signaling.on('peer-joined', (peer) => {
      this.#add(peer, false);
      this.emit('change', undefined);
    });
    signaling.on('peer-renamed', ({ id, name }) => {
      const member = this.#members.get(id);
      if (member) this.#changed(id, Object.assign(member, { name }));
    });
    signaling.on('peer-left', ({ id, reason }) => {
      this.#remove(id, reason);
      this.emit('change', undefined);
    });
    signaling.on('signal', ({ from, data }) => this.#topology?.receive(from, data));
  }

  /** Sends another track of a kind (or none) to everyone; a camera changes what the uplink budget allows. */
  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#topology?.setTrack(kind, track);
    if (kind === 'video') this.#options.quality.run((quality) => quality.apply());
  }

  /** Sends a packet to one participant, or to all. */
  send(packet: Packet, to?: string): void {
    this.#topology?.send(packet, to);
  }

  /** Tells a participant how we show their camera, when that changed enough to matter. */
  setView(id: string, view: VideoView): void {
    if (!this.#members.has(id) || !this.#options.quality.viewChanged(id, view)) return;
    this.send({ type: 'view', ...view }, id);
  }

  /** Disconnects from everyone; with a reason, reports each participant as gone. */
  close(reason?: PeerLeftReason): void {
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#topology?.close();
    this.#topology = null;
    this.#localId = null;
    const ids = [...this.#members.keys()];
    this.#members.clear();
    if (reason) for (const id of ids) this.emit('peer-left', { id, reason });
  }

  /** A join accepted: our membership given back after a resume, or a new one, in which everyone is new. */
  #joined({ id, peers, resumed, iceServers }: JoinAccepted, signaling: SignalingClient): void {
    if (resumed && this.#topology) {
      // Same id, every connection kept, fresh TURN credentials. Events missed meanwhile follow; the peer list
      // catches up with anything they cannot tell.
      this.#topology.setIceServers(iceServers);
      const present = new Set(peers.map((peer) => peer.id));
      for (const id of [...this.#members.keys()]) if (!present.has(id)) this.#remove(id, 'left');
      for (const peer of peers) this.#add(peer, false);
      return;
    }
    this.close(this.#topology ? 'disconnected' : undefined);
    this.#connect(id, iceServers, signaling);
    for (const peer of peers) this.#add(peer, true);
  }

  #connect(localId: string, iceServers: RTCIceServer[], signaling: SignalingClient): void {
    const {
      quality,
      localState,
      localTracks,
      createPeerConnection,
      createTopology = (options) => new Mesh(options),
    } = this.#options;
    const topology = (this.#topology = createTopology({
      localId,
      iceServers,
      localTracks: localTracks(),
      signal: (to, data) => signaling.send(to, data),
      createPeerConnection,
    }));
    this.#localId = localId;
    topology.on('change', () => this.emit('change', undefined));
    topology.on('open', ({ id }) => topology.send({ type: 'state', ...localState() }, id));
    topology.on('packet', ({ from: { id }, packet }) => {
      if (packet.type === 'state') this.#stateChanged(id, packet);
      else if (packet.type === 'chat') this.#chatReceived(id, packet);
      else if (packet.type === 'view') quality.run((quality) => quality.view(id, packet));
      else this.emit('data', { from: id, payload: packet.payload });
    });
    topology.on('error', (error) => this.emit('error', error));
    quality.run((quality) => this.#topology === topology && quality.start(topology, localId));
    globalThis.addEventListener?.('online', this.#onOnline);
  }

  /**
   * Someone is here. The newer member of each pair makes the first offer, so first offers never cross: we make
   * it to those who were here `before` us when we joined; anyone who comes later (even while we were away), to us.
   */
  #add({ id, name = '', verified }: PeerInfo, before: boolean): void {
    // A peer-joined replayed after a resume may name someone the peer list already brought.
    if (this.#members.has(id)) return;
    this.#members.set(id, { name, verified: !!verified, state: null });
    this.#topology?.connect(id, before);
    this.#options.quality.run((quality) => quality.apply());
    this.emit('peer-joined', { id, name, verified: !!verified });
  }

  #remove(id: string, reason: PeerLeftReason): void {
    if (!this.#members.delete(id)) return;
    this.#topology?.disconnect(id);
    this.#options.quality.forget(id);
    this.emit('peer-left', { id, reason });
  }

  #chatReceived(from: string, { id, text, at }: ChatMessage): void {
    const member = this.#members.get(from);
    this.emit('chat', { id, text, at, from, name: member ? nameOf(member) : '', local: false });
  }

  #stateChanged(id: string, state: PeerState): void {
    const member = this.#members.get(id);
    // The name in it counts only where the relay knows none (nameOf): a peer cannot pass for someone else.
    if (member) this.#changed(id, Object.assign(member, { state }));
  }

  #changed(id: string, member: Member): void {
    const { state, verified } = member;
    const shown = { audio: false, video: false, screen: false, hand: false, ...state, name: nameOf(member) };
    this.emit('participant-change', { id, local: false, verified, ...shown });
    this.emit('change', undefined);
  }

  /** The network came back or changed: new ICE candidates for every link. */
  #onOnline = (): void => this.#topology?.restartIce();
}
