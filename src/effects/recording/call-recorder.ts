// Local recording of a call, the chunk the widget loads when someone starts one: MediaRecorder over a canvas
// painted with the call's visible grid and a Web Audio mix of all its sound, giving a WebM whose duration is set.
import { RtcError } from '../../rtc/errors.ts';
import { AudioMix } from './audio-mix.ts';
import { startTicker } from './frame-ticker.ts';
import type { GridShape } from './grid-layout.ts';
import { paintGrid, type PaintedTile } from './grid-painter.ts';
import { withDuration } from './webm-duration.ts';

/** What to record, asked again on every frame (video) and whenever `refresh()` is called or about once a second (audio). */
export interface RecordingSource {
  /** The tiles shown now, in the grid's order: each one's `<video>` (drawn as its name on a dark tile while it has no picture) and name. */
  tiles(): PaintedTile[];
  /** Every audio track to mix now: the local microphone and each remote participant's. Tracks come and go. */
  audio(): MediaStreamTrack[];
  /** The call's grid: its columns and rows for a number of tiles in an area. */
  grid: GridShape;
}

export interface CallRecorder {
  /** When recording started, on the Date.now() clock. */
  readonly startedAt: number;
  /** The container and codecs chosen, e.g. 'video/webm;codecs=vp8,opus'. */
  readonly mimeType: string;
  /** Re-reads the source's audio tracks now (someone joined or left). */
  refresh(): void;
  /** Stops and resolves with the finished WebM (duration set). Idempotent: a second call gets the same Blob. */
  stop(): Promise<Blob>;
}

export interface RecordingOptions {
  /** The recording's size in pixels: 1280 × 720 unless given. */
  width?: number;
  height?: number;
  /** Frames a second: 30 unless given. Fewer are drawn while the machine cannot keep up. */
  fps?: number;
}

// VP8 first: it costs the encoder about half what VP9 does, and Chromium and Firefox both record it.
const MIME_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];
// Video bits per second at 1280 × 720 and 30 fps, scaled by the pixel rate asked for.
const VIDEO_BITRATE_720P30 = 2_000_000;
const AUDIO_BITRATE = 128_000;
// Each second's media is handed over as it is encoded, so a crash loses at most about that much.
const TIMESLICE_MS = 1000;
const AUDIO_REFRESH_MS = 1000;
const RESUME_WAIT_MS = 1000;

/** Whether this browser can record: MediaRecorder with a WebM type, canvas.captureStream, AudioContext. Sync, cheap. */
export function recordingSupported(): boolean {
  return (
    typeof MediaRecorder === 'function' &&
    typeof AudioContext === 'function' &&
    typeof HTMLCanvasElement === 'function' &&
    'captureStream' in HTMLCanvasElement.prototype &&
    webmType() !== undefined
  );
}

function webmType(): string | undefined {
  return MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
}

/**
 * Starts recording `source`. `onError` is called once with RtcError('recording-failed') if recording fails
 * midway (the caller then stops it; what was recorded until then is kept). Rejects with
 * RtcError('recording-unsupported') where the browser cannot record, RtcError('recording-failed') if it cannot
 * start.
 *
 * @example
 * const recorder = await startCallRecording({ tiles: () => shownTiles(), audio: () => allAudioTracks() }, report);
 * // someone joins: recorder.refresh(); later:
 * const webm = await recorder.stop();
 */
export async function startCallRecording(
  source: RecordingSource,
  onError: (error: RtcError) => void,
  { width = 1280, height = 720, fps = 30 }: RecordingOptions = {},
): Promise<CallRecorder> {
  for (const [name, value] of Object.entries({ width, height, fps })) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, not ${value}`);
  }
  const mimeType = recordingSupported() ? webmType() : undefined;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width);
  canvas.height = Math.round(height);
  const painter = canvas.getContext('2d', { alpha: false });
  if (!mimeType || !painter) throw new RtcError('recording-unsupported', 'This browser cannot record the call.');

  // No frame rate: a frame each time the canvas is painted, so the ticker alone sets the rate. With one, both
  // browsers drop frames that come a little early (Chromium recorded ~28 of 30, Firefox ~19); Firefox also
  // honours requestFrame() on a canvas outside the document only about once a second.
  const video = canvas.captureStream().getVideoTracks()[0]!;
  let mix: AudioMix;
  try {
    mix = new AudioMix();
  } catch (error) {
    // Chromium limits how many AudioContexts a page may hold.
    video.stop();
    throw new RtcError('recording-failed', 'The recording could not start.', { cause: error });
  }
  let failed = false;
  const fail = (cause: unknown) => {
    if (failed) return;
    failed = true;
    onError(new RtcError('recording-failed', 'The recording stopped because of an error.', { cause }));
  };

  let audioReadAt = 0;
  const readAudio = () => {
    audioReadAt = performance.now();
    mix.update(source.audio());
  };
  const paint = () => {
    try {
      paintGrid(painter, source.tiles(), source.grid);
      if (performance.now() - audioReadAt >= AUDIO_REFRESH_MS) readAudio();
    } catch (error) {
      fail(error);
    }
  };
  let stopTicker = () => {};
  const release = async () => {
    stopTicker();
    video.stop();
    await mix.close();
  };

  let recorder: MediaRecorder;
  let startedAt: number;
  let startedAtMs: number;
  const chunks: Blob[] = [];
  let endedAtMs: number | undefined;
  let onEnded = () => {};
  const ended = new Promise<void>((resolve) => (onEnded = resolve));
  try {
    readAudio();
    await mix.resume(RESUME_WAIT_MS);
    paint();
    stopTicker = startTicker(mix.context, mix.output, fps, paint);
    const bitsPerPixel = VIDEO_BITRATE_720P30 / (1280 * 720 * 30);
    recorder = new MediaRecorder(new MediaStream([video, mix.track]), {
      mimeType,
      videoBitsPerSecond: Math.round(bitsPerPixel * canvas.width * canvas.height * fps),
      audioBitsPerSecond: AUDIO_BITRATE,
    });
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = () => {
      endedAtMs ??= performance.now();
      onEnded();
    };
    await new Promise<void>((resolve, reject) => {
      recorder.onstart = () => resolve();
      recorder.onerror = (event) => reject((event as ErrorEvent).error ?? event);
      recorder.start(TIMESLICE_MS);
    });
    startedAt = Date.now();
    startedAtMs = performance.now();
  } catch (error) {
    await release();
    throw new RtcError('recording-failed', 'The recording could not start.', { cause: error });
  }

  recorder.onerror = (event) => fail((event as ErrorEvent).error ?? event);

  let finished: Promise<Blob> | undefined;
  const finish = async () => {
    endedAtMs ??= performance.now();
    if (recorder.state !== 'inactive') recorder.stop();
    await ended;
    await release();
    const webm = new Blob(chunks, { type: recorder.mimeType || mimeType });
    chunks.length = 0;
    return withDuration(webm, endedAtMs - startedAtMs);
  };
  return {
    startedAt,
    mimeType: recorder.mimeType || mimeType,
    refresh: () => {
      try {
        readAudio();
      } catch (error) {
        fail(error);
      }
    },
    stop: () => (finished ??= finish()),
  };
}
