// The overlay of a call that is over or never started: not joined yet, left, or an error that stopped it
// (its message, and what can be done: join again, try again, type the room's password); a host's doing:
// removed, denied, or the call ended for everyone. A chunk of its own,
// fetched the first time it shows: most calls never show it.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { CallState, RtcError } from '../../rtc/index.ts';
import { withDetails } from '../i18n/en-details.ts';
import type { Strings } from '../i18n/strings.ts';
import type { RelayReach, StatusActions } from './status-view.ts';
import { tokenExpired } from './token-expiry.ts';

/** The password form (the overlay itself is styled with the element). */
export const styles = css`
  .overlay form {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem;
  }
  .overlay input {
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_line);
    border-radius: 6px;
    background: transparent;
    color: inherit;
    font: inherit;
  }
`;

export function renderEndOverlay(
  state: CallState,
  error: RtcError | null,
  canJoin: boolean,
  { password, token, endedByYou }: RelayReach,
  actions: StatusActions,
  strings: Strings,
): TemplateResult {
  const t = withDetails(strings);
  // The error state always has its error; left and idle have none.
  const code = error?.code;
  // A refusal without a token can be answered here, with the room's password.
  const asksPassword = code === 'unauthorized' && !token;
  const expired = code === 'unauthorized' && !!token && tokenExpired(token);
  const message = expired
    ? t['error.unauthorized.expired']
    : asksPassword && password
      ? t.wrongPassword
      : error
        ? t[`error.${error.code}`]
        : state === 'ended'
          ? t[endedByYou ? 'endedByYou' : 'error.ended']
          : t[`state.${state as 'left' | 'idle'}`];
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    actions.joinWithPassword(new FormData(event.target as HTMLFormElement).get('password') as string);
  };
  const action = asksPassword
    ? html`<form @submit=${onSubmit}>
        <input
          type="password"
          name="password"
          part="password-input"
          aria-label=${t.password}
          placeholder=${t.password}
          autocomplete="current-password"
          required
          aria-invalid=${String(!!password)}
        />
        <button part="action">${t.join}</button>
      </form>`
    : state === 'idle' ||
        !canJoin ||
        expired ||
        code === 'unsupported-browser' ||
        code === 'insecure-context' ||
        // A removed participant cannot come back for a while; an ended call is over.
        code === 'removed' ||
        state === 'ended'
      ? nothing // Trying again cannot change what the browser or the page is.
      : html` <button part="action" type="button" @click=${actions.join}>${error ? t.tryAgain : t.joinAgain}</button>`;
  return html`
    <div class="overlay" part="status" role=${error ? 'alert' : 'status'} data-code=${code ?? nothing}>
      <p>${message}</p>
      ${action}
    </div>
  `;
}
