// The call's membership and the other participants: the one follower of the relay's word on who is here (a
// join or resume, peer-joined, peer-left, peer-renamed) and the one place that decides who makes the first offer;
// the topology connecting us to them (the mesh unless told otherwise); and what they send us over it.
import type { JoinAccepted, PeerInfo, PeerLeftReason, RoomMode, SignalMessage } from '../protocol.ts';
import type { CallEvents, ChatEntry, Participant, ParticipantStats } from './call-types.ts';
import { Emitter } from './emitter.ts';
import { RtcError } from './errors.ts';
import type { LocalTracks } from './local-media.ts';
import type { ChatMessage, Packet, PeerState, VideoView } from './packets.ts';
import { describeRemote, nameOf, type Member } from './participants.ts';
import type { PeerConnectionFactory } from './peer.ts';
import type { QualityProxy } from './quality-proxy.ts';
import type { SignalingClient } from './signaling.ts';
import type { Topology, TopologyFactory, TopologyOptions } from './topology.ts';

/** Signals kept while the first topology loads: a newcomer's offer and candidates, from each participant. */
const EARLY_SIGNALS_LIMIT = 256;

export interface RosterOptions {
  quality: QualityProxy;
  /** What we tell each participant about ourselves once we can. */
  localState: () => PeerState;
  /** The tracks we send right now, for the topology of a room just joined. */
  localTracks: () => LocalTracks;
  createPeerConnection?: PeerConnectionFactory;
  /** How we connect to the others while the room is a mesh (tests may pass their own). */
  createTopology?: TopologyFactory;
}

export interface RosterEvents {
  'peer-joined': CallEvents['peer-joined'];
  'peer-left': CallEvents['peer-left'];
  'participant-change': CallEvents['participant-change'];
  /** A chat message from someone (possibly one already received). */
  chat: ChatEntry;
  data: CallEvents['data'];
  reaction: CallEvents['reaction'];
  change: void;
  /** The room's media moved onto the SFU (or back to the mesh). */
  mode: RoomMode;
  error: RtcError;
}

export class Roster extends Emitter<RosterEvents> {
  #options: RosterOptions;
  #members = new Map<string, Member>();
  #topology: Topology | null = null;
  /** What the topology of the room we are in is made with; null when in none. */
  #topologyOptions: TopologyOptions | null = null;
  /** The mode of the topology in place, and of the last one asked for (null: none yet in this room). */
  #mode: RoomMode = 'mesh';
  #wanted: RoomMode | null = null;
  /** Topologies are put in place one after the other: a room may move onto the SFU while the mesh loads. */
  #loading: Promise<void> = Promise.resolve();
  /** Topologies being loaded, and the signals that came meanwhile: the next one takes them once there. */
  #loads = 0;
  #early: SignalMessage[] = [];
  /** How we show each participant's camera, for a topology that comes later. */
  #views = new Map<string, VideoView>();
  /** Those we make the first offer to in a mesh: the ones who were here before us. */
  #offerTo = new Set<string>();
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

