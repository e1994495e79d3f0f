// The pre-join screen: a preview of your camera, your name, microphone and camera toggles, device pickers,
// and the Join button.
import { html, type TemplateResult } from 'lit';
import type { DeviceLists } from '../../rtc/media.ts';
import type { DeviceKind } from '../events.ts';
import { icons } from '../shared/icons.ts';
import { toggleButton } from './controls.ts';
import { withDetails } from '../i18n/en-details.ts';
import type { Strings } from '../i18n/strings.ts';

export interface PrejoinState {
  name: string;
  stream: MediaStream | null;
  microphoneOn: boolean;
  cameraOn: boolean;
  devices: DeviceLists;
  selected: Partial<Record<DeviceKind, string>>;
  speakerSelection: boolean;
}

export interface PrejoinActions {
  setName(name: string): void;
  toggleMicrophone(): void;
  toggleCamera(): void;
  selectDevice(event: CustomEvent<{ kind: DeviceKind; deviceId: string }>): void;
  join(): void;
}

export function renderPrejoin(state: PrejoinState, actions: PrejoinActions, strings: Strings): TemplateResult {
  const t = withDetails(strings);
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    actions.join();
  };
  return html`
    <form class="prejoin" part="prejoin" @submit=${onSubmit}>
      <h2>${t.prejoinTitle}</h2>
      <video-player
        class="preview"
        peer-id="preview"
        name=${state.name || t.you}
        .stream=${state.stream}
        muted
        mirrored
        ?mic-off=${!state.microphoneOn}
        .strings=${t}
      ></video-player>
      <div class="prejoin-toggles">
        ${toggleButton(
          'microphone',
          t.microphone,
          state.microphoneOn,
          state.microphoneOn ? icons.mic : icons.micOff,
          actions.toggleMicrophone,
        )}
        ${toggleButton(
          'camera',
          t.camera,
          state.cameraOn,
          state.cameraOn ? icons.camera : icons.cameraOff,
          actions.toggleCamera,
        )}
      </div>
      <label class="name-field">
        ${t.yourName}
        <input
          name="name"
          part="name-input"
          maxlength="64"
          autocomplete="nickname"
          .value=${state.name}
          @input=${(event: InputEvent) => actions.setName((event.target as HTMLInputElement).value)}
        />
      </label>
      <video-conference-settings
        .devices=${state.devices}
        .selected=${state.selected}
        .speakerSelection=${state.speakerSelection}
        .strings=${t}
        @video-conference-device-select=${actions.selectDevice}
      ></video-conference-settings>
      <button type="submit" part="join-button">${t.join}</button>
    </form>
  `;
}
