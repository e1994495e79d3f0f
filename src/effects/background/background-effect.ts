// Background blur and replacement, the chunk the widget loads when someone asks for it: the camera track in, a
// processed track out (person segmentation by MediaPipe, WebGL compositing, canvas.captureStream()), run once per
// sender whatever the number of peers it is sent to.
import { RtcError } from '../../rtc/errors.ts';
import { loadBackgroundImage } from './background-image.ts';
import { Compositor } from './compositor.ts';
import { FrameLoop } from './frame-loop.ts';
import { RateMeter } from './rate-meter.ts';
import { PersonSegmenter } from './segmenter.ts';
import { backgroundSupported } from './supported.ts';

export { backgroundSupported };

/** 'blur', or the URL of an image to show behind the person. */
export type Background = 'blur' | string;

export interface BackgroundEffect {
  /** The processed track to send and show: same size and frame rate target as the raw one. */
  readonly track: MediaStreamTrack;
  /** Switches between blur and an image, or between images, on the same track. Rejects RtcError('effect-failed') when the image cannot be loaded (the previous background stays). */
  setBackground(background: Background): Promise<void>;
  /** The encoder reports CPU limitation (true) or no longer (false): segment at a lower resolution and rate while true. */
  setConstrained(constrained: boolean): void;
  /** Frames out and segmentations per second over the last second or so, and whether constrained: for benchmarks and stats. */
  readonly stats: { fps: number; segmentationsPerSecond: number; constrained: boolean };
  /** Stops the processing and the processed track; never the raw track (the caller owns it). Idempotent. */
  stop(): void;
}

/** Frames segmented: each one, at most this often (a 60 fps camera is segmented at 30 fps or so). */
const MIN_SEGMENT_INTERVAL_MS = 25;
/**
 * While the encoder is short of CPU, one frame in this many is segmented; the others reuse the last mask. The rate
 * is what there is to lower: the model's input is 256 × 144 whatever it is given, so a smaller picture would save
 * nothing but the mask's detail.
 */
const CONSTRAINED_SEGMENT_EVERY = 2;

/**
 * Starts the effect on `raw`; `assets` is the URL of the folder the relay serves this feature's files from (e.g.
 * new URL('effects/background/', relayUrl)). Rejects RtcError('effect-unsupported') where backgroundSupported() is
 * false, RtcError('effect-failed') when the model or WebAssembly cannot load.
 *
 * @example
 * const effect = await startBackgroundEffect(cameraTrack, 'blur', new URL('effects/background/', relay));
 * await sender.replaceTrack(effect.track);
 */
export async function startBackgroundEffect(
  raw: MediaStreamTrack,
  background: Background,
  assets: URL,
): Promise<BackgroundEffect> {
  if (!backgroundSupported()) throw new RtcError('effect-unsupported', 'This browser cannot run background effects');
  if (raw.readyState === 'ended') throw new RtcError('effect-failed', 'The camera track has ended');
  const canvas = document.createElement('canvas');
  const { width = 640, height = 480 } = raw.getSettings();
  canvas.width = width;
  canvas.height = height;
  let compositor: Compositor;
  try {
    compositor = new Compositor(canvas);
  } catch (cause) {
    throw new RtcError('effect-unsupported', 'This browser gives no WebGL for background effects', { cause });
  }
  try {
    const [segmenter, image] = await Promise.all([
      PersonSegmenter.load(assets).catch((cause: unknown) => {
        throw new RtcError('effect-failed', 'The background effect could not load its model', { cause });
      }),
      background === 'blur' ? null : loadImage(background),
    ]);
    compositor.setImage(image);
    return new Effect(raw, canvas, compositor, segmenter);
  } catch (error) {
    compositor.destroy();
    throw error;
  }
}

async function loadImage(url: string) {
  try {
    return await loadBackgroundImage(url);
  } catch (cause) {
    throw new RtcError('effect-failed', 'The background image could not be loaded', { cause });
  }
}

class Effect implements BackgroundEffect {
  readonly track: MediaStreamTrack;
  readonly #raw: MediaStreamTrack;
  readonly #canvas: HTMLCanvasElement;
  readonly #compositor: Compositor;
  readonly #segmenter: PersonSegmenter;
  readonly #video = document.createElement('video');
  readonly #loop: FrameLoop;
  readonly #frames = new RateMeter();
  readonly #segmentations = new RateMeter();
  #constrained = false;
  #stopped = false;
  /** Frames since the last segmentation, and when that was. */
  #sinceSegmentation = Infinity;
  #lastSegmentation = -Infinity;
  /** Set once segmenting throws: frames still flow, with the last mask. */
  #segmenterBroken = false;
  /** Captures what the canvas shows now as the track's next frame. */
  readonly #requestFrame: () => void;
  /** The latest setBackground call, so that a slower earlier image never replaces a later choice. */
  #backgroundRequest = 0;