  get mode(): RoomMode {
    return this.#mode;
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
      const viaServer = !!link?.viaServer;
      if (stats) result[id] = { ...stats, safetyCode: link?.safetyCode ?? null, viaServer, dropped };
    }
    return result;
  }

  /** Follows the relay's word on who comes and goes, and hands each participant its signals, until it closes. */
  follow(signaling: SignalingClient): void {
    // The mesh's code loads while the relay connection opens.
    if (!this.#options.createTopology) void import('./mesh.ts');
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
    signaling.on('signal', (signal) => {
      if (this.#topology && !this.#loads) this.#topology.receive(signal.from, signal.data);
      else if (this.#early.length < EARLY_SIGNALS_LIMIT) this.#early.push(signal);
    });
    // A room already on the SFU hears it again when it moved to another SFU server: publish there.
    signaling.on('room-mode', ({ mode, error }) => {
      if (error) this.emit('error', new RtcError(error, `The SFU went away: the call moves to the ${mode}.`));
      this.#load(mode, true);
    });
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
    if (!this.#members.has(id)) return;
    this.#views.set(id, view);
    if (this.#options.quality.viewChanged(id, view)) this.#topology?.setView(id, view);
  }

  /** Disconnects from everyone; with a reason, reports each participant as gone. */
  close(reason?: PeerLeftReason): void {
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#topology?.close();
    this.#topology = null;
    this.#topologyOptions = null;
    this.#mode = 'mesh';
    this.#wanted = null;
    this.#offerTo.clear();
    this.#views.clear();
    this.#loads = 0;
    this.#early = [];
    this.#localId = null;
    const ids = [...this.#members.keys()];
    this.#members.clear();
    if (reason) for (const id of ids) this.emit('peer-left', { id, reason });
  }

  /** A join accepted: our membership given back after a resume, or a new one, in which everyone is new. */
  #joined({ id, peers, resumed, iceServers, mode = 'mesh', publish }: JoinAccepted, signaling: SignalingClient): void {
    if (resumed && this.#topologyOptions) {
      // Same id, every connection kept, fresh TURN credentials. Events missed meanwhile follow; the peer list
      // catches up with anything they cannot tell.
      this.#topology?.setIceServers(iceServers);
      const present = new Set(peers.map((peer) => peer.id));
      for (const id of [...this.#members.keys()]) if (!present.has(id)) this.#remove(id, 'left');
      for (const peer of peers) this.#add(peer, false);
      // An SFU session the relay no longer holds: publish again.
      this.#load(mode, !!publish);
      return;
    }
    this.close(this.#topologyOptions ? 'disconnected' : undefined);
    this.#connect(id, iceServers, signaling);
    for (const peer of peers) this.#add(peer, true);
    this.#load(mode);
  }

  /** What this membership's topologies are made with. */
  #connect(localId: string, iceServers: RTCIceServer[], signaling: SignalingClient): void {
    this.#topologyOptions = {
      localId,
      iceServers,
      localTracks: this.#options.localTracks(),
      signal: (to, data) => signaling.send(to, data),
      sfu: {
        request: (request) => signaling.ask('sfu', request),
        onOffer: (listener) => signaling.on('sfu', listener),
      },
      createPeerConnection: this.#options.createPeerConnection,
    };
    this.#localId = localId;
    globalThis.addEventListener?.('online', this.#onOnline);
  }

  /**
   * Puts the room's topology in place, its code loading now if it has not yet (the mesh's was asked for as the
   * call joined): the mesh, or the SFU session, taking over from the one in place without a freeze
   * (handover.ts); or a new SFU session in place of one whose server went away (`again`). Whoever is known by
   * then gets connected. One at a time, in order.
   */
  #load(mode: RoomMode, again = false): void {
    const options = this.#topologyOptions;
    if (!options || (mode === this.#wanted && !(again && mode === 'sfu'))) return;
    this.#wanted = mode;
    this.#loads++;
    this.#loading = this.#loading
      .then(async () => {
        const create = await this.#creator(mode);
        const { Handover } = this.#topology ? await import('./handover.ts') : { Handover: null };
        if (options !== this.#topologyOptions) return; // left, or joined again, meanwhile
        // The tracks as they are now: any change while the code loaded went nowhere.
        const replacing = again && mode === this.#mode;
        const next = create({ ...options, localTracks: this.#options.localTracks(), replacing });
        for (const id of this.#members.keys()) next.connect(id, this.#offerTo.has(id));
        for (const [id, view] of this.#views) next.setView(id, view);
        // A new SFU session replaces one whose server went away: nothing to hand over from.
        const previous = replacing ? (this.#topology?.close(), null) : this.#topology;
        const topology = previous && Handover ? new Handover(previous, next) : next;
        this.#use(topology);
        const changed = mode !== this.#mode;
        this.#mode = mode;
        if (changed) this.emit('mode', mode);
        this.emit('change', undefined);
      })
      .catch((cause: unknown) => {
        this.emit('error', new RtcError('peer-connection-failed', 'Could not load the call’s code.', { cause }));
      })
      .finally(() => {
        // Signals wait while a topology loads, even with one in place: what the others send to the next one
        // (an SFU session's packets) would be lost on the one before.
        if (options !== this.#topologyOptions || --this.#loads) return;
        for (const { from, data } of this.#early.splice(0)) this.#topology?.receive(from, data);
      });
  }

  async #creator(mode: RoomMode): Promise<TopologyFactory> {
    if (mode === 'sfu') {
      const { SfuSession } = await import('./sfu-session.ts');
      return (options) => new SfuSession(options);
    }
    if (this.#options.createTopology) return this.#options.createTopology;
    const { Mesh } = await import('./mesh.ts');
    return (options) => new Mesh(options);
  }

  #use(topology: Topology): void {
    const { quality, localState } = this.#options;
    const localId = this.#localId!;
    this.#topology = topology;
    topology.on('change', () => this.emit('change', undefined));
    topology.on('open', ({ id }) => topology.send({ type: 'state', ...localState() }, id));
    topology.on('packet', ({ from: { id }, packet }) => {
      if (packet.type === 'state') this.#stateChanged(id, packet);
      else if (packet.type === 'chat') this.#chatReceived(id, packet);
      else if (packet.type === 'view') quality.run((quality) => quality.view(id, packet));
      // Within the sender's rate (their link's): a flood shows a few, not one per packet.
      else if (packet.type === 'reaction') this.emit('reaction', { id, emoji: packet.emoji, local: false });
      else this.emit('data', { from: id, payload: packet.payload });
    });
    topology.on('error', (error) => this.emit('error', error));
    quality.run((quality) => this.#topology === topology && quality.start(topology, localId));
  }

  /**
   * Someone is here. The newer member of each pair makes the first offer, so first offers never cross: we make
   * it to those who were here `before` us when we joined; anyone who comes later (even while we were away), to us.
   */
  #add({ id, name = '', verified, role }: PeerInfo, before: boolean): void {
    // A peer-joined replayed after a resume may name someone the peer list already brought.
    if (this.#members.has(id)) return;
    this.#members.set(id, { name, verified: !!verified, role: role ?? 'guest', state: null });
    if (before) this.#offerTo.add(id);
    this.#topology?.connect(id, before);
    this.#options.quality.run((quality) => quality.apply());
    this.emit('peer-joined', { id, name, verified: !!verified });
  }

  #remove(id: string, reason: PeerLeftReason): void {
    if (!this.#members.delete(id)) return;
    this.#offerTo.delete(id);
    this.#views.delete(id);
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
    const shown = {
      audio: false,
      video: false,
      screen: false,
      hand: false,
      recording: false,
      ...state,
      name: nameOf(member),
    };
    this.emit('participant-change', { id, local: false, verified, ...shown });
    this.emit('change', undefined);
  }

  /** The network came back or changed: new ICE candidates for every link. */
  #onOnline = (): void => this.#topology?.restartIce();
}
