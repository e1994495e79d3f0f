// The element's side of its media effects, recording and reactions (issue 14), around their chunk
// (video-conference/effects.ts, made on first use by `load`): the `background`, `noise-suppression` and
// `music-mode` attributes applied whenever they change, a reaction or someone's recording shown once one comes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Participant } from '../../rtc/index.ts';
import type { Strings } from '../i18n/strings.ts';
import type { EffectsHost } from '../video-conference/effects-host.ts';
import type { Effects } from '../video-conference/effects.ts';

/** The settings the effects apply, as one comparable value. */
const settingsOf = ({ background, noiseSuppression, musicMode }: EffectsHost): string =>
  `${background},${noiseSuppression},${musicMode}`;

type Host = EffectsHost & ReactiveControllerHost;

export class EffectsController implements ReactiveController {
  readonly #host: Host;
  readonly #load: () => Promise<Effects>;
  #chunk: Promise<Effects> | null = null;
  /** The chunk's object once here: what it renders. */
  #effects: Effects | null = null;
  /** The settings last applied (or being applied). */
  #applied = 'none,false,false';

  constructor(host: Host, load: () => Promise<Effects>) {
    this.#host = host;
    this.#load = load;
    host.addEventListener('vc-reaction', ({ detail }) => void this.run((effects) => effects.show(detail)));
    host.addController(this);
  }

  /** The reactions menu is open. */
  get menuOpen(): boolean {
    return !!this.#effects?.menuOpen;
  }

  /** Runs `action` with the effects' code, fetched the first time (and again after a failure). */
  run<T>(action: (effects: Effects) => T): Promise<Awaited<T>> {
    const chunk = (this.#chunk ??= this.#load().then((effects) => {
      this.#host.requestUpdate();
      return (this.#effects = effects);
    }));
    chunk.catch(() => (this.#chunk = null));
    return chunk.then(action) as Promise<Awaited<T>>;
  }

  /** Applies the element's background, noise suppression and music mode; rejects with the first refusal. */
  apply(): Promise<void> {
    this.#applied = settingsOf(this.#host);
    return this.run((effects) => effects.apply());
  }

  /** Reactions floating over tiles, who records, the reactions menu: once any of them is there. */
  render(participants: Participant[], t: Strings): unknown {
    if (participants.some((p) => p.recording)) void this.run(Boolean);
    return this.#effects?.render(participants, t);
  }

  hostUpdate(): void {
    // A refusal is shown and told by the effects themselves.
    if (settingsOf(this.#host) !== this.#applied) this.apply().catch(Boolean);
  }
}
