// The pre-join screen's chunk: its element (the preview, the name, the devices, and Join), bound to
// <video-conference>.
import { html } from 'lit';
import type { DeviceKind } from '../events.ts';
import type { PanelRender } from '../video-conference/panel-types.ts';
import { changeEffects, effectSettings } from '../settings/effect-settings.ts';
import './video-conference-prejoin.ts';

type DeviceSelect = CustomEvent<{ kind: DeviceKind; deviceId: string }>;

export const render: PanelRender = (el, call, _panels, devices, _act, t) => {
  const media = call.media;
  return html`<video-conference-prejoin
    part="prejoin"
    exportparts="name-input, name-error, control, microphone-control, camera-control, level, prejoin-notice, action, join-button"
    .name=${el.name}
    .stream=${el.localStream}
    .microphoneOn=${media?.microphoneOn ?? false}
    .cameraOn=${media?.cameraOn ?? false}
    .devices=${devices.lists}
    .selected=${call.deviceIds}
    .notice=${call.notice}
    .effects=${effectSettings(el)}
    @video-conference-effects-change=${(event: HTMLElementEventMap['video-conference-effects-change']) =>
      changeEffects(el, event)}
    .strings=${t}
    @video-conference-prejoin-toggle=${({ detail }: CustomEvent<{ device: 'microphone' | 'camera' }>) =>
      void (detail.device === 'camera' ? el.toggleCamera() : el.toggleMicrophone())}
    @video-conference-prejoin-retry=${() => void el.retryMedia()}
    @video-conference-device-select=${({ detail }: DeviceSelect) => void el.setDevice(detail.kind, detail.deviceId)}
    @video-conference-prejoin-join=${({ detail }: CustomEvent<{ name: string }>) => call.joinAs(detail.name)}
  ></video-conference-prejoin>`;
};
