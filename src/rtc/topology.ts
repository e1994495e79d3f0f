// How media and data travel between us and the other participants, as the roster and the quality watcher
// see it. The mesh (mesh.ts: one peer connection per participant) implements it, and so does the SFU session
// (sfu-session.ts: one connection each way to the relay's SFU), which the roster puts in its place when the
// room moves onto the SFU (sfu-switch.ts); nothing above the roster knows which one runs.
import type { JsonObject, SfuAck, SfuOffer, SfuRequest } from '../protocol.ts';
import type { Listener } from './emitter.ts';
import type { RtcError } from './errors.ts';
import type { LocalTracks } from './local-media.ts';
import type { Packet, VideoView } from './packets.ts';
import type { DroppedCounts, PeerConnectionFactory } from './peer.ts';
import type { VideoEncoding } from './uplink.ts';

/** Our link to one remote participant: what they send us, the connection it comes over, and what we send them. */
export interface Link {
  readonly id: string;
  /** Their microphone and camera; a new MediaStream whenever the set of tracks changes. */
  readonly stream: MediaStream;
  /** Their screen share, while there is one. */
  readonly screen: MediaStream | null;
  readonly connectionState: RTCPeerConnectionState;
  /** Connected once and lost since: being restored. */
  readonly reconnecting: boolean;
  /** Some of their media has arrived over this link. */
  readonly receiving: boolean;
  /** The code both ends can compare to rule out anyone in the middle, once connected. */
  readonly safetyCode: string | null;
  /** Their media come through the relay's SFU, which decrypts and forwards them: not end to end. */
  readonly viaServer?: boolean;
  /** What they sent that was dropped. */
  readonly dropped: DroppedCounts;
  /** Limits the camera video sent to them. */
  setEncoding(encoding: VideoEncoding): void;
  stats(): Promise<RTCStatsReport>;
  /** Audio levels (0–1): theirs, and our microphone's as sent to them. */
  audioLevels(): Promise<{ remote: number; local: number }>;
}

export interface TopologyEvents {
  /** A link's remote media or connection state changed. */
  change: Link;
  /** A link can carry packets now: say who we are. */
  open: Link;
  packet: { from: Link; packet: Packet };
  error: RtcError;
}

/** Our say in the relay's SFU, and its offers to us (only an SFU topology uses them). */
export interface SfuChannel {
  request(request: SfuRequest): Promise<SfuAck | null>;
  onOffer(listener: Listener<SfuOffer>): () => void;
}

export interface TopologyOptions {
  localId: string;
  iceServers: RTCIceServer[];
  localTracks: LocalTracks;
  /** Sends a signal to a participant through the relay. */
  signal(to: string, data: JsonObject): void;
  sfu: SfuChannel;
  /** It replaces a topology whose server went away: its links are being restored until their media arrive. */
  replacing?: boolean;
  createPeerConnection?: PeerConnectionFactory;
}

export interface Topology {
  on<K extends keyof TopologyEvents>(type: K, listener: Listener<TopologyEvents[K]>): () => void;
  readonly links: Link[];
  get(id: string): Link | undefined;
  /** Connects to a participant; `initiator` makes the first offer. */
  connect(id: string, initiator: boolean): void;
  disconnect(id: string): void;
  /** A signal from a participant, through the relay. */
  receive(from: string, data: JsonObject): void;
  /** Sends another track of a kind (or none) to everyone, and to those who come later. */
  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void;
  /** Fresh STUN/TURN servers, for the links there are and those to come. */
  setIceServers(iceServers: RTCIceServer[]): void;
  /** Sends a packet to one participant, or to all. */
  send(packet: Packet, to?: string): void;
  /** How large we show a participant's camera, or that we do not: what they (or the SFU) should send us. */
  setView(id: string, view: VideoView): void;
  /** New ICE candidates for every link, e.g. when the network changed. */
  restartIce(): void;
  close(): void;
}

export type TopologyFactory = (options: TopologyOptions) => Topology;
