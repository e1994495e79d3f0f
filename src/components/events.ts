// The events of the widget's elements, all fired through emit(): the public vc-* events <video-conference>
// fires for the page (bubbling and composed), and those its inner elements (tiles, panels, the pre-join
// screen) send up to it, which bubble but stay in the shadow root they were fired in. All are declared in
// HTMLElementEventMap, so addEventListener('vc-error', …) is typed for site owners.
import type { HostRequest, PeerLeftReason } from '../protocol.ts';
import type { CallState, ChatEntry, ErrorCode, Quality, Reaction, RoomMode } from '../rtc/index.ts';

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
  /** Someone's name, microphone, camera, screen share, raised hand or recording changed; `local` for yourself. */
  'vc-participant-change': {
    id: string;
    local: boolean;
    name: string;
    verified: boolean;
    audio: boolean;
    video: boolean;
    screen: boolean;
    hand: boolean;
    recording: boolean;
  };
  'vc-message': ChatEntry;
  /** Data another participant's page sent with `send()`. */
  'vc-data': { from: string; payload: unknown };
  /** The active speaker changed (null before anyone has spoken). */
  'vc-active-speaker': { id: string | null };
  /** The room's media moved onto the relay's SFU (a large room), or back to peer-to-peer. */
  'vc-mode-change': { mode: RoomMode };
  /** A device was chosen, or the one in use went away (`lost`) and the default took its place. */
  'vc-device-change': { kind: DeviceKind; deviceId: string; lost: boolean };
  /** The browser blocked playback with sound until the person interacts: the widget shows one button for it. */
  'vc-audio-blocked': Record<string, never>;
  'vc-layout-change': { layout: Layout; pinned: string | null };
  /** A connection's quality rating changed (from round-trip time, loss and jitter). */
  'vc-quality': { id: string; quality: Quality };
  /** For hosts: someone knocks, waiting in the lobby for `admit(id)` or `deny(id)`. */
  'vc-knock': { id: string; name: string; verified: boolean };
  /** For hosts: that knock was answered (by any host), withdrawn, or timed out. */
  'vc-knock-ended': { id: string };
  /** A host (`by`) removed a participant. */
  'vc-participant-removed': { id: string; by: string };
  /** A host (`by`) locked the room: nobody new may join or knock. */
  'vc-room-locked': { by: string };
  'vc-room-unlocked': { by: string };
  /** A host (`by`) turned the lobby on or off. */
  'vc-lobby-change': { enabled: boolean; by: string };
  /** A host (`by`) asked a participant (`id`), or without `id` everyone but them, to mute. */
  'vc-mute-requested': { by: string; id?: string };
  /** A host ended the call for everyone (the state is now `ended`). */
  'vc-room-ended': Record<string, never>;
  /** Someone (`local`: you) reacted; shown over their tile for a few seconds. */
  'vc-reaction': { id: string; emoji: Reaction; local: boolean };
  /** The background now sent: `none`, `blur`, or an image's URL. */
  'vc-background-change': { background: string };
  /** Noise suppression or music mode changed (music mode turns noise suppression off while on). */
  'vc-audio-mode-change': { noiseSuppression: boolean; musicMode: boolean };
  /** You started recording the call (everyone sees that you do). */
  'vc-recording-started': Record<string, never>;
  /**
   * Your recording stopped (stopRecording(), the toolbar, or leaving): `blob` is the WebM, `durationMs` its
   * length. The widget then downloads it, unless the page calls `preventDefault()` to keep it for itself.
   */
  'vc-recording-stopped': { blob: Blob; durationMs: number };
}

/** What the inner elements tell <video-conference> (and a page that uses <video-player> on its own). */
export interface InnerEventDetails {
  'video-player-pin': { peerId: string };
  'video-player-sound-blocked': Record<string, never>;
  'video-player-view': { peerId: string; width: number; height: number; visible: boolean };
  'video-player-stop': Record<string, never>;
  'video-conference-chat-send': { text: string };
  'video-conference-chat-close': Record<string, never>;
  'video-conference-device-select': { kind: DeviceKind; deviceId: string };
  'video-conference-settings-close': Record<string, never>;
  /** An effect changed in the settings (or the pre-join screen's): only the one changed is given. */
  'video-conference-effects-change': { background?: string; noiseSuppression?: boolean; musicMode?: boolean };
  'video-conference-prejoin-join': { name: string };
  'video-conference-prejoin-toggle': { device: 'microphone' | 'camera' };
  'video-conference-prejoin-retry': Record<string, never>;
  /** A host control was pressed (the participants panel, a knock, a tile). */
  'video-conference-host': HostRequest;
  'video-conference-participants-close': Record<string, never>;
}

type EventMapOf<Details> = { [K in keyof Details]: CustomEvent<Details[K]> };
export type VideoConferenceEventMap = EventMapOf<VideoConferenceEventDetails>;

declare global {
  interface HTMLElementEventMap extends VideoConferenceEventMap, EventMapOf<InnerEventDetails> {}
}

type EventDetails = VideoConferenceEventDetails & InnerEventDetails;

/**
 * Fires `type` at `target`; only the public vc-* events leave the widget's shadow root for the page. False when a
 * listener called preventDefault() (for the events that have a default: vc-recording-stopped).
 */
export function emit<K extends keyof EventDetails>(target: EventTarget, type: K, detail: EventDetails[K]): boolean {
  return target.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: type.startsWith('vc-'), cancelable: true }),
  );
}
