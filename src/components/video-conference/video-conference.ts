// <video-conference>: the embeddable call. Renders a grid of <video-player> tiles and the call's state;
// the CallController does the joining, leaving and event firing.
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { CallOptions, CallState, Participant } from '../../rtc/call.ts';
import { CallController, type CallHost } from '../controllers/call-controller.ts';
import { SizeController } from '../controllers/size-controller.ts';
import '../video-player/video-player.ts';
import { gridLayout } from './grid-layout.ts';
import { ERROR_MESSAGES, STATE_MESSAGES } from './messages.ts';
import { newRoomId, roomFromFragment, roomUrl } from './room-id.ts';
import { styles } from './video-conference.styles.ts';

/** The relay that served this script: the bundle is loaded from https://relay.example.com/video-conference.js. */
const BUNDLE_SERVER = new URL('./', import.meta.url).href;

/**
 * @summary A video call in one tag: joins `room` through the relay and shows everyone in a responsive grid.
 * Without a `room`, it joins the one in the page's `#room=` fragment, or a new private room; `shareUrl` invites.
 *
 * @fires vc-state-change - `state` changed. Detail: `{ state, previous }`.
 * @fires vc-joined - Joined the room (again after a reconnect). Detail: `{ id, room }`.
 * @fires vc-left - Left the room.
 * @fires vc-peer-joined - Someone is in the room: fired for each one already there on join, then for each newcomer. Detail: `{ id, name }`.
 * @fires vc-peer-left - Someone left. Detail: `{ id, reason }`.
 * @fires vc-error - Something went wrong. Detail: `{ code, message, peerId? }`.
 *
 * @csspart grid - The grid holding the tiles.
 * @csspart tile - Each participant's `<video-player>`.
 * @csspart video - The `<video>` in each tile.
 * @csspart label - The name on each tile.
 * @csspart avatar - The initial shown when a participant has no video.
 * @csspart unmute - The "enable sound" button shown when the browser blocked sound.
 * @csspart status - The overlay or banner describing the call's state.
 * @csspart notice - The banner for problems that do not stop the call.
 * @csspart action - The button in the status overlay (try again, join again).
 *
 * @cssprop --video-conference-gap - Space around and between tiles. Default `8px`.
 * @cssprop --video-conference-background - Background. Default `#0f1114`.
 * @cssprop --video-conference-color - Text colour. Default `#fff`.
 * @cssprop --video-conference-radius - Corner radius. Default `12px`.
 * @cssprop --video-conference-font - Font family. Default `system-ui, sans-serif`.
 * @cssprop --video-conference-accent - Button colour. Default `#3d7bfd`.
 * @cssprop --video-conference-notice-background - Notice banner colour. Default `#5c3d00`.
 */
@customElement('video-conference')
export class VideoConference extends LitElement implements CallHost {
  static override styles = styles;

  /**
   * The room to join: 1–128 characters from `A–Z a–z 0–9 . _ ~ -`. Without one, the element takes the room
   * in the page's `#room=` fragment, or else makes a new, unguessable one, and sets this attribute to it.
   */
  @property() room = '';

  /** The relay's URL. Default: the relay this script was loaded from. */
  @property() server = '';

  /** Your name, shown to the others. */
  @property() name = '';

  /** The room's password, when the relay asks for one. */
  @property() password = '';

  /** A join token minted by your backend with the relay's JOIN_SECRET (an alternative to a password). */
  @property() token = '';

  #call = new CallController(this);
  #size = new SizeController(this);

  /** `idle`, `joining`, `joined`, `reconnecting`, `left` or `error`. */
  get state(): CallState {
    return this.#call.state;
  }

  /** Everyone in the call, yourself first: `{ id, name, local, stream, audio, video }`. A snapshot. */
  get participants(): Participant[] {
    return this.#call.participants;
  }

  /** Your camera and microphone, once started. */
  get localStream(): MediaStream | null {
    return this.#call.localStream;
  }

  /**
   * The link that invites others to this call: this page's URL with `#room=<room>`. Empty without a room.
   * @example history.replaceState(null, '', element.shareUrl); // the address bar becomes the invitation
   */
  get shareUrl(): string {
    return this.room ? roomUrl(location.href, this.room) : '';
  }

  /** Joins `room` (leaving any call in progress). The element does this by itself when it is connected. */
  join(): Promise<void> {
    return this.#call.join();
  }

  /** Leaves the room and releases the camera, the microphone and every connection. */
  leave(): void {
    this.#call.leave();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The first connection brings the first update; a later one without a room asks for an update to pick one.
    if (!this.room) this.requestUpdate();
  }

  protected override willUpdate(): void {
    // A connected element always has a room. It is picked here, not in connectedCallback, because a `room`
    // property set before the element was defined only lands in the first update; and willUpdate runs before
    // the CallController's hostUpdate, which then joins this room: one join, not a join and a rejoin.
    if (this.isConnected && !this.room) {
      const room = roomFromFragment(location.hash) ?? newRoomId();
      this.room = room;
      this.setAttribute('room', room);
    }
  }

  /** @internal */
  callOptions(): CallOptions | null {
    if (!this.room) return null;
    return {
      server: this.server || BUNDLE_SERVER,
      room: this.room,
      name: this.name || undefined,
      password: this.password || undefined,
      token: this.token || undefined,
    };
  }

  override render() {
    const participants = this.participants;
    const { columns, rows } = gridLayout(participants.length, this.#size.width, this.#size.height);
    return html`
      <div part="grid" class="grid" style=${styleMap({ '--columns': String(columns), '--rows': String(rows) })}>
        ${repeat(
          participants,
          (participant) => (participant.local ? 'local' : participant.id),
          (participant) => html`
            <video-player
              part="tile"
              exportparts="video, label, avatar, unmute"
              peer-id=${participant.local ? 'local' : participant.id}
              name=${tileLabel(participant)}
              .stream=${participant.stream}
              ?muted=${participant.local}
              ?mirrored=${participant.local}
            ></video-player>
          `,
        )}
      </div>
      ${this.#renderStatus()} ${this.#renderNotice()}
    `;
  }

  #renderStatus() {
    const { state } = this;
    if (state === 'joined') return nothing;
    if (state === 'error' || state === 'left' || state === 'idle') {
      const error = this.#call.error;
      const message = error ? ERROR_MESSAGES[error.code] : STATE_MESSAGES[state];
      const action =
        state === 'idle' || !this.room
          ? nothing
          : html` <button part="action" type="button" @click=${() => this.join()}>
              ${error ? 'Try again' : 'Join again'}
            </button>`;
      return html`
        <div class="overlay" part="status" role=${error ? 'alert' : 'status'} data-code=${error?.code ?? nothing}>
          <p>${message}</p>
          ${action}
        </div>
      `;
    }
    return html`<div class="banner" part="status" role="status">${STATE_MESSAGES[state]}</div>`;
  }

  #renderNotice() {
    const notice = this.#call.notice;
    if (!notice || this.state !== 'joined') return nothing;
    return html`
      <div class="banner notice" part="notice" role="status" data-code=${notice.code}>
        <span>${notice.message}</span>
        <button type="button" aria-label="Dismiss" @click=${() => this.#call.dismissNotice()}>✕</button>
      </div>
    `;
  }
}

function tileLabel({ local, name, connectionState }: Participant): string {
  if (local) return `${name || 'You'} (you)`;
  const label = name || 'Guest';
  return connectionState === 'connected' || connectionState === undefined ? label : `${label} · connecting…`;
}

declare global {
  interface HTMLElementTagNameMap {
    'video-conference': VideoConference;
  }
}
