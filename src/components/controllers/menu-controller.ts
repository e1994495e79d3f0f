// The toolbar's "More" menu: whether it is open; a press anywhere outside it closes it, and closing it
// gives focus inside it back to the "More" button.
import type { ReactiveControllerHost } from 'lit';

export class MenuController {
  open = false;
  #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addEventListener('pointerdown', (event) => {
      const more = host.shadowRoot?.querySelector('.more');
      if (more && !event.composedPath().includes(more)) this.close();
    });
  }

  toggle(): void {
    this.open = !this.open;
    this.#host.requestUpdate();
  }

  /** Closes the menu if it is open, and says whether it was. */
  close(): boolean {
    const open = this.open;
    const root = this.#host.shadowRoot;
    if (root?.querySelector('.menu')?.contains(root.activeElement)) {
      root.querySelector<HTMLElement>('[part~=more-control]')!.focus();
    }
    this.open = false;
    // Every press in the widget closes the menu: only one that was open needs a render.
    if (open) this.#host.requestUpdate();
    return open;
  }
}
