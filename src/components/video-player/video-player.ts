// <video-player>: one tile. Plays a MediaStream in a <video>, shows the name (marked when verified) with
// a microphone indicator and a host's mark, a raised-hand badge and connection-quality bars, stands in an avatar when there is
// no video, offers pin, picture-in-picture and an info panel (live figures, safety code), plays on the chosen
// speaker, reports how large it is shown or that it is hidden (view-reporter.ts), and reports once when the
// browser blocks playback with sound. A little over 300 lines because it is a public element: its documented
// properties and the class JSDoc are its API manifest.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { emit } from '../events.ts';
import type { ParticipantStats } from '../../rtc/index.ts';
import { EN, format, type Strings } from '../i18n/strings.ts';
import { icons } from '../shared/icons.ts';
import type { renderInfo } from './tile-info.ts';
import { styles } from './video-player.styles.ts';

/** Whether this browser plays sound on a chosen output (HTMLMediaElement.setSinkId): the speaker pickers show. */
export const canChooseSpeaker = 'setSinkId' in HTMLMediaElement.prototype;
import { ViewReporter } from './view-reporter.ts';

/**
 * @summary One participant's (or one screen share's) tile.
 *
 * @fires video-player-pin - The pin button was pressed. Detail: `{ peerId }`.
 * @fires video-player-sound-blocked - The browser refused to play with sound; the tile plays muted until `enableSound()`.
 * @fires video-player-view - How large the tile is shown, in device pixels, or that it is not. Detail: `{ peerId, width, height, visible }`.
 * @fires video-player-stop - The stop button of a `presenting` tile was pressed.
 *
 * @csspart video - The `<video>` element.
 * @csspart label - The name shown over the video.
 * @csspart avatar - The initial shown when there is no video.
 * @csspart badge - The "connecting…" and similar badge.
 * @csspart tile-actions - The pin, picture-in-picture and info buttons.
 * @csspart quality - The connection-quality bars.
 * @csspart hand - The raised-hand badge.
 * @csspart info - The info panel: live figures and the safety code.
 * @csspart host-badge - The "Host" mark beside a host's name.
 *
 * @slot actions - More buttons among the tile's actions (the widget puts a host's Remove and Ask-to-mute there).
 * @csspart safety-code - The safety code in the info panel, to compare aloud with the other person's.
 *
 * @cssprop --video-player-background - Tile background. Default `#1f2329`.
 * @cssprop --video-player-color - Label and avatar text colour. Default `#fff`.
 * @cssprop --video-player-radius - Corner radius. Default `8px`.
 * @cssprop --video-player-fit - `object-fit` of the video. Default `cover` (`contain` for screen shares).
 * @cssprop --video-player-avatar-background - Avatar circle colour. Default `#3b4350`.
 * @cssprop --video-player-speaking-color - Outline of the tile of whoever is speaking. Default `#3ddc84`.
 */
export class VideoPlayer extends LitElement {
  static override styles = styles;

  static override properties = {
    stream: { attribute: false },
    peerId: { attribute: 'peer-id', reflect: true },
    name: {},
    badge: {},
    muted: { type: Boolean },
    mirrored: { type: Boolean, reflect: true },
    videoOff: { type: Boolean, reflect: true, attribute: 'video-off' },
    micOff: { type: Boolean, reflect: true, attribute: 'mic-off' },
    hand: { type: Boolean, reflect: true },
    verified: { type: Boolean },
    host: { type: Boolean },
    speaking: { type: Boolean, reflect: true },
    pinned: { type: Boolean, reflect: true },
    screen: { type: Boolean, reflect: true },
    presenting: { type: Boolean },
    sinkId: { attribute: false },
    quality: { reflect: true },
    stats: { attribute: false },
    infoOpen: { state: true },
    strings: { attribute: false },
    soundBlocked: { state: true },
  };

  /** The media to play; set as a property. */
  stream: MediaStream | null = null;

  /** The participant's id (`local` for the self-view); a screen share's tile adds `:screen`. */
  peerId = '';

  /** Name shown on the tile. */
  name = '';

