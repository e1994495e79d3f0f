// The element's side of a room with hosts (DESIGN.md §7), around the host view's chunk (video-conference/
// hosts.ts, fetched when first needed): what hosts do is said, a guest waiting in the lobby sees its card,
// hosts see the knocks and their buttons on each tile, a host action refused from a button shows as a notice,
// and the host key a host holds is kept for this tab and taken out of the address bar.
import { nothing, type ReactiveController } from 'lit';
import type { HostRequest } from '../../protocol.ts';
import type { CallState, RtcError } from '../../rtc/index.ts';
import type { Strings } from '../i18n/strings.ts';
import type { Announcer } from './announcer.ts';
import type { CallController } from './call-controller.ts';
import { Lazy } from './lazy.ts';
import type { StageController } from './stage-controller.ts';
import type { HostsHost } from '../video-conference/hosts.ts';

/** What hosts do: each is announced. */
const HOST_EVENTS = [
  'vc-knock',
  'vc-room-locked',
  'vc-room-unlocked',
  'vc-lobby-change',
  'vc-mute-requested',
  'vc-room-ended',
] as const;

export class HostsController implements ReactiveController {
  readonly #host: HostsHost;
  readonly #call: CallController;
  readonly #stage: StageController;
  readonly #strings: () => Strings;
  readonly #chunk: Lazy<typeof import('../video-conference/hosts.ts')>;

  constructor(
    host: HostsHost,
    call: CallController,
    stage: StageController,
    announcer: Announcer,
    strings: () => Strings,
  ) {
    this.#host = host;
    this.#call = call;
    this.#stage = stage;
    this.#strings = strings;
    this.#chunk = new Lazy(host, () => import('../video-conference/hosts.ts'));
    // What hosts do (and the lobby, for a guest who waits), said by the chunk.
    const say = (event: Event): void =>
      void import('../video-conference/hosts.ts').then(
        ({ announce }) => {
          const [text, toast] = announce(event, host.participants, call, strings());
          if (text) announcer.say(text, toast);
        },
        () => undefined, // the chunk did not come: the lobby card and knock cards ask for it again
      );
    for (const type of HOST_EVENTS) host.addEventListener(type, say);
    host.addEventListener('vc-state-change', (event) => event.detail.state === 'waiting' && say(event));
    host.addController(this);
  }

  /** A host control pressed in the widget: a refusal shows as a notice. */
  act = (request: HostRequest): void => {
    this.#call.host(request).catch((error: RtcError) => this.#call.showNotice(error));
  };

  /** A waiting guest's lobby card; for hosts, the knocks (`listed`: the participants panel lists them itself). */
  render(state: CallState, listed: boolean): unknown {
    const chunk = this.#view(state);
    return chunk ? chunk.renderHostView(this.#host, this.#call, state, listed, this.act, this.#strings()) : nothing;
  }

  /** After the stage placed its tiles (its controller comes first): a host's buttons on them; the key kept. */
  hostUpdated(): void {
    if (this.#host.callRole === 'host')
      this.#view()?.hostViewUpdated(this.#host, this.#call, this.#stage, this.act, this.#strings());
  }

  /** The host view's chunk, where it shows: for a guest waiting in the lobby, and for hosts. */
  #view(state = this.#host.state): typeof import('../video-conference/hosts.ts') | null {
    return state === 'waiting' || this.#host.callRole === 'host' ? this.#chunk.get() : null;
  }
}
