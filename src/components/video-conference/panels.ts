// The side panel that is open (chat, settings or participants) and the pre-join screen, as the element shows
// them: each is a chunk of its own (its element, and how it binds to the element's API and controllers:
// chat/chat-panel.ts, settings/settings-panel.ts, participants/participants-panel.ts, prejoin/prejoin-panel.ts),
// fetched the first time it shows.
import { nothing, type LitElement } from 'lit';
import type { HostRequest, KnockMessage, Role } from '../../protocol.ts';
import { inCall, type CallState, type ChatEntry, type Participant } from '../../rtc/index.ts';
import type { CallController } from '../controllers/call-controller.ts';
import type { DevicesController } from '../controllers/devices-controller.ts';
import { Lazy } from '../controllers/lazy.ts';
import type { Panel, PanelsController } from '../controllers/panels-controller.ts';
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

/** `load`, asked for once until it fails (then again): one promise for all who wait for a chunk, in their order. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
}

/** Each panel's chunk, and the pre-join screen's. */
export const PANEL_CHUNKS = {
  chat: once(() => import('../chat/chat-panel.ts')),
  settings: once(() => import('../settings/settings-panel.ts')),
  participants: once(() => import('../participants/participants-panel.ts')),
  prejoin: once(() => import('../prejoin/prejoin-panel.ts')),
} satisfies Record<Panel | 'prejoin', () => Promise<{ render: PanelRender }>>;

export class PanelViews {
  #chunks: Record<Panel | 'prejoin', Lazy<{ render: PanelRender }>>;

  constructor(host: LitElement) {
    const lazy = (load: () => Promise<{ render: PanelRender }>) => new Lazy(host, load);
    this.#chunks = {
      chat: lazy(PANEL_CHUNKS.chat),
      settings: lazy(PANEL_CHUNKS.settings),
      participants: lazy(PANEL_CHUNKS.participants),
      prejoin: lazy(PANEL_CHUNKS.prejoin),
    };
  }

  /**
   * The open panel (the chat and the settings during a call, the participants once joined), or with `prejoin`
   * the pre-join screen.
   */
  render(
    which: Panel | 'prejoin' | null,
    el: PanelHost,
    call: CallController,
    panels: PanelsController,
    devices: DevicesController,
    act: (request: HostRequest) => void,
    t: Strings,
  ): unknown {
    const shown = which === 'prejoin' || (which === 'participants' ? el.state === 'joined' : inCall(el.state));
    return (which && shown && this.#chunks[which].get()?.render(el, call, panels, devices, act, t)) || nothing;
  }
}
