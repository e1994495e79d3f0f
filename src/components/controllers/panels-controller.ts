// The side panel that is open (the chat, the participants or the settings, one at a time: on small screens it covers the
// stage), the chat's unread count, and focus: opening a panel moves focus into it (the message field, the
// first picker), so typing goes there; closing it gives focus back to the toolbar button that opened it.
import type { ReactiveControllerHost } from 'lit';

export type Panel = 'chat' | 'settings' | 'participants';

/** Each panel's element: `video-conference-<panel>`. */
const tagOf = (panel: Panel) => `video-conference-${panel}` as const;

export class PanelsController {
  open: Panel | null = null;
  /** Messages from others that arrived while the chat was closed. */
  unread = 0;
  #host: ReactiveControllerHost & HTMLElement;
  /** Fetches a panel's chunk (the same promise its view waits for). */
  #load: (panel: Panel) => Promise<unknown>;

  constructor(host: ReactiveControllerHost & HTMLElement, load: (panel: Panel) => Promise<unknown>) {
    this.#host = host;
    this.#load = load;
    host.addEventListener('vc-message', ({ detail }) => {
      if (detail.local || this.open === 'chat') return;
      this.unread++;
      host.requestUpdate();
    });
  }

  toggle(panel: Panel): Promise<void> {
    return this.open === panel ? this.close() : this.show(panel);
  }

  async show(panel: Panel): Promise<void> {
    this.open = panel;
    if (panel === 'chat') this.unread = 0;
    this.#host.requestUpdate();
    // The panel shows once its chunk is here: the render that asks for it, then the one it brings.
    await this.#host.updateComplete;
    await this.#load(panel);
    await this.#host.updateComplete;
    const element = this.#host.shadowRoot?.querySelector(tagOf(panel));
    await element?.updateComplete;
    element?.focus();
  }

  /** Closes the open panel; focus goes back to its toolbar button (or the "More" button holding it). */
  async close(): Promise<void> {
    const panel = this.open;
    if (!panel) return;
    this.open = null;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const root = this.#host.shadowRoot;
    const button = root?.querySelector<HTMLElement>(`[part~=${panel}-control]`);
    (button?.checkVisibility() ? button : root?.querySelector<HTMLElement>('[part~=more-control]'))?.focus();
  }
}
