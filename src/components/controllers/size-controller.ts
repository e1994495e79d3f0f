// Tracks the size of an element in the host's shadow root (found after each render) with a ResizeObserver,
// and re-renders the host on the next animation frame when it changed: a render inside the observer's
// callback could resize what it observes in the same frame ("ResizeObserver loop completed with undelivered
// notifications").
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SizeController implements ReactiveController {
  width = 0;
  height = 0;
  #host: ReactiveControllerHost;
  #target: () => Element | null;
  #observed: Element | null = null;
  #observer = new ResizeObserver(([entry]) => {
    const { inlineSize, blockSize } = entry!.contentBoxSize[0]!;
    requestAnimationFrame(() => {
      if (inlineSize === this.width && blockSize === this.height) return;
      this.width = inlineSize;
      this.height = blockSize;
      this.#host.requestUpdate();
    });
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
