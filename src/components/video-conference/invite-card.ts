// The card for someone alone in the call: nobody else is here yet, the link that invites others (this page
// with the room in its fragment: shareUrl), a button that copies it, and one that puts the card away (for
// good: each element's card keeps its state here).
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { withDetails } from '../i18n/en-details.ts';
import type { Strings } from '../i18n/strings.ts';

export const styles = css`
  .invite {
    position: absolute;
    bottom: calc(var(--_gap) * 2);
    left: calc(var(--_gap) * 2);
    z-index: 2;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    box-sizing: border-box;
    max-width: min(22rem, calc(100% - 4 * var(--_gap)));
    /* In a widget too small for the whole card (a squeezed column, its toolbar on several rows), it scrolls. */
    max-height: calc(100% - 4 * var(--_gap));
    overflow: auto;
    padding: 0.75rem;
    border-radius: 12px;
    background: rgb(0 0 0 / 75%);
    color: #fff;
    font-size: 0.8125rem;
  }
  .invite p {
    flex: 1 0 80%;
    margin: 0;
  }
  .invite input {
    flex: 1;
    min-width: 0;
    padding: 0.3rem 0.5rem;
    border: 1px solid rgb(255 255 255 / 30%);
    border-radius: 6px;
    background: transparent;
    color: inherit;
    font: inherit;
  }
  .invite .dismiss {
    position: absolute;
    top: 0.25rem;
    right: 0.25rem;
  }
`;

/** The element the card invites to: its link, and where the card is. */
export interface InviteHost extends ReactiveControllerHost {
  readonly shareUrl: string;
  readonly renderRoot: ParentNode;
}

/** Each element's card: its link copied, or put away (shown until then). */
const cards = new WeakMap<InviteHost, 'copied' | 'dismissed'>();

/** The card inviting others to `host`'s call, until put away. */
export function renderInviteCard(host: InviteHost, strings: Strings): TemplateResult | typeof nothing {
  const card = cards.get(host);
  if (card === 'dismissed') return nothing;
  const t = withDetails(strings);
  const link = host.shareUrl;
  const set = (state: 'copied' | 'dismissed') => {
    cards.set(host, state);
    host.requestUpdate();
  };
  const copy = () =>
    void navigator.clipboard?.writeText(link).then(
      () => set('copied'),
      // Without clipboard access, the link is selected for the person to copy.
      () => host.renderRoot.querySelector<HTMLInputElement>('[part=invite-link]')?.focus(),
    );
  return html`
    <div class="invite" part="invite" role="status">
      <p>${t.alone}</p>
      <input
        part="invite-link"
        readonly
        aria-label=${t.inviteLink}
        .value=${link}
        @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}
      />
      <button part="action" type="button" @click=${copy}>${card === 'copied' ? t.linkCopied : t.copyLink}</button>
      <button type="button" class="dismiss" aria-label=${t.dismiss} @click=${() => set('dismissed')}>✕</button>
    </div>
  `;
}
