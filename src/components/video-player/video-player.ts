// <video-player>: one participant's tile. Plays a MediaStream in a <video>, shows the name, stands in an
// avatar when there is no video, and recovers when the browser blocks playback with sound.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { styles } from './video-player.styles.ts';

/**
 * @summary One participant's video tile.
 *
 * @csspart video - The `<video>` element.
 * @csspart label - The name shown over the video.
 * @csspart avatar - The initial shown when there is no video.
 * @csspart unmute - The button shown when the browser blocked playback with sound.
 *
 * @cssprop --video-player-background - Tile background. Default `#1f2329`.
 * @cssprop --video-player-color - Label and avatar text colour. Default `#fff`.
 * @cssprop --video-player-radius - Corner radius. Default `8px`.
 * @cssprop --video-player-fit - `object-fit` of the video. Default `cover`.
 * @cssprop --video-player-avatar-background - Avatar circle colour. Default `#3b4350`.
 */
@customElement('video-player')
export class VideoPlayer extends LitElement {
  static override styles = styles;

  /** The media to play; set as a property. */
  @property({ attribute: false }) stream: MediaStream | null = null;

  /** The participant's id (`local` for the self-view). */
  @property({ attribute: 'peer-id', reflect: true }) peerId = '';

  /** Name shown on the tile. */
  @property() name = '';

  /** Plays without sound (the self-view). */
  @property({ type: Boolean }) muted = false;

  /** Mirrors the video horizontally, as people expect of their own camera. */
  @property({ type: Boolean, reflect: true }) mirrored = false;

  /** The browser refused to start playback with sound: playing muted until the user clicks. */
  @state() private soundBlocked = false;

  @query('video') private video!: HTMLVideoElement;

  #unwatch: (() => void) | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watch(null);
  }

  override render() {
    // A remote track is muted while no frames arrive for it: show the avatar rather than a black tile.
    const hasVideo = !!this.stream?.getVideoTracks().some((track) => track.readyState === 'live' && !track.muted);
    return html`
      <video part="video" autoplay playsinline .muted=${this.muted || this.soundBlocked} ?hidden=${!hasVideo}></video>
      ${hasVideo ? nothing : html`<div class="avatar" part="avatar"><span>${initial(this.name)}</span></div>`}
      <span part="label">${this.name}</span>
      ${
        this.soundBlocked
          ? html`<button part="unmute" type="button" @click=${this.#enableSound}>Click to enable sound</button>`
          : nothing
      }
    `;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch(this.stream);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stream')) this.#watch(this.stream);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('stream') && this.video.srcObject !== this.stream) {
      this.video.srcObject = this.stream;
      void this.#play();
    }
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

  async #play(): Promise<void> {
    if (!this.stream) return;
    try {
      await this.video.play();
    } catch (error) {
      // Autoplay policy (https://developer.chrome.com/blog/autoplay): without a user gesture, only muted
      // playback may start. Play muted so the video shows, and offer a click to turn the sound on.
      if (!(error instanceof DOMException) || error.name !== 'NotAllowedError' || this.video.muted) return;
      this.soundBlocked = true;
      await this.updateComplete;
      await this.video.play().catch(() => {});
    }
  }

  #enableSound(): void {
    this.soundBlocked = false;
    this.video.muted = this.muted;
    void this.video.play().catch(() => {});
  }
}

function initial(name: string): string {
  return [...name.trim()][0] ?? '?';
}

declare global {
  interface HTMLElementTagNameMap {
    'video-player': VideoPlayer;
  }
}
