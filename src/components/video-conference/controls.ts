// The toolbar under the call: microphone, camera, screen share, raised hand, chat (with its unread count),
// settings, spotlight, full screen and leave. Every toggle says its state with aria-pressed.
import { html, nothing, type TemplateResult } from 'lit';
import { icons } from '../shared/icons.ts';
import { LABELS } from './messages.ts';

export interface ControlsState {
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

export function renderControls(state: ControlsState, actions: ControlsActions): TemplateResult {
  const toggle = (name: string, label: string, pressed: boolean, icon: unknown, action: () => void, extra?: unknown) =>
    html`<button
      type="button"
      class="control"
      part="control ${name}-control"
      aria-label=${label}
      aria-pressed=${String(pressed)}
      title=${label}
      @click=${action}
    >
      ${icon}${extra ?? nothing}
    </button>`;
  return html`
    <div class="controls" part="controls" role="toolbar" aria-label=${LABELS.controls}>
      ${toggle(
        'microphone',
        LABELS.microphone,
        state.microphoneOn,
        state.microphoneOn ? icons.mic : icons.micOff,
        actions.toggleMicrophone,
      )}
      ${toggle(
        'camera',
        LABELS.camera,
        state.cameraOn,
        state.cameraOn ? icons.camera : icons.cameraOff,
        actions.toggleCamera,
      )}
      ${
        state.screenSupported
          ? toggle('screen', LABELS.screen, state.screenOn, icons.screen, actions.toggleScreen)
          : nothing
      }
      ${toggle('hand', LABELS.hand, state.hand, icons.hand, actions.toggleHand)}
      ${toggle(
        'chat',
        LABELS.chat,
        state.chatOpen,
        icons.chat,
        actions.toggleChat,
        state.unread > 0
          ? html`<span class="unread" part="unread" aria-label=${LABELS.unread(state.unread)}>${state.unread}</span>`
          : nothing,
      )}
      ${toggle('settings', LABELS.settings, state.settingsOpen, icons.settings, actions.toggleSettings)}
      ${toggle('layout', LABELS.layoutSpotlight, state.spotlight, icons.spotlight, actions.toggleSpotlight)}
      ${
        state.fullscreenSupported
          ? toggle('fullscreen', LABELS.fullscreen, state.fullscreen, icons.fullscreen, actions.toggleFullscreen)
          : nothing
      }
      <button
        type="button"
        class="control leave"
        part="control leave-control"
        aria-label=${LABELS.leave}
        title=${LABELS.leave}
        @click=${actions.leave}
      >
        ${icons.leave}
      </button>
    </div>
  `;
}
