// The settings panel's chunk: its element, bound to <video-conference>'s devices, background, noise suppression
// and music mode.
import { html } from 'lit';
import type { DeviceKind } from '../events.ts';
import { canChooseSpeaker } from '../video-player/video-player.ts';
import type { PanelRender } from '../video-conference/panel-types.ts';
import { changeEffects, effectSettings } from './effect-settings.ts';
import './video-conference-settings.ts';

type DeviceSelect = CustomEvent<{ kind: DeviceKind; deviceId: string }>;

export const render: PanelRender = (el, call, panels, devices, _act, t) =>
  html`<video-conference-settings
    class="panel"
    part="settings"
    .devices=${devices.lists}
    .selected=${call.deviceIds}
    .speakerSelection=${canChooseSpeaker}
    .effects=${effectSettings(el)}
    .strings=${t}
    @video-conference-effects-change=${(event: HTMLElementEventMap['video-conference-effects-change']) =>
      changeEffects(el, event)}
    @video-conference-device-select=${({ detail }: DeviceSelect) => void el.setDevice(detail.kind, detail.deviceId)}
    @video-conference-settings-close=${() => panels.close()}
  ></video-conference-settings>`;
