// The browser's cameras and microphones: whether this page can use them at all, opening them (only the kinds of
// device that exist, falling back to whatever works), listing them, and mapping failures to stable error codes.
import { RtcError } from './errors.ts';

export type MediaKind = 'audio' | 'video';

export interface AcquiredMedia {
  stream: MediaStream;
  /** Kinds asked for but without a device: the participant goes on without them. */
  missing: MediaKind[];
}

/** The kinds to open: `true` for the default device, or a deviceId to prefer. */
export type MediaWish = Partial<Record<MediaKind, true | string>>;

/** The microphone with the processing made for speech, or (music mode) an instrument as it sounds. */
const audioConstraints = (speech: boolean): MediaTrackConstraints => ({
  echoCancellation: speech,
  noiseSuppression: speech,
  autoGainControl: speech,
});

const CONSTRAINTS: Record<MediaKind, MediaTrackConstraints> = {
  audio: audioConstraints(true),
  video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
};

/** Why this page cannot make calls at all, or null; nothing to check when the media `devices` are injected. */
export function environmentProblem(devices?: MediaDevices): RtcError | null {
  if (devices) return null;
  if (!globalThis.isSecureContext) {
    return new RtcError(
      'insecure-context',
      'Camera and microphone need a secure page: open it over https:// or on localhost.',
    );
  }
  if (typeof RTCPeerConnection !== 'function' || !navigator.mediaDevices?.getUserMedia) {
    return new RtcError('unsupported-browser', 'This browser does not support WebRTC video calls.');
  }
  return null;
}

/**
 * Opens what `wish` asks for (the microphone without echo cancellation, noise suppression and gain control in
 * `music` mode), falling back to what exists. Throws RtcError `permission-denied` or `device-in-use`; a missing
 * device is not an error here but is listed in `missing`.
 */
export async function getLocalMedia(
  wish: MediaWish = { audio: true, video: true },
  devices: MediaDevices = navigator.mediaDevices,
  music = false,
): Promise<AcquiredMedia> {
  const wanted = (['audio', 'video'] as const).filter((kind) => wish[kind]);
  const present = (await presentKinds(devices)).filter((kind) => wanted.includes(kind));
  for (const kinds of attempts(present)) {
    try {
      const stream = await devices.getUserMedia(constraintsFor(kinds, wish, music));
      return { stream, missing: wanted.filter((kind) => !kinds.includes(kind)) };
    } catch (error) {
      if (!isMissingDevice(error)) throw mediaError(error);
    }
  }
  return { stream: new MediaStream(), missing: wanted };
}

/** One device to choose from: what `enumerateDevices()` reports, reduced to what a picker shows. */
export interface DeviceOption {
  deviceId: string;
  /** Empty until the page has been granted access to the devices of this kind. */
  label: string;
}

export type DeviceLists = Record<'audioinput' | 'videoinput' | 'audiooutput', DeviceOption[]>;

/** The cameras, microphones and speakers the browser lists (labels appear once camera access is granted). */
export async function listDevices(devices: MediaDevices = navigator.mediaDevices): Promise<DeviceLists> {
  const lists: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
  for (const { kind, deviceId, label } of await devices.enumerateDevices().catch(() => [])) {
    if (deviceId && !lists[kind].some((device) => device.deviceId === deviceId)) lists[kind].push({ deviceId, label });
  }
  return lists;
}

/** Maps a getUserMedia rejection (https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia) to an RtcError. */
export function mediaError(error: unknown): RtcError {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError': {
      const refused = refusedByPermissionsPolicy();
      const message = refused.length
        ? `This page embeds the call in an iframe without allow="${refused.join('; ')}": the site must add it to the <iframe>.`
        : 'Camera and microphone access was blocked.';
      return new RtcError('permission-denied', message, { cause: error });
    }
    case 'NotReadableError':
    case 'AbortError':
      return new RtcError('device-in-use', 'The camera or microphone is in use by another application.', {
        cause: error,
      });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new RtcError('no-devices', 'No camera or microphone was found.', { cause: error });
    default:
      return new RtcError('unsupported-browser', 'This browser could not open the camera or microphone.', {
        cause: error,
      });
  }
}

/** The kinds worth asking for, most complete first: both, then each alone. */
function attempts(present: MediaKind[]): MediaKind[][] {
  if (present.length < 2) return present.length ? [present] : [];
  return [['audio', 'video'], ['audio'], ['video']];
}

/** Kinds with at least one device. Browsers list devices (without labels) before permission is granted. */
async function presentKinds(devices: MediaDevices): Promise<MediaKind[]> {
  const list = await devices.enumerateDevices().catch(() => null);
  if (!list) return ['audio', 'video'];
  const kinds: MediaKind[] = [];
  if (list.some((device) => device.kind === 'audioinput')) kinds.push('audio');
  if (list.some((device) => device.kind === 'videoinput')) kinds.push('video');
  return kinds;
}

function constraintsFor(kinds: MediaKind[], wish: MediaWish, music: boolean): MediaStreamConstraints {
  const constraints = (kind: MediaKind): MediaTrackConstraints | false => {
    if (!kinds.includes(kind)) return false;
    const device = wish[kind];
    const base = music && kind === 'audio' ? audioConstraints(false) : CONSTRAINTS[kind];
    return typeof device === 'string' ? { ...base, deviceId: { exact: device } } : base;
  };
  return { audio: constraints('audio'), video: constraints('video') };
}

function isMissingDevice(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'OverconstrainedError');
}

/**
 * The `features` (camera and microphone unless given) an embedding page's Permissions Policy refuses this
 * frame (an iframe without allow="camera; microphone"): asking again cannot help there, only the site can. Chromium only
 * (document.featurePolicy); elsewhere, none.
 */
export function refusedByPermissionsPolicy(features = ['camera', 'microphone']): string[] {
  const policy = (globalThis.document as { featurePolicy?: { allowsFeature(feature: string): boolean } } | undefined)
    ?.featurePolicy;
  return policy ? features.filter((feature) => !policy.allowsFeature(feature)) : [];
}
