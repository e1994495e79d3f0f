// The toolbar under the call: microphone, camera, screen share, raised hand, chat (with its unread count),
// settings, spotlight, full screen and leave. Every toggle says its state with aria-pressed.
import { html, nothing, type TemplateResult } from 'lit';
import { icons } from '../shared/icons.ts';
import { format, type Strings } from '../i18n/strings.ts';

/** The keys that press toolbar buttons while the widget has focus (unless `no-shortcuts`). */
export const SHORTCUTS = { microphone: 'm', camera: 'v', screen: 's', hand: 'h', chat: 'c' } as const;

export type Shortcut = keyof typeof SHORTCUTS;

/** The toolbar button a key press stands for, if any: never while typing in a field, with a modifier key,
 *  or for a key held down. */
export function shortcutFor(event: KeyboardEvent): Shortcut | null {
  const target = event.composedPath()[0];
  const typing =
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
  if (typing || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null;
  const key = event.key.toLowerCase();
  return (Object.keys(SHORTCUTS) as Shortcut[]).find((name) => SHORTCUTS[name] === key) ?? null;
}

export interface ControlsState {
  /** Keyboard shortcuts are on: the buttons' tooltips name them. */
  shortcuts: boolean;
  microphoneOn: boolean;
  cameraOn: boolean;
  screenOn: boolean;
  /** The browser can share a screen (getDisplayMedia exists). */
  screenSupported: boolean;
  hand: boolean;
  chatOpen: boolean;
  unread: number;
  settingsOpen: boolean;
  spotlight: boolean;
  fullscreenSupported: boolean;
  fullscreen: boolean;
}

export interface ControlsActions {
  toggleMicrophone(): void;
  toggleCamera(): void;
  toggleScreen(): void;
  toggleHand(): void;
  toggleChat(): void;
  toggleSettings(): void;
  toggleSpotlight(): void;
  toggleFullscreen(): void;
  leave(): void;
}

/**
 * A toggle button of the toolbar (parts `control` and `<name>-control`), which says whether it is on with
 * aria-pressed and names its shortcut key, if any, in its tooltip. The pre-join screen's toggles are these too.
 */
export function toggleButton(
  name: string,
  label: string,
  pressed: boolean,
  icon: unknown,
  action: () => void,
  { shortcut, extra }: { shortcut?: string | undefined; extra?: unknown } = {},
): TemplateResult {
  return html`<button
    type="button"
    class="control"
    part="control ${name}-control"
    aria-label=${label}
    aria-pressed=${String(pressed)}
    title=${shortcut ? `${label} (${shortcut.toUpperCase()})` : label}
    @click=${action}
  >
    ${icon}${extra ?? nothing}
  </button>`;
}

export function renderControls(state: ControlsState, actions: ControlsActions, t: Strings): TemplateResult {
  const toggle = (name: string, label: string, pressed: boolean, icon: unknown, action: () => void, extra?: unknown) =>
    toggleButton(name, label, pressed, icon, action, {
      shortcut: state.shortcuts ? (SHORTCUTS as Record<string, string | undefined>)[name] : undefined,
      extra,
    });
  return html`
    <div class="controls" part="controls" role="toolbar" aria-label=${t.controls}>
      ${toggle(
        'microphone',
        t.microphone,
        state.microphoneOn,
        state.microphoneOn ? icons.mic : icons.micOff,
        actions.toggleMicrophone,
      )}
      ${toggle(
        'camera',
        t.camera,
        state.cameraOn,
        state.cameraOn ? icons.camera : icons.cameraOff,
        actions.toggleCamera,
      )}
      ${
        state.screenSupported ? toggle('screen', t.screen, state.screenOn, icons.screen, actions.toggleScreen) : nothing
      }
      ${toggle('hand', t.hand, state.hand, icons.hand, actions.toggleHand)}
      ${toggle(
        'chat',
        t.chat,
        state.chatOpen,
        icons.chat,
        actions.toggleChat,
        state.unread > 0
          ? html`<span class="unread" part="unread" aria-label=${format(t.unread, { count: state.unread })}
              >${state.unread}</span
            >`
          : nothing,
      )}
      ${toggle('settings', t.settings, state.settingsOpen, icons.settings, actions.toggleSettings)}
      ${toggle('layout', t.spotlight, state.spotlight, icons.spotlight, actions.toggleSpotlight)}
      ${
        state.fullscreenSupported
          ? toggle('fullscreen', t.fullscreen, state.fullscreen, icons.fullscreen, actions.toggleFullscreen)
          : nothing
      }
      <button
        type="button"
        class="control leave"
        part="control leave-control"
        aria-label=${t.leave}
        title=${t.leave}
        @click=${actions.leave}
      >
        ${icons.leave}
      </button>
    </div>
  `;
}
