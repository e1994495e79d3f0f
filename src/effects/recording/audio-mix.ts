// The sound of a recording: every audio track of the call mixed by one AudioContext into one track, with tracks
// added and removed as people come and go. The call's own tracks are only read, never stopped.

/** A live mix of audio tracks into `track`. */
export class AudioMix {
  readonly context = new AudioContext();
  /** Where the mixed sound goes; also what the recording's frame ticker feeds its silent clock nodes into. */
  readonly output = this.context.createMediaStreamDestination();
  readonly track: MediaStreamTrack = this.output.stream.getAudioTracks()[0]!;
  readonly #sources = new Map<MediaStreamTrack, MediaStreamAudioSourceNode>();

  /** Mixes exactly the live ones of `tracks` from now on. */
  update(tracks: readonly MediaStreamTrack[]): void {
    const wanted = new Set(tracks.filter((track) => track.kind === 'audio' && track.readyState === 'live'));
    for (const [track, source] of this.#sources) {
      if (wanted.has(track)) continue;
      source.disconnect();
      this.#sources.delete(track);
    }
    for (const track of wanted) {
      if (this.#sources.has(track)) continue;
      // A stream of its own per track: createMediaStreamSource takes a stream's first audio track.
      const source = this.context.createMediaStreamSource(new MediaStream([track]));
      source.connect(this.output);
      this.#sources.set(track, source);
    }
  }

  /** The tracks mixed now. */
  get tracks(): MediaStreamTrack[] {
    return [...this.#sources.keys()];
  }

  /**
   * Resumes a context the autoplay policy left suspended, waiting at most `waitMs`: recording starts from a
   * click, so the context normally runs at once; if not, the recording goes on and its sound starts with it.
   */
  async resume(waitMs: number): Promise<void> {
    if (this.context.state !== 'suspended') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const resumed = this.context.resume().catch(() => {});
    await Promise.race([resumed, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  /** Disconnects every source, ends the mixed track and closes the context. */
  async close(): Promise<void> {
    for (const source of this.#sources.values()) source.disconnect();
    this.#sources.clear();
    this.track.stop();
    if (this.context.state !== 'closed') await this.context.close().catch(() => {});
  }
}
