// The vc-* events <video-conference> fires: composed and bubbling CustomEvents with typed details,
// declared in HTMLElementEventMap so addEventListener('vc-error', …) is typed for site owners.
import type { PeerLeftReason } from '../protocol.ts';
import type { CallState } from '../rtc/call.ts';
import type { ErrorCode } from '../rtc/errors.ts';

export interface VideoConferenceEventDetails {
  'vc-state-change': { state: CallState; previous: CallState };
  'vc-joined': { id: string; room: string };
  'vc-left': Record<string, never>;
  'vc-peer-joined': { id: string; name: string };
  'vc-peer-left': { id: string; reason: PeerLeftReason };
  'vc-error': { code: ErrorCode; message: string; peerId?: string };
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