  /** A short status shown as a badge (e.g. "connecting…"). */
  badge = '';

  /** Plays without sound (the self-view, a screen share). */
  muted = false;

  /** Mirrors the video horizontally, as people expect of their own camera. */
  mirrored = false;

  /** The participant turned the camera off: show the avatar even if the last frame lingers. */
  videoOff = false;

  /** The participant's microphone is off: shows a muted-microphone icon. */
  micOff = false;

  /** The participant raised their hand. */
  hand = false;

  /** The name comes from a join token the site signed: shown with a mark. */
  verified = false;

  /** The participant is a host of the room: shown with a mark. */
  host = false;

  /** The participant is speaking right now. */
  speaking = false;

  pinned = false;

  /** A screen share: shown whole (contain), never mirrored. */
  screen = false;

  /** Your own screen share, without its stream: says you are presenting and offers a button to stop. */
  presenting = false;

  /** The audio output device to play on (HTMLMediaElement.setSinkId), where the browser supports it. */
  sinkId = '';

  /** The connection's rating, shown as bars: `good`, `fair`, `poor`, or empty for none. */
  quality = '';

  /** The wording of its labels (the widget passes its own, translated). */
  strings: Strings = EN;

  /** Live figures and the safety code, for the info panel. */
  stats: ParticipantStats | null = null;

  private infoOpen = false;

  /** The info panel's renderer: a separate chunk of the bundle, fetched the first time the panel opens. */
  #renderInfo: typeof renderInfo | null = null;

  /** The browser refused to start playback with sound: playing muted until enableSound(). */
  private soundBlocked = false;

  private get video(): HTMLVideoElement {
    return this.renderRoot.querySelector('video')!;
  }

