// The side panel that is open (the chat, the participants or the settings, one at a time: on small screens it covers the
// stage), the chat's unread count, and focus: opening a panel moves focus into it (the message field, the
// first picker), so typing goes there; closing it gives focus back to the toolbar button that opened it.
import type { ReactiveControllerHost } from 'lit';
import { PANEL_CHUNKS } from '../video-conference/panels.ts';

export type Panel = 'chat' | 'settings' | 'participants';

const TAGS = {
  chat: 'video-conference-chat',
  settings: 'video-conference-settings',
  participants: 'video-conference-participants',
} as const;

export class PanelsController {
  open: Panel | null = null;
  /** Messages from others that arrived while the chat was closed. */
  unread = 0;
  #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
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
    await PANEL_CHUNKS[panel]();
    await this.#host.updateComplete;
    const element = this.#host.shadowRoot?.querySelector(TAGS[panel]);
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
