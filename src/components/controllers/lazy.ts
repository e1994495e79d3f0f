// A part of the widget fetched the first time it is needed (a chunk of the bundle, from the relay like the
// bundle): get() answers null until it is here, then the host renders again.
import type { ReactiveControllerHost } from 'lit';

export class Lazy<T> {
  #value: T | null = null;
  #load: (() => Promise<T>) | null;
  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost, load: () => Promise<T>) {
    this.#host = host;
    this.#load = load;
  }

  get(): T | null {
    const load = this.#load;
    this.#load = null;
    void load?.().then((value) => {
      this.#value = value;
      this.#host.requestUpdate();
    });
    return this.#value;
  }
}
