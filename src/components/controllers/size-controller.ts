// Tracks the host element's content-box size with a ResizeObserver and re-renders when it changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SizeController implements ReactiveController {
  width = 0;
  height = 0;
  #host: ReactiveControllerHost & Element;
  #observer = new ResizeObserver(([entry]) => {
    const { inlineSize, blockSize } = entry!.contentBoxSize[0]!;
    if (inlineSize === this.width && blockSize === this.height) return;
    this.width = inlineSize;
    this.height = blockSize;
    this.#host.requestUpdate();
  });

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }
}
