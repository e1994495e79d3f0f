// The vc-* events <video-conference> fires: composed and bubbling CustomEvents with typed details,
// declared in HTMLElementEventMap so addEventListener('vc-error', …) is typed for site owners.
import type { PeerLeftReason } from '../protocol.ts';
import type { CallState, ChatEntry, ErrorCode, Quality } from '../rtc/index.ts';

export type Layout = 'grid' | 'spotlight';
export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

export interface VideoConferenceEventDetails {
  'vc-state-change': { state: CallState; previous: CallState };
  'vc-joined': { id: string; room: string };
  'vc-left': Record<string, never>;
  /** `verified`: the name comes from a join token the site signed. */
  'vc-peer-joined': { id: string; name: string; verified: boolean };
  'vc-peer-left': { id: string; reason: PeerLeftReason };
  'vc-error': { code: ErrorCode; message: string; peerId?: string };
  /** Someone's name, microphone, camera, screen share or raised hand changed; `local` for yourself. */
  'vc-participant-change': {
    id: string;
    local: boolean;
    name: string;
    verified: boolean;
    audio: boolean;
    video: boolean;
    screen: boolean;
    hand: boolean;
  };
  'vc-message': ChatEntry;
  /** Data another participant's page sent with `send()`. */
  'vc-data': { from: string; payload: unknown };
  /** The active speaker changed (null before anyone has spoken). */
  'vc-active-speaker': { id: string | null };
  /** A device was chosen, or the one in use went away (`lost`) and the default took its place. */
  'vc-device-change': { kind: DeviceKind; deviceId: string; lost: boolean };
  /** The browser blocked playback with sound until the person interacts: the widget shows one button for it. */
  'vc-audio-blocked': Record<string, never>;
  'vc-layout-change': { layout: Layout; pinned: string | null };
  /** A connection's quality rating changed (from round-trip time, loss and jitter). */
  'vc-quality': { id: string; quality: Quality };
}

export type VideoConferenceEventMap = {
  [K in keyof VideoConferenceEventDetails]: CustomEvent<VideoConferenceEventDetails[K]>;
};

declare global {
  interface HTMLElementEventMap extends VideoConferenceEventMap {}
}

export function emit<K extends keyof VideoConferenceEventDetails>(
  target: EventTarget,
  type: K,
  detail: VideoConferenceEventDetails[K],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
