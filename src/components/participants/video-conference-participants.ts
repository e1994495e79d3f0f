// <video-conference-participants>: the participants panel. Everyone in the call with their role (guests see who
// the hosts are); for hosts also the people waiting in the lobby (Admit, Deny), each participant's Ask-to-mute
// and Remove, and the room's controls: lock, lobby, mute everyone, end for all (pressed twice), the co-host
// link. It reports each press as a host request; its owner sends it, and the relay checks it.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HostRequest, KnockMessage } from '../../protocol.ts';
import type { Participant } from '../../rtc/index.ts';
import { emit } from '../events.ts';
import { withDetails } from '../i18n/en-details.ts';
import { EN, format, type Strings } from '../i18n/strings.ts';
import { panelHeader, panelHeaderStyles } from '../shared/panel-header.ts';
import { styles } from './video-conference-participants.styles.ts';

/**
 * @summary Who is in the call, and a host's controls.
 *
 * @fires video-conference-host - A host control was pressed: `detail` is the host request (`{ action, id? ... }`).
 * @fires video-conference-participants-close - The user pressed the close button.
 *
 * @csspart header - The bar with the heading and the close button.
 * @csspart heading - The "Participants" heading.
 * @csspart close - The close button.
 * @csspart role - The "Host" mark beside a host's name.
 * @csspart host-control - Each of a host's buttons (also `lock-control`, `lobby-control`, `mute-all-control`, `end-for-all`, `copy-host-link`, `admit`, `deny`, `remove`, `ask-to-mute`).
 *
 * @cssprop --video-conference-participants-background - Panel background. Default `#0f1114`.
 * @cssprop --video-conference-participants-color - Text colour. Default `#fff`.
 * @cssprop --video-conference-participants-accent - Host marks, pressed switches and the focus ring. Default `#2563eb`.
 */
@customElement('video-conference-participants')
export class VideoConferenceParticipants extends LitElement {
  static override styles = [panelHeaderStyles, styles];

  /** Everyone in the call, yourself first; set as a property. */
  @property({ attribute: false }) participants: Participant[] = [];

  /** For hosts: the people waiting in the lobby. */
  @property({ attribute: false }) knocks: KnockMessage[] = [];

  /** You are a host: the controls show. */
  @property({ type: Boolean }) host = false;

  @property({ type: Boolean }) locked = false;

  @property({ type: Boolean }) lobby = false;

  /** The co-host invitation, when you hold the room's host key. */
  @property() hostShareUrl = '';

  /** The wording of its labels (the widget passes its own, translated). */
  @property({ attribute: false }) strings: Strings = EN;

  /** End for all was pressed once: the next press ends the call (leaving the button takes it back). */
  @state() private confirming = false;

  @state() private copied = false;

  override render() {
    const t = withDetails(this.strings);
    const button = (part: string, label: string, request: HostRequest, pressed?: boolean) =>
      html`<button
        type="button"
        part="host-control ${part}"
        aria-pressed=${pressed === undefined ? nothing : String(pressed)}
        @click=${() => emit(this, 'video-conference-host', request)}
      >
        ${label}
      </button>`;
    const nameOf = (name: string | undefined) => name || t.guest;
    return html`
      ${panelHeader(t.participants, t.closeParticipants, () => emit(this, 'video-conference-participants-close', {}))}
      <div class="body">
        ${
          this.host
            ? html`<div class="switches">
                ${button('lock-control', t.lockRoom, { action: 'lock', locked: !this.locked }, this.locked)}
                ${button('lobby-control', t.lobbyMode, { action: 'lobby', enabled: !this.lobby }, this.lobby)}
                ${button('mute-all-control', t.muteEveryone, { action: 'mute' })}
                <button
                  type="button"
                  part="host-control end-for-all"
                  @click=${this.#endForAll}
                  @blur=${() => (this.confirming = false)}
                >
                  ${this.confirming ? t.endForAllConfirm : t.endForAll}
                </button>
                ${
                  this.hostShareUrl
                    ? html`<button type="button" part="host-control copy-host-link" @click=${this.#copyHostLink}>
                        ${this.copied ? t.linkCopied : t.copyHostLink}
                      </button>`
                    : nothing
                }
              </div>`
            : nothing
        }
        ${
          this.host && this.knocks.length
            ? html`<h3>${t.waitingToJoin}</h3>
                <ul part="waiting">
                  ${this.knocks.map(
                    ({ id, name }) =>
                      html`<li data-id=${id}>
                        <span class="name">${nameOf(name)}</span>
                        ${button('admit', t.admit, { action: 'admit', id })}
                        ${button('deny', t.deny, { action: 'deny', id })}
                      </li>`,
                  )}
                </ul>`
            : nothing
        }
        <h3>${t.inTheCall}</h3>
        <ul part="list">
          ${this.participants.map(
            ({ id, name, local, role }) =>
              html`<li data-id=${id}>
                <span class="name">${local ? (name ? format(t.yourTile, { name }) : t.you) : nameOf(name)}</span>
                ${role === 'host' ? html`<span part="role">${t.host}</span>` : nothing}
                ${
                  this.host && !local
                    ? html`${button('ask-to-mute', format(t.askToMute, { name: nameOf(name) }), { action: 'mute', id })}
                      ${button('remove', format(t.removeName, { name: nameOf(name) }), { action: 'remove', id })}`
                    : nothing
                }
              </li>`,
          )}
        </ul>
      </div>
    `;
  }

  /** Focuses the first control (the close button for guests), so opening the panel lands there. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('.body button, button')?.focus();
  }

  #endForAll = (): void => {
    if (this.confirming) emit(this, 'video-conference-host', { action: 'end' });
    this.confirming = !this.confirming;
  };

  #copyHostLink = (): void => {
    void navigator.clipboard?.writeText(this.hostShareUrl).then(
      () => (this.copied = true),
      () => {},
    );
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'video-conference-participants': VideoConferenceParticipants;
  }
}
