// The pre-join screen's microphone level: listens to the preview's microphone while its host is on the
// page (closing the audio context when it goes) and re-renders the host when the level changes a step.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AudioLevel } from '../../rtc/index.ts';

/** The meter's steps above silence. */
export const LEVEL_STEPS = 10;

export class LevelController implements ReactiveController {
  /** From 0 (silence) to LEVEL_STEPS. */
  level = 0;
  #host: ReactiveControllerHost;
  #track: () => MediaStreamTrack | null;
  #audio = new AudioLevel();
  #frame = 0;

  /** `track` says which microphone to listen to now (null: none); it is asked after each update. */
  constructor(host: ReactiveControllerHost, track: () => MediaStreamTrack | null) {
    this.#host = host;
    this.#track = track;
    host.addController(this);
  }

  hostConnected(): void {
    this.#audio.follow(this.#track());
    this.#frame = requestAnimationFrame(this.#tick);
  }

  hostUpdated(): void {
    this.#audio.follow(this.#track());
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#audio.close();
  }

  #tick = (): void => {
    this.#frame = requestAnimationFrame(this.#tick);
    // Chromium starts an audio context suspended until the page has had a click or a key press, even with the
    // microphone granted (autoplay policy, https://crbug.com/835767): the meter starts with the first one.
    if (navigator.userActivation?.hasBeenActive) this.#audio.resume();
    const level = Math.round(this.#audio.read() * LEVEL_STEPS);
    if (level === this.level) return;
    this.level = level;
    this.#host.requestUpdate();
  };
}