  #unwatch: (() => void) | null = null;
  /** Tells the widget how large the video is shown, or that it is not, so the sender sends just that. */
  #views = new ViewReporter(
    this,
    () => this.renderRoot?.querySelector('video') ?? null,
    (view) => emit(this, 'video-player-view', { peerId: this.peerId, ...view }),
  );

  /** Fires video-player-view again with how the tile is shown now. */
  reportView(): void {
    this.#views.resend();
  }

  /** Plays with sound again; call it from a user's click, which is what the browser was waiting for. */
  enableSound(): void {
    if (!this.soundBlocked) return;
    this.soundBlocked = false;
    this.video.muted = this.muted;
    void this.video.play().catch(() => {});
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch(this.stream);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watch(null);
  }

  override render() {
    const hasVideo = !this.videoOff && this.#hasVideo();
    const pip = hasVideo && document.pictureInPictureEnabled;
    return html`
      <video
        part="video"
        aria-label=${this.name}
        autoplay
        playsinline
        .muted=${this.muted || this.soundBlocked}
        ?hidden=${!hasVideo}
        @enterpictureinpicture=${this.#views.update}
        @leavepictureinpicture=${this.#views.update}
      ></video>
      ${
        hasVideo
          ? nothing
          : html`<div class="avatar" part="avatar">
              ${
                this.presenting
                  ? html`${this.strings.presenting}<button type="button" @click=${this.#stop}>
                        ${this.strings.stopPresenting}
                      </button>`
                  : html`<span>${initial(this.name)}</span>`
              }
            </div>`
      }
      <div class="label" part="label">
        ${this.micOff ? html`<span class="icon" title=${this.strings.micOff}>${icons.micOff}</span>` : nothing}
        <span class="name">${this.name}</span>
        ${
          this.verified
            ? html`<span
                class="icon verified"
                role="img"
                aria-label=${this.strings.verified}
                title=${this.strings.verified}
                >${icons.check}</span
              >`
            : nothing
        }
        ${this.host ? html`<span class="host" part="host-badge">${this.strings.host}</span>` : nothing}
      </div>
      ${this.hand ? html`<span class="hand" part="hand" role="img" aria-label=${this.strings.handRaised}>${icons.hand}</span>` : nothing}
      ${this.badge ? html`<span class="badge" part="badge">${this.badge}</span>` : nothing}
      ${
        this.quality
          ? html`<span
              class="quality"
              part="quality"
              role="img"
              aria-label=${format(this.strings.quality, { quality: this.strings[`quality.${this.quality as 'good'}`] })}
            >
              <i></i><i></i><i></i>
            </span>`
          : nothing
      }
      ${this.infoOpen && this.#renderInfo ? this.#renderInfo(this.stats, this.strings, () => (this.infoOpen = false)) : nothing}
      <div class="actions" part="tile-actions">
        <button
          type="button"
          aria-label=${format(this.strings.pin, { name: this.name })}
          aria-pressed=${String(this.pinned)}
          @click=${this.#pin}
        >
          ${icons.pin}
        </button>
        ${
          pip
            ? html`<button type="button" aria-label=${this.strings.pictureInPicture} @click=${this.#pictureInPicture}>
                ${icons.pip}
              </button>`
            : nothing
        }
        ${
          this.stats
            ? html`<button
                type="button"
                aria-label=${this.strings.details}
                aria-pressed=${String(this.infoOpen)}
                @click=${this.#toggleInfo}
              >
                ${icons.info}
              </button>`
            : nothing
        }
        <slot name="actions"></slot>
      </div>
    `;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stream')) this.#watch(this.stream);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A stream with no tracks at all (listen-only, before any track arrives) is not attached: a media element
    // waiting for data that never comes would hold back the page's load event.
    const source = this.stream?.getTracks().length ? this.stream : null;
    if (changed.has('stream') && this.video.srcObject !== source) {
      this.video.srcObject = source;
      void this.#play();
    }
    if (changed.has('sinkId') && this.sinkId && canChooseSpeaker) {
      this.video.setSinkId(this.sinkId).catch(() => {});
    }
  }

  /** A remote track is muted while no frames arrive for it: show the avatar rather than a black tile. */
  #hasVideo(): boolean {
    return !!this.stream?.getVideoTracks().some((track) => track.readyState === 'live' && !track.muted);
  }

  async #play(): Promise<void> {
    if (!this.video.srcObject) return;
    try {
      await this.video.play();
    } catch (error) {
      // Autoplay policy (https://developer.chrome.com/blog/autoplay): without a user gesture, only muted
      // playback may start. Play muted so the video shows, and let the widget offer one click for sound.
      if (!(error instanceof DOMException) || error.name !== 'NotAllowedError' || this.video.muted) return;
      this.soundBlocked = true;
      emit(this, 'video-player-sound-blocked', {});
      await this.updateComplete;
      await this.video.play().catch(() => {});
    }
  }

  async #toggleInfo(): Promise<void> {
    this.#renderInfo ??= (await import('./tile-info.ts')).renderInfo;
    this.infoOpen = !this.infoOpen;
  }

  #pin(): void {
    emit(this, 'video-player-pin', { peerId: this.peerId });
  }

  #stop(): void {
    emit(this, 'video-player-stop', {});
  }

  async #pictureInPicture(): Promise<void> {
    if (document.pictureInPictureElement === this.video) await document.exitPictureInPicture();
    else await this.video.requestPictureInPicture().catch(() => {});
  }

  /** Re-renders when the stream's tracks come, go, end, or are muted and unmuted. */
  #watch(stream: MediaStream | null): void {
    this.#unwatch?.();
    this.#unwatch = null;
    if (!stream || !this.isConnected) return;
    const controller = new AbortController();
    const { signal } = controller;
    const update = () => this.requestUpdate();
    const watchTrack = (track: MediaStreamTrack) => {
      for (const type of ['mute', 'unmute', 'ended']) track.addEventListener(type, update, { signal });
    };
    stream.getTracks().forEach(watchTrack);
    stream.addEventListener('addtrack', ({ track }) => (watchTrack(track), update()), { signal });
    stream.addEventListener('removetrack', update, { signal });
    this.#unwatch = () => controller.abort();
  }
}

function initial(name: string): string {
  return [...name.trim()][0] ?? '?';
}

customElements.define('video-player', VideoPlayer);

declare global {
  interface HTMLElementTagNameMap {
    'video-player': VideoPlayer;
  }
}
