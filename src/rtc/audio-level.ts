// How loud a microphone is right now, measured with Web Audio (an AnalyserNode on the track), for a level
// meter such as the pre-join screen's and for telling whether we speak. It reads on demand and draws nothing:
// the caller decides how often.

/** Below this, silence: the meter's bottom (dBFS). */
const FLOOR_DB = -60;

export class AudioLevel {
  #context: AudioContext | null = null;
  #analyser: AnalyserNode | null = null;
  #source: MediaStreamAudioSourceNode | null = null;
  #track: MediaStreamTrack | null = null;
  #samples: Float32Array<ArrayBuffer>;

  /**
   * `window`: how many samples each reading covers (a power of two from 32 to 32768): 1024, about 20 ms, for
   * a meter read every frame; more for one read a few times a second, so that no sound falls between readings.
   */
  constructor(window = 1024) {
    this.#samples = new Float32Array(window);
  }

  /** Listens to `track` from now on (null: nothing to hear). */
  follow(track: MediaStreamTrack | null): void {
    if (track === this.#track) return;
    this.#track = track;
    this.#source?.disconnect();
    this.#source = null;
    if (!track) return;
    if (!this.#context) {
      this.#context = new AudioContext();
      this.#analyser = new AnalyserNode(this.#context, { fftSize: this.#samples.length });
    }
    // A source node of its own for the track, not the stream's: the stream may gain or lose a camera.
    this.#source = new MediaStreamAudioSourceNode(this.#context, { mediaStream: new MediaStream([track]) });
    this.#source.connect(this.#analyser!);
  }

  /**
   * The level of the last window (~20 ms by default), from 0 (silence, or a muted track) to 1 (full scale), on a decibel scale
   * as ears hear it.
   */
  read(): number {
    if (!this.#listen()) return 0;
    let sum = 0;
    for (const sample of this.#samples) sum += sample * sample;
    const decibels = 10 * Math.log10(sum / this.#samples.length);
    return Math.min(1, Math.max(0, 1 - decibels / FLOOR_DB));
  }

  /**
   * The peak of the last window on a linear scale, from 0 to 1 (full scale): the scale of the `audioLevel`
   * that WebRTC stats report (https://w3c.github.io/webrtc-stats/#dom-rtcaudiosourcestats-audiolevel).
   */
  peak(): number {
    if (!this.#listen()) return 0;
    let peak = 0;
    for (const sample of this.#samples) peak = Math.max(peak, Math.abs(sample));
    return Math.min(1, peak);
  }

  /** Fills the samples with the last window; false when there is nothing to hear. */
  #listen(): boolean {
    if (!this.#source) return false;
    this.#analyser!.getFloatTimeDomainData(this.#samples);
    return true;
  }

  /** Starts an audio context that the browser's autoplay policy suspended, once the page has had a click. */
  resume(): void {
    if (this.#context?.state === 'suspended') void this.#context.resume();
  }

  /** Stops listening and releases the audio context. */
  close(): void {
    this.#source?.disconnect();
    void this.#context?.close();
    this.#context = this.#analyser = this.#source = this.#track = null;
  }
}
