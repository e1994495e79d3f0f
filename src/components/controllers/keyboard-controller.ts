// The widget's keyboard, while focus is inside it: Escape closes the open panel (or the "More" menu), and a
// shortcut (shortcuts.ts) presses its toolbar button during a call, but never from a text field or a panel.
import { shortcutFor } from '../video-conference/shortcuts.ts';
import type { MenuController } from './menu-controller.ts';
import type { PanelsController } from './panels-controller.ts';

export interface KeyboardHost extends HTMLElement {
  readonly noShortcuts: boolean;
  readonly state: string;
}

export function listenToKeyboard(host: KeyboardHost, panels: PanelsController, menu: MenuController): void {
  host.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      if (menu.close()) event.preventDefault();
      else if (panels.open) {
        event.preventDefault();
        void panels.close();
      }
      return;
    }
    const path = event.composedPath();
    const typing = path.some(
      (target) =>
        target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement ||
        (target instanceof HTMLElement && target.classList.contains('panel')),
    );
    const shortcut = host.noShortcuts || host.state !== 'joined' || typing ? null : shortcutFor(event);
    if (!shortcut) return;
    event.preventDefault();
    host.shadowRoot?.querySelector<HTMLElement>(`[part~=${shortcut}-control]`)?.click();
  });
}
