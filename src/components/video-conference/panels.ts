// The side panel that is open (chat, settings or participants) and the pre-join screen, as the element shows
// them: each is a chunk of its own (its element, and how it binds to the element's API and controllers:
// chat/chat-panel.ts, settings/settings-panel.ts, participants/participants-panel.ts, prejoin/prejoin-panel.ts),
// fetched the first time it shows.
import { nothing, type LitElement } from 'lit';
import { inCall } from '../../rtc/index.ts';
import { Lazy } from '../controllers/lazy.ts';
import type { Panel } from '../controllers/panels-controller.ts';
import type { PanelRender } from './panel-types.ts';

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

type PanelChunks = Record<Panel | 'prejoin', Lazy<{ render: PanelRender }>>;

export class PanelViews {
  #chunks: PanelChunks;

  constructor(host: LitElement) {
    this.#chunks = Object.fromEntries(
      Object.entries(PANEL_CHUNKS).map(([panel, load]) => [panel, new Lazy<{ render: PanelRender }>(host, load)]),
    ) as PanelChunks;
  }

  /**
   * The open panel (the chat and the settings during a call, the participants once joined), or with `prejoin`
   * the pre-join screen.
   */
  render(which: Panel | 'prejoin' | null, ...bound: Parameters<PanelRender>): unknown {
    const { state } = bound[0];
    const shown = which === 'prejoin' || (which === 'participants' ? state === 'joined' : inCall(state));
    return (which && shown && this.#chunks[which].get()?.render(...bound)) || nothing;
  }
}
