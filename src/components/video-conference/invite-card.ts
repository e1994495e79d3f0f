// The card for someone alone in the call: nobody else is here yet, the link that invites others (this page
// with the room in its fragment: shareUrl), a button that copies it, and one that puts the card away.
import { html, type TemplateResult } from 'lit';
import { withDetails } from '../i18n/en-details.ts';
import type { Strings } from '../i18n/strings.ts';

export interface InviteActions {
  copy(): void;
  dismiss(): void;
}

export function renderInviteCard(
  link: string,
  copied: boolean,
  actions: InviteActions,
  strings: Strings,
): TemplateResult {
  const t = withDetails(strings);
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
      <button part="action" type="button" @click=${actions.copy}>${copied ? t.linkCopied : t.copyLink}</button>
      <button type="button" class="dismiss" aria-label=${t.dismiss} @click=${actions.dismiss}>✕</button>
    </div>
  `;
}
