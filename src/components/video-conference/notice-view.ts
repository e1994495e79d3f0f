// The dismissible notice for a problem the call goes on with (no camera, a denied microphone, a failed peer
// connection, a refused rename), with a retry where asking for the devices again may help. A chunk of its
// own, fetched the first time a notice shows.
import { css, html, nothing, type TemplateResult } from 'lit';
import { type CallState, errorPolicy, refusedByPermissionsPolicy, type RtcError } from '../../rtc/index.ts';
import { withDetails, type AllStrings } from '../i18n/en-details.ts';
import { format, type Strings } from '../i18n/strings.ts';
import type { StatusActions } from './status-view.ts';

/** A banner (styled with the element) near the bottom, in the notice colour. */
export const styles = css`
  .banner.notice {
    top: auto;
    bottom: 4rem;
    border-radius: 12px;
    background: var(--video-conference-notice-background, #5c3d00);
    color: #fff;
  }
`;

/**
 * What a notice says, and whether asking for the camera and microphone again may fix it: it helps after a
 * denial or a device fix, not when the embedding iframe refuses the devices. (The pre-join screen says the
 * same in its card.)
 */
export function describeNotice(notice: RtcError, t: AllStrings): { message: string; retry: boolean } {
  const refused = notice.code === 'permission-denied' ? refusedByPermissionsPolicy() : [];
  // A refused join is an error state, never a notice: an `unauthorized` notice is a refused rename.
  const message = refused.length
    ? format(t['error.permission-denied.iframe'], { allow: refused.join('; ') })
    : t[notice.code === 'unauthorized' ? 'error.unauthorized.rename' : (`error.${notice.code}` as const)];
  return { message, retry: errorPolicy(notice.code) === 'media' && !refused.length };
}

/** Notices that asking for the camera and microphone again may fix. */

/** The banner for a problem the call goes on with, shown while joined (or before joining), if any. */
export function renderNotice(
  notice: RtcError | null,
  state: CallState,
  actions: StatusActions,
  strings: Strings,
): TemplateResult | typeof nothing {
  if (!notice || (state !== 'joined' && state !== 'idle')) return nothing;
  const t = withDetails(strings);
  const { message, retry } = describeNotice(notice, t);
  return html`
    <div class="banner notice" part="notice" role="status" data-code=${notice.code}>
      <span>${message}</span>
      ${retry ? html`<button part="action" type="button" @click=${actions.retryMedia}>${t.retryMedia}</button>` : nothing}
      <button type="button" class="dismiss" aria-label=${t.dismiss} @click=${actions.dismissNotice}>✕</button>
    </div>
  `;
}
