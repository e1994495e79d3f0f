// Full screen for the host element: whether it is (kept true to the browser, which also leaves full screen
// on Esc), and a toggle.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FullscreenController implements ReactiveController {
  active = false;
  #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  async toggle(): Promise<void> {
    if (document.fullscreenElement === this.#host) await document.exitFullscreen();
    else await this.#host.requestFullscreen();
  }

  hostConnected(): void {
    document.addEventListener('fullscreenchange', this.#onChange);
  }

  hostDisconnected(): void {
    document.removeEventListener('fullscreenchange', this.#onChange);
  }

  #onChange = (): void => {
    this.active = document.fullscreenElement === this.#host;
    this.#host.requestUpdate();
  };
}
