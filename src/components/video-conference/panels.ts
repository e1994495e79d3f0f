// The side panel that is open (chat, settings or participants) and the pre-join screen, as the element shows
// them: each is an element of its own in a chunk (loadPanel() fetches it the first time it shows), bound here
// to the element's API and controllers; the tag renders at once and upgrades when its definition arrives.
import { html, nothing } from 'lit';
import type { HostRequest, KnockMessage, Role } from '../../protocol.ts';
import { inCall, type CallState, type ChatEntry, type Participant } from '../../rtc/index.ts';
import type { CallController } from '../controllers/call-controller.ts';
import type { DevicesController } from '../controllers/devices-controller.ts';
import type { Panel, PanelsController } from '../controllers/panels-controller.ts';
import type { DeviceKind } from '../events.ts';
import type { Strings } from '../i18n/strings.ts';
import { canChooseSpeaker } from '../video-player/video-player.ts';

/** What the panels and the pre-join screen show and do of the element's API. */
export interface PanelHost {
  readonly state: CallState;
  readonly name: string;
  readonly localStream: MediaStream | null;
  readonly messages: readonly ChatEntry[];
  readonly participants: Participant[];
  readonly callRole: Role;
  readonly knocks: KnockMessage[];
  readonly locked: boolean;
  readonly lobby: boolean;
  readonly hostShareUrl: string;
  sendMessage(text: string): void;
  setDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  toggleMicrophone(): Promise<void>;
  toggleCamera(): Promise<void>;
  retryMedia(): Promise<void>;
}

type DeviceSelect = CustomEvent<{ kind: DeviceKind; deviceId: string }>;

/** The open panel (the chat and the settings during a call, the participants once joined), or nothing. */
export function renderPanel(
  el: PanelHost,
  call: CallController,
  panels: PanelsController,
  devices: DevicesController,
  act: (request: HostRequest) => void,
  t: Strings,
): unknown {
  const { open } = panels;
  const close = () => panels.close();
  const state = el.state;
  if (open === 'chat' && inCall(state)) {
    return html`<video-conference-chat
      class="panel"
      part="chat"
      .messages=${el.messages}
      .strings=${t}
      @video-conference-chat-send=${({ detail }: CustomEvent<{ text: string }>) => el.sendMessage(detail.text)}
      @video-conference-chat-close=${close}
    ></video-conference-chat>`;
  }
  if (open === 'settings' && inCall(state)) {
    return html`<video-conference-settings
      class="panel"
      part="settings"
      .devices=${devices.lists}
      .selected=${call.deviceIds}
      .speakerSelection=${canChooseSpeaker}
      .strings=${t}
      @video-conference-device-select=${({ detail }: DeviceSelect) => void el.setDevice(detail.kind, detail.deviceId)}
      @video-conference-settings-close=${close}
    ></video-conference-settings>`;
  }
  if (open !== 'participants' || state !== 'joined') return nothing;
  const host = el.callRole === 'host';
  return html`<video-conference-participants
    class="panel"
    part="participants"
    .participants=${el.participants}
    .knocks=${host ? el.knocks : []}
    .host=${host}
    .locked=${el.locked}
    .lobby=${el.lobby}
    .hostShareUrl=${el.hostShareUrl}
    .strings=${t}
    @video-conference-host=${({ detail }: CustomEvent<HostRequest>) => act(detail)}
    @video-conference-participants-close=${close}
  ></video-conference-participants>`;
}

/** The pre-join screen: the preview, the name, the devices, and Join. */
export function renderPrejoin(el: PanelHost, call: CallController, devices: DevicesController, t: Strings): unknown {
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
    .strings=${t}
    @video-conference-prejoin-toggle=${({ detail }: CustomEvent<{ device: 'microphone' | 'camera' }>) =>
      void (detail.device === 'camera' ? el.toggleCamera() : el.toggleMicrophone())}
    @video-conference-prejoin-retry=${() => void el.retryMedia()}
    @video-conference-device-select=${({ detail }: DeviceSelect) => void el.setDevice(detail.kind, detail.deviceId)}
    @video-conference-prejoin-join=${({ detail }: CustomEvent<{ name: string }>) => call.joinAs(detail.name)}
  ></video-conference-prejoin>`;
}

/** Fetches the chunk of the panel or pre-join screen that shows, the first time (the tag then upgrades). */
export function loadPanel(open: Panel | null, previewing: boolean): void {
  if (open === 'chat') void import('../chat/video-conference-chat.ts');
  if (open === 'settings') void import('../settings/video-conference-settings.ts');
  if (open === 'participants') void import('../participants/video-conference-participants.ts');
  if (previewing) void import('../prejoin/video-conference-prejoin.ts');
}
