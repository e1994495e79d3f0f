// A part of the widget fetched the first time it is needed (a chunk of the bundle, from the relay like the
// bundle): get() answers null until its module is here, then the host renders again. A module may bring the
// styles of what it renders (`styles`): they join the host's shadow root as it arrives. A chunk that does not
// come (a network blip, the widget redeployed under the page) is asked for again, less and less often.
import { adoptStyles, type CSSResult, type LitElement } from 'lit';

export class Lazy<T extends object> {
  #module: T | null = null;
  #load: (() => Promise<T>) | null;
  #host: LitElement;
  /** How long to wait before asking again for a chunk that did not come. */
  #retryMs = 2000;

  constructor(host: LitElement, load: () => Promise<T>) {
    this.#host = host;
    this.#load = load;
  }

  get(): T | null {
    const load = this.#load;
    this.#load = null;
    void load?.().then(
      (module) => {
        const root = this.#host.renderRoot as ShadowRoot;
        const { styles } = module as { styles?: CSSResult };
        if (styles) adoptStyles(root, [...root.adoptedStyleSheets, styles]);
        this.#module = module;
        this.#host.requestUpdate();
      },
      () => {
        this.#load = load;
        setTimeout(() => this.#host.requestUpdate(), (this.#retryMs = Math.min(this.#retryMs * 2, 60_000)));
      },
    );
    return this.#module;
  }
}