  constructor(raw: MediaStreamTrack, canvas: HTMLCanvasElement, compositor: Compositor, segmenter: PersonSegmenter) {
    this.#raw = raw;
    this.#canvas = canvas;
    this.#compositor = compositor;
    this.#segmenter = segmenter;
    // A frame is captured when asked for, after each draw: with automatic capture, Chromium takes a WebGL canvas's
    // frames when the page renders, so a hidden page would send one frame and stop.
    // Where a browser has no requestFrame(), automatic capture it is.
    const stream = canvas.captureStream(0);
    const requestFrame = requestFrameOf(stream, stream.getVideoTracks()[0]!);
    if (!requestFrame) stream.getVideoTracks()[0]!.stop();
    this.track = (requestFrame ? stream : canvas.captureStream()).getVideoTracks()[0]!;
    this.#requestFrame = requestFrame ?? (() => {});
    this.#video.muted = true;
    this.#video.playsInline = true;
    this.#video.srcObject = new MediaStream([raw]);
    // Muted playback needs no user gesture; a refusal anyway leaves the loop waiting for frames, not throwing.
    this.#video.play().catch(() => {});
    this.#loop = new FrameLoop(this.#video, raw.getSettings().frameRate || 30, this.#process);
    raw.addEventListener('ended', this.#onRawEnded);
  }

  get stats() {
    const now = performance.now();
    return {
      fps: this.#frames.rate(now),
      segmentationsPerSecond: this.#segmentations.rate(now),
      constrained: this.#constrained,
    };
  }

  async setBackground(background: Background): Promise<void> {
    const request = ++this.#backgroundRequest;
    const image = background === 'blur' ? null : await loadImage(background);
    if (request === this.#backgroundRequest && !this.#stopped) this.#compositor.setImage(image);
  }

  setConstrained(constrained: boolean): void {
    this.#constrained = constrained;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#raw.removeEventListener('ended', this.#onRawEnded);
    this.#loop.stop();
    this.track.stop();
    this.#video.srcObject = null;
    this.#segmenter.close();
    this.#compositor.destroy();
    this.#canvas.width = this.#canvas.height = 0;
  }

  readonly #process = () => {
    const video = this.#video;
    // Nothing to draw before the first frame, nor anything new while the camera is muted or after it has ended.
    const raw = this.#raw;
    if (this.#stopped || raw.muted || raw.readyState === 'ended') return;
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
    const { videoWidth, videoHeight } = video;
    if (!videoWidth || !videoHeight) return;
    if (this.#canvas.width !== videoWidth || this.#canvas.height !== videoHeight) {
      this.#canvas.width = videoWidth;
      this.#canvas.height = videoHeight;
    }
    const now = performance.now();
    this.#sinceSegmentation++;
    const segment =
      !this.#segmenterBroken &&
      this.#sinceSegmentation >= (this.#constrained ? CONSTRAINED_SEGMENT_EVERY : 1) &&
      now - this.#lastSegmentation >= MIN_SEGMENT_INTERVAL_MS;
    if (segment) {
      try {
        this.#segmenter.segment(video);
        this.#sinceSegmentation = 0;
        this.#lastSegmentation = now;
        this.#segmentations.add(now);
      } catch {
        this.#segmenterBroken = true;
      }
    }
    try {
      this.#compositor.render(video, this.#segmenter.mask, segment);
      this.#requestFrame();
      this.#frames.add(now);
    } catch {
      // A frame the browser would not draw (a lost context, a resized source) is skipped; the next one may do.
    }
  };

  /** The camera is gone (unplugged, or its permission revoked): so is the processed track. */
  readonly #onRawEnded = () => this.stop();
}

/** Where the browser put requestFrame(): on the track (the spec, Chromium) or on the stream (Firefox). */
function requestFrameOf(stream: MediaStream, track: MediaStreamTrack): (() => void) | undefined {
  const onTrack = track as Partial<CanvasCaptureMediaStreamTrack>;
  const onStream = stream as MediaStream & { requestFrame?: () => void };
  if (onTrack.requestFrame) return () => onTrack.requestFrame!();
  if (onStream.requestFrame) return () => onStream.requestFrame!();
  return undefined;
}
