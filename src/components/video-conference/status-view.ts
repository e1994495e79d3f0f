// What the widget says about the call itself: an overlay for the states without a call (not joined yet,
// left, an error that stopped the call: end-overlay.ts) and for a relay that cannot be reached at all; a
// banner while joining or reconnecting; after a while without the relay, a "Try now" button. (Problems the
// call goes on with are notices: notice-view.ts; the lobby's card is the host view's, hosts.ts.)
import { html, nothing, type TemplateResult } from 'lit';
import { inCall, type CallState, type RtcError } from '../../rtc/index.ts';
import type { Strings } from '../i18n/strings.ts';

export interface StatusActions {
  join(): void;
  joinWithPassword(password: string): void;
  reconnectNow(): void;
  retryMedia(): void;
  dismissNotice(): void;
}

/** How the relay connection is doing while joining or reconnecting. */
export interface RelayReach {
  /** Joining, and the relay never answered. */
  unreachable: boolean;
  /** Without the relay for a while: worth saying plainly, with a way to try now. */
  stalled: boolean;
  /** What the last join presented to get in. */
  password: string;
  token: string;
  /** You asked to end the call for everyone: once it is `ended`, you ended it. */
  endedByYou: boolean;
}

/** What the status is drawn from: `canJoin` offers to join (again). */
type StatusInput = [
  state: CallState,
  error: RtcError | null,
  canJoin: boolean,
  reach: RelayReach,
  actions: StatusActions,
  t: Strings,
];

/** The overlay of a call that is over or never started: end-overlay.ts's renderEndOverlay. */
export type EndOverlayRenderer = (...input: StatusInput) => TemplateResult;

/**
 * The overlay or banner for `state` (nothing once joined, or in the lobby). The overlay of a call that is over or never started
 * (end-overlay.ts) is a chunk of its own, loaded when first needed: `endOverlay` is its renderer, once fetched
 * (asking fetches it).
 */
export function renderStatus(
  ...[state, error, canJoin, reach, actions, t, endOverlay]: [
    ...StatusInput,
    endOverlay: () => EndOverlayRenderer | null,
  ]
): TemplateResult | typeof nothing {
  if (state === 'joined' || state === 'waiting') return nothing;
  const { unreachable, stalled } = reach;
  const tryNow = stalled
    ? html`<button part="action" type="button" @click=${actions.reconnectNow}>${t.tryNow}</button>`
    : nothing;
  if (unreachable) {
    return html`
      <div class="overlay" part="status" role="alert" data-code="relay-unreachable">
        <p>${stalled ? t.stalled : t['error.relay-unreachable']}</p>
        ${tryNow}
      </div>
    `;
  }
  if (!inCall(state)) {
    // Until its chunk is here (a moment), the overlay says nothing but is already in place.
    const render = endOverlay();
    return render
      ? render(state, error, canJoin, reach, actions, t)
      : html`<div
          class="overlay"
          part="status"
          role=${error ? 'alert' : 'status'}
          data-code=${error?.code ?? nothing}
        ></div>`;
  }
  return html`<div class="banner" part="status" role="status">
    ${t[`state.${state as 'joining' | 'reconnecting'}`]} ${tryNow}
  </div>`;
}
