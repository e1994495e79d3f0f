// What one remote participant sends us: their microphone and camera as one stream, their screen share as
// another, each a new MediaStream whenever its set of tracks changes.
export class RemoteMedia {
  #changed: () => void;
  #stream = new MediaStream();
  #screen: MediaStream | null = null;
  #stopped = false;

  /** `changed` runs whenever a track comes, goes, or is muted or unmuted. */
  constructor(changed: () => void) {
    this.#changed = changed;
  }

  get stream(): MediaStream {
    return this.#stream;
  }

  get screen(): MediaStream | null {
    return this.#screen;
  }

  /** Takes a track just received, into the screen share or the main stream, until it ends. */
  add(track: MediaStreamTrack, screen: boolean): void {
    const remove = () => this.#update(track, screen, false);
    this.#update(track, screen, true);
    track.addEventListener('ended', remove, { once: true });
    // A remote track is muted while no media arrives for it: before the first frame, or when the other
    // end has no camera, turned it off or stopped sharing.
    const changed = () => this.#stopped || this.#changed();
    track.addEventListener('mute', changed);
    track.addEventListener('unmute', changed);
  }

  stop(): void {
    this.#stopped = true;
  }

  #update(track: MediaStreamTrack, screen: boolean, present: boolean): void {
    if (this.#stopped) return;
    const current = screen ? (this.#screen?.getTracks() ?? []) : this.#stream.getTracks();
    const tracks = [...current.filter((t) => t !== track), ...(present ? [track] : [])];
    if (screen) this.#screen = tracks.length ? new MediaStream(tracks) : null;
    else this.#stream = new MediaStream(tracks);
    this.#changed();
  }
}
