// The toolbar under the call, in one row: microphone, camera, screen share, raised hand, chat and participants
// (those three move into the "More" menu in a narrow widget), "More" (settings, spotlight, full screen), and leave.
// Every toggle says its state with aria-pressed and has a tooltip (on hover and keyboard focus) naming its
// shortcut. The microphone and camera are neutral when on and red when off, as in Google Meet.
import { html, nothing, type TemplateResult } from 'lit';
import { icons } from '../shared/icons.ts';
import { format, type Strings } from '../i18n/strings.ts';
import { shortcutLabel } from './shortcuts.ts';

export interface ControlsState {
  /** Keyboard shortcuts are on: the tooltips name them. */
  shortcuts: boolean;
  /** The widget is narrow (a phone, a sidebar): the hand and the chat go into the "More" menu. */
  narrow: boolean;
  /** Not connected to the call yet: what needs the others (screen, hand, chat) is disabled. */
  connecting: boolean;
  menuOpen: boolean;
  microphoneOn: boolean;
  cameraOn: boolean;
  screenOn: boolean;
  /** The browser can share a screen (getDisplayMedia exists). */
  screenSupported: boolean;
  hand: boolean;
  chatOpen: boolean;
  unread: number;
  participantsOpen: boolean;
  /** For hosts: how many people knock, shown on the participants button. */
  knocks: number;
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
  toggleParticipants(): void;
  toggleSettings(): void;
  toggleSpotlight(): void;
  toggleFullscreen(): void;
  toggleMenu(): void;
  leave(): void;
}

interface ButtonOptions {
  /** Its tooltip, when it differs from its label (a shortcut added). */
  tip?: string | undefined;
  /** Shown after the icon: a count, or the label in the "More" menu. */
  extra?: unknown;
  disabled?: boolean;
}

/**
 * A toggle button (parts `control` and `<name>-control`) with a tooltip: the toolbar's, the "More" menu's
 * and the pre-join screen's.
 */
export function toggleButton(
  name: string,
  label: string,
  pressed: boolean,
  icon: unknown,
  action: () => void,
  { tip, extra, disabled }: ButtonOptions = {},
): TemplateResult {
  return html`<button
    type="button"
    class="control ${name === 'microphone' || name === 'camera' ? 'device' : ''}"
    part="control ${name}-control"
    aria-label=${label}
    aria-pressed=${String(pressed)}
    data-tip=${tip ?? label}
    ?disabled=${disabled}
    @click=${action}
  >
    ${icon}${extra ?? nothing}
  </button>`;
}

export function renderControls(state: ControlsState, actions: ControlsActions, t: Strings): TemplateResult {
  const toggle = (
    name: string,
    label: string,
    pressed: boolean,
    icon: unknown,
    action: () => void,
    extra?: unknown,
  ) => {
    const shortcut = state.shortcuts ? shortcutLabel(name) : undefined;
    return toggleButton(name, label, pressed, icon, action, {
      tip: shortcut && `${label} (${shortcut})`,
      extra,
      disabled:
        state.connecting && (name === 'screen' || name === 'hand' || name === 'chat' || name === 'participants'),
    });
  };
  // In the menu, each item shows its label beside the icon.
  const item = (name: string, label: string, pressed: boolean, icon: unknown, action: () => void) =>
    toggle(name, label, pressed, icon, action, html`<span>${label}</span>`);
  const unread =
    state.unread > 0
      ? html`<span class="unread" part="unread" aria-label=${format(t.unread, { count: state.unread })}
          >${state.unread}</span
        >`
      : nothing;
  const place = state.narrow ? item : toggle;
  const social = [
    place('hand', t.hand, state.hand, icons.hand, actions.toggleHand),
    state.narrow
      ? item('chat', t.chat, state.chatOpen, icons.chat, actions.toggleChat)
      : toggle('chat', t.chat, state.chatOpen, icons.chat, actions.toggleChat, unread),
    state.narrow
      ? item('participants', t.participants, state.participantsOpen, icons.people, actions.toggleParticipants)
      : toggle(
          'participants',
          t.participants,
          state.participantsOpen,
          icons.people,
          actions.toggleParticipants,
          state.knocks ? html`<span class="unread" part="unread">${state.knocks}</span>` : nothing,
        ),
  ];
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
      ${state.narrow ? nothing : social}
      <div class="more">
        <button
          type="button"
          class="control"
          part="control more-control"
          aria-label=${t.more}
          aria-expanded=${String(state.menuOpen)}
          aria-controls="menu"
          data-tip=${t.more}
          @click=${actions.toggleMenu}
        >
          ${icons.more}${state.narrow ? unread : nothing}
        </button>
        <div class="menu" id="menu" part="menu" ?hidden=${!state.menuOpen}>
          ${state.narrow ? social : nothing}
          ${item('settings', t.settings, state.settingsOpen, icons.settings, actions.toggleSettings)}
          ${item('layout', t.spotlight, state.spotlight, icons.spotlight, actions.toggleSpotlight)}
          ${
            state.fullscreenSupported
              ? item('fullscreen', t.fullscreen, state.fullscreen, icons.fullscreen, actions.toggleFullscreen)
              : nothing
          }
        </div>
      </div>
      <button
        type="button"
        class="control leave"
        part="control leave-control"
        aria-label=${t.leave}
        data-tip=${t.leave}
        @click=${actions.leave}
      >
        ${icons.leave}
      </button>
    </div>
  `;
}
