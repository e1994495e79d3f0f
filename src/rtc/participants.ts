// How each participant shows on screen: ourselves from our local media and state, the others from what they
// announced and what actually arrives over their link (topology.ts). No state of its own.
import type { Role } from '../protocol.ts';
import type { Participant } from './call-types.ts';
import type { LocalMedia } from './local-media.ts';
import type { MediaKind } from './devices.ts';
import type { PeerState } from './packets.ts';
import type { Quality } from './stats.ts';
import type { Link } from './topology.ts';

/**
 * A member of the room as the roster keeps them: the name the relay knows ('' for none), whether it comes from a
 * join token, and the state they last announced over their data channel (null before).
 */
export interface Member {
  name: string;
  verified: boolean;
  role: Role;
  state: PeerState | null;
}

/** The name to show: the relay's word; the one they announced only when the relay knows none. */
export function nameOf({ name, state }: Member): string {
  return name || state?.name || '';
}

/** The state we announce to everyone: name, microphone, camera, screen, raised hand and recording. */
export function localState(name: string, media: LocalMedia | null, hand: boolean, recording: boolean): PeerState {
  return {
    name,
    audio: media?.microphoneOn ?? false,
    video: media?.cameraOn ?? false,
    screen: media?.screenOn ?? false,
    hand,
    recording,
  };
}

export function describeLocal(
  id: string,
  state: PeerState,
  media: LocalMedia | null,
  speaking: boolean,
  verified: boolean,
  role: Role,
): Participant {
  const { name, audio, video, hand, recording } = state;
  return {
    id,
    name,
    verified,
    role,
    local: true,
    stream: media?.stream ?? null,
    screen: media?.screen ?? null,
    audio,
    video,
    hand,
    recording,
    speaking,
  };
}

export function describeRemote(
  id: string,
  member: Member,
  link: Link | undefined,
  { speaking, quality }: { speaking: boolean; quality: Quality | undefined },
): Participant {
  const { state, verified, role } = member;
  const stream = link?.stream ?? null;
  const flowing = (kind: MediaKind) => !!stream?.getTracks().some((t) => t.kind === kind && isFlowing(t));
  const screen = link?.screen?.getTracks().some(isFlowing) ? link.screen : null;
  return {
    id,
    name: nameOf(member),
    verified,
    role,
    local: false,
    stream,
    screen: state?.screen === false ? null : screen,
    // What they say counts when they say it is off; what arrives counts when they say it is on.
    audio: state?.audio !== false && flowing('audio'),
    video: state?.video !== false && flowing('video'),
    hand: state?.hand ?? false,
    recording: state?.recording ?? false,
    speaking,
    connectionState: link?.connectionState,
    reconnecting: link?.reconnecting ?? false,
    quality,
    safetyCode: link?.safetyCode ?? null,
  };
}

function isFlowing(track: MediaStreamTrack): boolean {
  return track.readyState === 'live' && !track.muted;
}
