// Noise suppression for the outgoing microphone: RNNoise (@sapphi-red/web-noise-suppressor's AudioWorklet and
// WebAssembly, served by the relay beside the bundle) between the raw track and a cleaned one, in an AudioContext.
import { loadRnnoise, RnnoiseWorkletNode } from '@sapphi-red/web-noise-suppressor';
import { RtcError } from '../../rtc/errors.ts';
import { resumeOnGesture, whenRunning } from './audio-context.ts';
import { noiseSuppressionSupported } from './supported.ts';

/** RNNoise's model works on 10 ms frames of 480 samples: 48 kHz audio. */
const SAMPLE_RATE = 48_000;

/** What the relay serves in the assets folder (assets.json). */
const FILES = { worklet: 'rnnoise-worklet.js', wasm: 'rnnoise.wasm', simdWasm: 'rnnoise-simd.wasm' };

export { noiseSuppressionSupported };

export interface NoiseSuppressor {
  /** The cleaned microphone track to send instead of the raw one. */
  readonly track: MediaStreamTrack;
  /** Stops the processing and the processed track, closes the AudioContext; never stops the raw track. Idempotent. */
  stop(): void;
}

export interface NoiseSuppressionOptions {
  /** Gives up (rejecting with its reason, freeing everything) while loading or waiting for a gesture. */
  signal?: AbortSignal;
}

/**
 * Starts suppression on `raw` (a microphone track); `assets` is the URL of the folder the relay serves this feature's
 * files from (e.g. new URL('effects/noise/', relayUrl)). Resolves once cleaned audio actually flows: an AudioContext
 * made without a user gesture starts suspended (autoplay policy), so it resumes on the page's next pointerdown or
 * keydown, and only then resolves (the caller sends the raw track meanwhile). Rejects RtcError('effect-unsupported')
 * where unsupported, RtcError('effect-failed') when the worklet or WebAssembly cannot load.
 *
 * The cleaned track starts with the raw one's `enabled` and `contentHint`; muting works on either track (a disabled
 * raw track feeds silence). If the raw track ends, the suppressor stops.
 *
 * @example
 * const suppressor = await startNoiseSuppression(microphone, new URL('effects/noise/', relayUrl));
 * await sender.replaceTrack(suppressor.track);
 */
export async function startNoiseSuppression(
  raw: MediaStreamTrack,
  assets: URL,
  { signal }: NoiseSuppressionOptions = {},
): Promise<NoiseSuppressor> {
  if (!noiseSuppressionSupported()) {
    throw new RtcError('effect-unsupported', 'This browser cannot run noise suppression (AudioWorklet, WebAssembly).');
  }
  signal?.throwIfAborted();
  if (raw.readyState === 'ended') throw new RtcError('effect-failed', 'The microphone track has ended.');
  let context: AudioContext;
  try {
    context = new AudioContext({ sampleRate: SAMPLE_RATE });
  } catch (cause) {
    throw new RtcError('effect-failed', 'No audio context for noise suppression.', { cause });
  }
  try {
    const [wasmBinary] = await Promise.all([
      loadWasm(assets, signal),
      context.audioWorklet.addModule(new URL(FILES.worklet, assets).href),
    ]);
    signal?.throwIfAborted();
    const suppressor = connect(context, raw, wasmBinary);
    try {
      await whenRunning(context, signal);
    } catch (error) {
      suppressor.stop();
      throw error;
    }
    return suppressor;
  } catch (error) {
    void context.close().catch(() => {});
    if (signal?.aborted || error instanceof RtcError) throw error;
    throw new RtcError('effect-failed', 'Noise suppression could not load.', { cause: error });
  }
}

/**
 * The WebAssembly for the worklet: the SIMD build where the browser has SIMD (the package's check). Compiled here
 * once as a check, since the worklet instantiates it out of reach and fails silently: a missing file, a corrupt one,
 * or a page whose Content-Security-Policy forbids WebAssembly ('wasm-unsafe-eval') all reject here instead.
 */
async function loadWasm(assets: URL, signal?: AbortSignal): Promise<ArrayBuffer> {
  const url = (name: string) => new URL(name, assets).href;
  const bytes = await loadRnnoise({ url: url(FILES.wasm), simdUrl: url(FILES.simdWasm) }, signal ? { signal } : {});
  await WebAssembly.compile(bytes);
  return bytes;
}

/** raw → RNNoise → a MediaStream track, in mono (RNNoise cleans one channel; a voice needs no more). */
function connect(context: AudioContext, raw: MediaStreamTrack, wasmBinary: ArrayBuffer): NoiseSuppressor {
  const source = context.createMediaStreamSource(new MediaStream([raw]));
  const rnnoise = new RnnoiseWorkletNode(context, { maxChannels: 1, wasmBinary });
  // A stereo microphone is mixed down before RNNoise rather than sent with a silent second channel.
  rnnoise.channelCount = 1;
  rnnoise.channelCountMode = 'explicit';
  const sink = context.createMediaStreamDestination();
  sink.channelCount = 1;
  source.connect(rnnoise).connect(sink);
  const [track] = sink.stream.getAudioTracks() as [MediaStreamTrack];
  track.enabled = raw.enabled;
  track.contentHint = raw.contentHint;

  const stopResuming = resumeOnGesture(context);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopResuming();
    raw.removeEventListener('ended', stop);
    source.disconnect();
    rnnoise.disconnect();
    rnnoise.destroy();
    track.stop();
    void context.close().catch(() => {});
  };
  raw.addEventListener('ended', stop);
  return { track, stop };
}
