// Tracks the size of an element in the host's shadow root (found after each render) with a ResizeObserver,
// and re-renders the host when it changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SizeController implements ReactiveController {
  width = 0;
  height = 0;
  #host: ReactiveControllerHost;
  #target: () => Element | null;
  #observed: Element | null = null;
  #observer = new ResizeObserver(([entry]) => {
    const { inlineSize, blockSize } = entry!.contentBoxSize[0]!;
    if (inlineSize === this.width && blockSize === this.height) return;
    this.width = inlineSize;
    this.height = blockSize;
    this.#host.requestUpdate();
  });

  constructor(host: ReactiveControllerHost, target: () => Element | null) {
    this.#host = host;
    this.#target = target;
    host.addController(this);
  }

  hostUpdated(): void {
    const target = this.#target();
    if (target === this.#observed) return;
    this.#observer.disconnect();
    this.#observed = target;
    if (target) this.#observer.observe(target);
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
    this.#observed = null;
  }
}
