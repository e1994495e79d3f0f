// <video-conference-chat>: the chat panel. Shows the messages it is given (their web addresses as links) and a
// field to write one; it sends nothing itself, but fires an event with the text for its owner to send.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { emit } from '../events.ts';
import { customElement, property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatEntry } from '../../rtc/index.ts';
import { panelHeader, panelHeaderStyles } from '../shared/panel-header.ts';
import { withDetails } from '../i18n/en-details.ts';
import { EN, type Strings } from '../i18n/strings.ts';
import { linkify, type Piece } from './linkify.ts';
import { styles } from './video-conference-chat.styles.ts';

/**
 * The most characters one message may have: PACKET_LIMITS.chatLength, which the peers enforce. A copy, since
 * importing it into this chunk would keep the limits object in the bundle (70 B of its budget) for one number.
 */
const MAX_LENGTH = 2000;

/** How close to the bottom (px) still counts as "reading the newest messages". */
const STICK_DISTANCE = 24;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * @summary The chat panel of a call: the messages, and a field to write one.
 *
 * Presentational: it renders `messages` and reports what the user does. Enter sends, Shift+Enter starts a
 * new line. The list follows the newest message unless the user has scrolled up to read older ones.
 *
 * @example
 * ```html
 * <video-conference-chat .messages=${call.messages} @video-conference-chat-send=${(e) => call.sendMessage(e.detail.text)}>
 * </video-conference-chat>
 * ```
 *
 * @fires video-conference-chat-send - The user sent a message; `detail.text` is the text, trimmed and not empty.
 * @fires video-conference-chat-close - The user pressed the close button.
 *
 * @csspart header - The bar with the heading and the close button.
 * @csspart heading - The "Chat" heading.
 * @csspart close - The close button.
 * @csspart messages - The scrolling list of messages.
 * @csspart message - One message; your own also have the part `local-message`.
 * @csspart local-message - One of your own messages.
 * @csspart empty - The text shown while there are no messages.
 * @csspart form - The form at the bottom.
 * @csspart input - The text field.
 * @csspart send - The send button.
 *
 * @cssprop --video-conference-chat-background - Panel background. Default `#0f1114`.
 * @cssprop --video-conference-chat-color - Text colour. Default `#fff`.
 * @cssprop --video-conference-chat-accent - Send button, focus ring and your own messages. Default `#2563eb`.
 * @cssprop --video-conference-chat-message-background - Others' messages. Default `#1f2329`.
 * @cssprop --video-conference-chat-muted-color - Times and the empty state. Default `#9aa3ae`.
 */
@customElement('video-conference-chat')
export class VideoConferenceChat extends LitElement {
  static override styles = [panelHeaderStyles, styles];

  /** The messages to show, oldest first; set as a property. */
  @property({ attribute: false }) messages: readonly ChatEntry[] = [];

  /** The wording of its labels (the widget passes its own, translated). */
  @property({ attribute: false }) strings: Strings = EN;

  @query('[part=messages]') private list!: HTMLElement | null;
  @query('textarea') private input!: HTMLTextAreaElement;

  /** Whether the list should follow the newest message after this update. */
  #follow = true;

  override render() {
    const t = withDetails(this.strings);
    return html`
      ${panelHeader(t.chat, t.closeChat, () => this.#close())}
      <div part="messages" role="log" aria-live="polite" aria-label=${t.messages} tabindex="0">
        ${
          this.messages.length === 0
            ? html`<p part="empty">${t.noMessages}</p>`
            : html`<ol>
                ${repeat(
                  this.messages,
                  (message) => message.id,
                  (message) => this.#renderMessage(message),
                )}
              </ol>`
        }
      </div>
      <form part="form" @submit=${this.#submit}>
        <textarea
          part="input"
          aria-label=${t.message}
          placeholder=${t.message}
          rows="1"
          maxlength=${MAX_LENGTH}
          enterkeyhint="send"
          @keydown=${this.#keydown}
        ></textarea>
        <button part="send" type="submit">${t.send}</button>
      </form>
    `;
  }

  #renderMessage(message: ChatEntry) {
    const name = message.local ? this.strings.you : message.name.trim() || this.strings.guest;
    const at = new Date(message.at);
    const valid = !Number.isNaN(at.getTime());
    return html`
      <li part=${message.local ? 'message local-message' : 'message'} class=${message.local ? 'local' : ''}>
        <div class="meta">
          <span class="name">${name}</span>
          ${valid ? html`<time datetime=${at.toISOString()}>${timeFormat.format(at)}</time>` : nothing}
        </div>
        <div class="text">${linkify(message.text).map(renderPiece)}</div>
      </li>
    `;
  }

  /**
   * Updates wait for the next frame, so messages that arrive meanwhile (each in a task of its own) render
   * together: one measure and one scroll per frame, however fast they come.
   */
  protected override async scheduleUpdate(): Promise<void> {
    await new Promise(requestAnimationFrame);
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Decide before the new messages change the list's height: follow only if the user was at the bottom
    // (or is the one who just wrote one of them).
    if (!changed.has('messages') || !this.list) return;
    const { scrollTop, scrollHeight, clientHeight } = this.list;
    const previous = changed.get('messages') as readonly ChatEntry[] | undefined;
    const last = previous?.at(-1);
    const added = last ? this.messages.slice(this.messages.lastIndexOf(last) + 1) : this.messages;
    this.#follow = added.some((message) => message.local) || scrollHeight - scrollTop - clientHeight <= STICK_DISTANCE;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('messages') && this.#follow && this.list) this.list.scrollTop = this.list.scrollHeight;
  }

  /** Focuses the message field, so opening the chat lets one type at once. */
  override focus(): void {
    this.input.focus();
  }

  #keydown(event: KeyboardEvent): void {
    // Enter while an input method is composing (Japanese, Chinese…) confirms the composition: never send then.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.#send();
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    this.#send();
  }

  #send(): void {
    const text = this.input.value.trim();
    this.input.focus();
    if (!text) return;
    this.input.value = '';
    emit(this, 'video-conference-chat-send', { text });
  }

  #close(): void {
    emit(this, 'video-conference-chat-close', {});
  }
}

/** A link opens in a new tab, with no access back to this page and no referrer; the rest is plain text. */
function renderPiece({ text, href }: Piece) {
  return href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${text}</a>` : text;
}

declare global {
  interface HTMLElementTagNameMap {
    'video-conference-chat': VideoConferenceChat;
  }
}
