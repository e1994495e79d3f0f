// The types of a call's public API: its options, its states and events, and what it reports about each
// participant, their stats and the chat. call.ts re-exports them, so importers keep one path.
import type { HostActionMessage, KnockMessage, PeerLeftReason, Role, RoomMode } from '../protocol.ts';
import type { RtcError } from './errors.ts';
import type { ChatMessage, PeerState, Reaction } from './packets.ts';
import type { TrackEffects } from './local-media.ts';
import type { DroppedCounts, PeerConnectionFactory } from './peer.ts';
import type { SocketFactory } from './signaling.ts';
import type { PeerStats, Quality } from './stats.ts';

/**
 * `waiting`: in a room's lobby, until a host lets us in. `denied`, `removed`, `ended`: a host turned our knock
 * down, removed us, or ended the call for everyone (the relay's `dismissed`).
 */
export type CallState =
  'idle' | 'joining' | 'waiting' | 'joined' | 'reconnecting' | 'left' | 'error' | 'denied' | 'removed' | 'ended';

export interface Participant {
  /** Relay-issued id; `local` for yourself before the relay has issued one. */
  id: string;
  /** The name the relay knows; one they announced themselves only when the relay knows none. */
  name: string;
  /** The name comes from a join token the site signed: nobody can change it. */
  verified: boolean;
  /** Hosts let people in, remove them, lock the room and end the call. */
  role: Role;
  local: boolean;
  /** Microphone and camera. */
  stream: MediaStream | null;
  /** Their screen share, while there is one. */
  screen: MediaStream | null;
  /** Sound is on: the microphone is open and not muted (and, for others, their sound reaches us). */
  audio: boolean;
  /** The camera is on (and, for others, its frames reach us). */
  video: boolean;
  hand: boolean;
  /** Recording the call on their device (startRecording()). */
  recording: boolean;
  speaking: boolean;
  /** For remote participants, their RTCPeerConnection's state... */
  connectionState?: RTCPeerConnectionState;
  /** ...whether it was connected and is being restored (ICE restart)... */
  reconnecting?: boolean;
  /** ...how good it is (from the latest stats)... */
  quality?: Quality;
  /** ...and the code both ends can compare to rule out anyone in the middle. */
  safetyCode?: string | null;
}

/** What getStats() reports for each remote participant. */
export interface ParticipantStats extends PeerStats {
  safetyCode: string | null;
  /** Their media come through the relay's SFU (a large room): encrypted to the server, not end to end. */
  viaServer: boolean;
  /** What they sent that was dropped: ICE candidates refused or over the limit, data-channel messages. */
  dropped: DroppedCounts;
}

export interface ChatEntry extends ChatMessage {
  /** The sender's id. */
  from: string;
  name: string;
  local: boolean;
}

export interface CallOptions {
  /** Relay base URL. */
  server: string;
  room: string;
  name?: string;
  password?: string;
  /** A join token from the site owner's backend. */
  token?: string;
  /** An open room's host key (from a host invitation): join as a host. */
  hostKey?: string;
  /** Start with the microphone muted. */
  muted?: boolean;
  /** Start with the camera off. */
  cameraOff?: boolean;
  /** Total video upload to all peers together, in kbit/s (default 2500). */
  maxUplinkKbps?: number;
  /** False sends everyone full quality (no per-peer adaptation): for comparisons. Default true. */
  adaptive?: boolean;
  /** What the camera and microphone go through (a background, noise suppression) and music mode: see LocalMedia. */
  effects?: TrackEffects;
  /** Overrides for tests and embedders: the socket, the RTCPeerConnection, the media devices. */
  connect?: SocketFactory;
  createPeerConnection?: PeerConnectionFactory;
  mediaDevices?: MediaDevices;
}

export interface CallEvents {
  'state-change': { state: CallState; previous: CallState };
  joined: { id: string; room: string };
  left: void;
  'peer-joined': { id: string; name: string; verified: boolean };
  'peer-left': { id: string; reason: PeerLeftReason };
  /** Someone's name, microphone, camera, screen, hand or recording changed (or you changed yours). */
  'participant-change': { id: string; local: boolean; verified: boolean } & PeerState;
  message: ChatEntry;
  data: { from: string; payload: unknown };
  /** Someone (or you) reacted. */
  reaction: { id: string; emoji: Reaction; local: boolean };
  'active-speaker': { id: string | null };
  /** The room's media moved onto the relay's SFU, or back to the mesh. */
  'mode-change': { mode: RoomMode };
  'device-lost': { kind: 'audioinput' | 'videoinput' };
  /** A peer connection's quality rating changed. */
  quality: { id: string; quality: Quality };
  /** For hosts: someone knocks, waiting in the lobby. */
  knock: KnockMessage;
  /** That knock was answered (by any host), withdrawn or timed out. */
  'knock-ended': { id: string };
  /** A host removed someone, asked for mute, locked or unlocked the room, or turned its lobby on or off. */
  'host-action': HostActionMessage;
  /** Anything on screen changed: render again. */
  change: void;
  error: RtcError;
}
