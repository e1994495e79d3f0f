// What the side panels' and the pre-join screen's chunks (panels.ts) are given: the element's API they show and
// use, and how each renders bound to it.
import type { HostRequest, KnockMessage, Role } from '../../protocol.ts';
import type { CallState, ChatEntry, Participant } from '../../rtc/index.ts';
import type { CallController } from '../controllers/call-controller.ts';
import type { DevicesController } from '../controllers/devices-controller.ts';
import type { PanelsController } from '../controllers/panels-controller.ts';
import type { DeviceKind } from '../events.ts';
import type { Strings } from '../i18n/strings.ts';

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
  background: string;
  noiseSuppression: boolean;
  musicMode: boolean;
  setBackground(background: string): Promise<void>;
  setNoiseSuppression(enabled: boolean): Promise<void>;
}

/** How a panel's chunk shows it, bound to the element. */
export type PanelRender = (
  el: PanelHost,
  call: CallController,
  panels: PanelsController,
  devices: DevicesController,
  act: (request: HostRequest) => void,
  t: Strings,
) => unknown;
