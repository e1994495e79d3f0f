// A part of the widget fetched the first time it is needed (a chunk of the bundle, from the relay like the
// bundle): get() answers null until its module is here, then the host renders again. A module may bring the
// styles of what it renders (`styles`): they join the host's shadow root as it arrives.
import { adoptStyles, type CSSResult, type LitElement } from 'lit';

export class Lazy<T extends object> {
  #module: T | null = null;
  #load: (() => Promise<T>) | null;
  #host: LitElement;

  constructor(host: LitElement, load: () => Promise<T>) {
    this.#host = host;
    this.#load = load;
  }

  get(): T | null {
    const load = this.#load;
    this.#load = null;
    void load?.().then((module) => {
      const root = this.#host.renderRoot as ShadowRoot;
      const { styles } = module as { styles?: CSSResult };
      if (styles) adoptStyles(root, [...root.adoptedStyleSheets, styles]);
      this.#module = module;
      this.#host.requestUpdate();
    });
    return this.#module;
  }
}
