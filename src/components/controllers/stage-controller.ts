// The stage with the tiles: its chunk (stage-view.ts, fetched as a call starts, while the camera and the relay
// connection start too: a first frame such as the pre-join screen does not wait for it), worked out before each
// render and its tiles placed after; its size; the pinned tile and the layout the person picks
// (vc-layout-change); and what the tiles report: sound the browser blocked (vc-audio-blocked), how large each
// camera is shown (so that its sender sends just that), and stop on the presenter's own screen.
import type { LitElement, ReactiveController } from 'lit';
import { inCall, type CallState, type Participant, type ParticipantStats } from '../../rtc/index.ts';
import { emit, type Layout } from '../events.ts';
import type { Strings } from '../i18n/strings.ts';
import type { RenderedStage } from '../video-conference/stage-view.ts';
import type { CallController } from './call-controller.ts';
import { Lazy } from './lazy.ts';
import { SizeController } from './size-controller.ts';

export interface StageHost extends LitElement {
  readonly state: CallState;
  readonly participants: Participant[];
  readonly activeSpeaker: string | null;
  layout: Layout;
  getStats(): Record<string, ParticipantStats>;
  stopScreenShare(): void;
}

export class StageController implements ReactiveController {
  /** The pinned tile's participant id (`:screen` for a screen share), or null. */
  pinned: string | null = null;
  /** The browser blocked sound until the person clicks: the element shows a button for it. */
  soundBlocked = false;
  /** The stage as this update shows it (template, layout, tiles), worked out before render; null outside a call. */
  view: RenderedStage | null = null;
  readonly call: CallController;
  readonly #host: StageHost;
  readonly #strings: () => Strings;
  readonly #size: SizeController;
  readonly #chunk: Lazy<typeof import('../video-conference/stage-view.ts')>;

  constructor(host: StageHost, call: CallController, strings: () => Strings) {
    this.#host = host;
    this.call = call;
    this.#strings = strings;
    this.#size = new SizeController(host, () => this.element);
    this.#chunk = new Lazy(host, () => import('../video-conference/stage-view.ts'));
    host.addController(this);
  }

  /** The stage's element, once rendered. */
  get element(): HTMLElement | null {
    return this.#host.renderRoot.querySelector('.stage');
  }

  /** After the call controller's hostUpdate (the call has taken in any option changes), and before render. */
  hostUpdate(): void {
    const host = this.#host;
    this.view = inCall(host.state)
      ? (this.#chunk.get()?.renderStage(host, this, this.#size, this.#strings()) ?? null)
      : null;
  }

  hostUpdated(): void {
    // Through the CSSOM rather than a style attribute, which a strict Content-Security-Policy would block.
    const stage = this.element;
    const view = this.view;
    if (!stage || !view) return;
    for (const [name, value] of Object.entries(view.layout)) stage.style.setProperty(name, value);
    this.#chunk.get()?.placeTiles(stage, view.tiles);
  }

  /** The person changed the layout or the pinned tile (a page's own changes fire no event). */
  changeLayout(layout: Layout, pinned: string | null): void {
    this.#host.layout = layout;
    this.pinned = pinned;
    this.#host.requestUpdate();
    emit(this.#host, 'vc-layout-change', { layout, pinned });
  }

  onPin = ({ detail }: CustomEvent<{ peerId: string }>): void => {
    this.changeLayout(this.#host.layout, this.pinned === detail.peerId ? null : detail.peerId);
  };

  onSoundBlocked = (): void => {
    if (this.soundBlocked) return;
    this.soundBlocked = true;
    this.#host.requestUpdate();
    emit(this.#host, 'vc-audio-blocked', {});
  };

  /** A remote camera tile's size or visibility changed: tell that participant, so they send just that. */
  onView = ({ detail }: CustomEvent<{ peerId: string; width: number; height: number; visible: boolean }>): void => {
    const { peerId, width, height, visible } = detail;
    if (peerId === 'local' || peerId.endsWith(':screen')) return;
    this.call.setView(peerId, { width, height, visible });
  };

  onStop = (): void => this.#host.stopScreenShare();
}
