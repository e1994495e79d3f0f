// The toolbar under the call, in one row: microphone, camera, screen share, raised hand, reactions, chat and
// participants (those four move into the "More" menu in a narrow widget), "More" (settings, recording, spotlight,
// full screen), and leave.
// Every toggle says its state with aria-pressed and has a tooltip (on hover and keyboard focus) naming its
// shortcut. The microphone and camera are neutral when on and red when off, as in Google Meet.
import { html, nothing, type TemplateResult } from 'lit';
import type { KnockMessage, Role } from '../../protocol.ts';
import type { CallState, Participant } from '../../rtc/index.ts';
import type { CallController } from '../controllers/call-controller.ts';
import type { DevicesController } from '../controllers/devices-controller.ts';
import type { EffectsController } from '../controllers/effects-controller.ts';
import type { MenuController } from '../controllers/menu-controller.ts';
import type { PanelsController } from '../controllers/panels-controller.ts';
import type { StageController } from '../controllers/stage-controller.ts';
import type { Layout } from '../events.ts';
import { icons } from '../shared/icons.ts';
import { format, type Strings } from '../i18n/strings.ts';
import { shortcutLabel } from './shortcuts.ts';

/** What the toolbar shows and presses of the element's API. */
export interface ToolbarHost extends HTMLElement {
  readonly state: CallState;
  readonly participants: Participant[];
  readonly callRole: Role;
  readonly knocks: KnockMessage[];
  readonly layout: Layout;
  readonly noShortcuts: boolean;
  readonly recording: boolean;
  toggleMicrophone(): Promise<void>;
  toggleCamera(): Promise<void>;
  startScreenShare(): Promise<void>;
  stopScreenShare(): void;
  raiseHand(): void;
  startRecording(): Promise<void>;
  stopRecording(): Promise<unknown>;
  toggleFullscreen(): Promise<void>;
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

/**
 * The toolbar of `el`'s call (`narrow`: a phone or a sidebar, where the hand, the chat and the participants go
 * into the "More" menu), with the controllers of what it opens and shows.
 */
export function renderControls(
  el: ToolbarHost,
  call: CallController,
  panels: PanelsController,
  menu: MenuController,
  devices: DevicesController,
  stage: StageController,
  effects: EffectsController,
  narrow: boolean,
  t: Strings,
): TemplateResult {
  const media = call.media;
  const microphoneOn = media?.microphoneOn ?? false;
  const cameraOn = media?.cameraOn ?? false;
  const open = panels.open;
  const connecting = el.state !== 'joined' && el.state !== 'reconnecting';
  // Choosing an item of the "More" menu closes it.
  const inMenu = (action: () => unknown) => () => {
    menu.close();
    void action();
  };
  const toggle = (
    name: string,
    label: string,
    pressed: boolean,
    icon: unknown,
    action: () => void,
    extra?: unknown,
  ) => {
    const shortcut = el.noShortcuts ? undefined : shortcutLabel(name);
    return toggleButton(name, label, pressed, icon, action, {
      tip: shortcut && `${label} (${shortcut})`,
      extra,
      disabled: connecting && /^(screen|hand|chat|participants|reactions|record)$/.test(name),
    });
  };
  // In the menu, each item shows its label beside the icon.
  const item = (name: string, label: string, pressed: boolean, icon: unknown, action: () => void) =>
    toggle(name, label, pressed, icon, action, html`<span>${label}</span>`);
  const unread =
    panels.unread > 0
      ? html`<span class="unread" part="unread" aria-label=${format(t.unread, { count: panels.unread })}
          >${panels.unread}</span
        >`
      : nothing;
  const place = narrow ? item : toggle;
  const knocks = el.callRole === 'host' ? el.knocks.length : 0;
  const social = [
    place(
      'hand',
      t.hand,
      el.participants[0]?.hand ?? false,
      icons.hand,
      inMenu(() => el.raiseHand()),
    ),
    place(
      'reactions',
      t.reactions,
      effects.menuOpen,
      icons.smile,
      inMenu(() => effects.run((e) => e.toggleMenu())),
    ),
    (narrow ? item : toggle)(
      'chat',
      t.chat,
      open === 'chat',
      icons.chat,
      inMenu(() => panels.toggle('chat')),
      unread,
    ),
    (narrow ? item : toggle)(
      'participants',
      t.participants,
      open === 'participants',
      icons.people,
      inMenu(() => panels.toggle('participants')),
      knocks ? html`<span class="unread" part="unread">${knocks}</span>` : nothing,
    ),
  ];
  return html`
    <div class="controls" part="controls" role="toolbar" aria-label=${t.controls}>
      ${toggle(
        'microphone',
        t.microphone,
        microphoneOn,
        microphoneOn ? icons.mic : icons.micOff,
        () => void el.toggleMicrophone(),
      )}
      ${toggle('camera', t.camera, cameraOn, cameraOn ? icons.camera : icons.cameraOff, () => void el.toggleCamera())}
      ${
        typeof navigator.mediaDevices?.getDisplayMedia === 'function'
          ? toggle('screen', t.screen, !!media?.screenOn, icons.screen, () =>
              media?.screenOn ? el.stopScreenShare() : void el.startScreenShare(),
            )
          : nothing
      }
      ${narrow ? nothing : social}
      <div class="more">
        <button
          type="button"
          class="control"
          part="control more-control"
          aria-label=${t.more}
          aria-expanded=${String(menu.open)}
          aria-controls="menu"
          data-tip=${t.more}
          @click=${() => menu.toggle()}
        >
          ${icons.more}${narrow ? unread : nothing}
        </button>
        <div class="menu" id="menu" part="menu" ?hidden=${!menu.open}>
          ${narrow ? social : nothing}
          ${item(
            'settings',
            t.settings,
            open === 'settings',
            icons.settings,
            inMenu(() => {
              devices.invalidate();
              return panels.toggle('settings');
            }),
          )}
          ${item(
            'record',
            t.record,
            el.recording,
            icons.record,
            inMenu(() =>
              (el.recording ? el.stopRecording() : el.startRecording()).catch((error) => call.showNotice(error)),
            ),
          )}
          ${item(
            'layout',
            t.spotlight,
            el.layout === 'spotlight',
            icons.spotlight,
            inMenu(() => stage.changeLayout(el.layout === 'spotlight' ? 'grid' : 'spotlight', null)),
          )}
          ${
            document.fullscreenEnabled
              ? item(
                  'fullscreen',
                  t.fullscreen,
                  // Read as the menu opens: entering or leaving full screen resizes the element, which renders.
                  document.fullscreenElement === el,
                  icons.fullscreen,
                  inMenu(() => el.toggleFullscreen()),
                )
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
        @click=${() => el.leave()}
      >
        ${icons.leave}
      </button>
    </div>
  `;
}
