// <video-conference>: the embeddable call. Its properties and methods are the site owner's API; it hands
// them to controllers (the call and its vc-* events through CallController, the one door to rtc; the stage,
// hosts, size, language, devices, panels, menu, full screen, keyboard, announcements) and renders with render
// functions (controls, panels, status-view, and the lazily loaded screens). Longer than 300 lines for one
// reason: the class JSDoc is the API manifest, and every public property and method carries its documentation.
import { LitElement, html, nothing } from 'lit';
import type { KnockMessage, Role } from '../../protocol.ts';
import {
  inCall,
  type CallState,
  type ChatEntry,
  type ConnectivityReport,
  type Participant,
  type ParticipantStats,
  type Reaction,
  type RoomMode,
} from '../../rtc/index.ts';
import { Announcer } from '../controllers/announcer.ts';
import { CallController } from '../controllers/call-controller.ts';
import type { CallHost } from '../controllers/call-options.ts';
import { DevicesController } from '../controllers/devices-controller.ts';
import { EffectsController } from '../controllers/effects-controller.ts';
import { HostsController } from '../controllers/hosts-controller.ts';
import { listenToKeyboard } from '../controllers/keyboard-controller.ts';
import { LanguageController } from '../controllers/language-controller.ts';
import { Lazy } from '../controllers/lazy.ts';
import { MenuController } from '../controllers/menu-controller.ts';
import { PanelsController } from '../controllers/panels-controller.ts';
import { SizeController } from '../controllers/size-controller.ts';
import { StageController } from '../controllers/stage-controller.ts';
import type { DeviceKind, Layout } from '../events.ts';
import type { Strings } from '../i18n/strings.ts';
import { controlStyles } from '../shared/control-styles.ts';
import type { VideoPlayer } from '../video-player/video-player.ts';
import { renderControls } from './controls.ts';
import { PANEL_CHUNKS, PanelViews } from './panels.ts';
import { roomUrl } from './room-id.ts';
import { renderStatus } from './status-view.ts';
import { styles } from './video-conference.styles.ts';

/** Below this width (CSS pixels) the widget is narrow: a phone, a sidebar. */
const NARROW_WIDTH = 600;

/**
 * @summary A video call in one tag: joins `room` through the relay and shows everyone in a responsive grid.
 * Without a `room`, it joins the one in the page's `#room=` fragment, or a new private room; `shareUrl` invites.
 *
 * @fires vc-state-change - `state` changed. Detail: `{ state, previous }`.
 * @fires vc-joined - Joined the room (again after a reconnect). Detail: `{ id, room }`.
 * @fires vc-left - Left the room.
 * @fires vc-peer-joined - Someone is in the room: fired for each one already there on join, then for each newcomer. Detail: `{ id, name, verified }`.
 * @fires vc-peer-left - Someone left. Detail: `{ id, reason }`.
 * @fires vc-participant-change - Someone's (or your) name, microphone, camera, screen or hand changed. Detail: `{ id, local, name, verified, audio, video, screen, hand }`.
 * @fires vc-message - A chat message, yours included. Detail: `{ id, from, name, text, at, local }`.
 * @fires vc-data - Data another participant's page sent with `send()`. Detail: `{ from, payload }`.
 * @fires vc-active-speaker - The active speaker changed. Detail: `{ id }`.
 * @fires vc-mode-change - The room's media moved onto the relay's SFU (a large room), or back to peer-to-peer. Detail: `{ mode }`.
 * @fires vc-device-change - A device was chosen or replaced an unplugged one. Detail: `{ kind, deviceId, lost }`.
 * @fires vc-audio-blocked - The browser blocked sound until the person clicks; the widget shows a button for it.
 * @fires vc-layout-change - The person changed the layout or the pinned tile (not fired for the page's own changes). Detail: `{ layout, pinned }`.
 * @fires vc-quality - A connection's quality rating changed. Detail: `{ id, quality }`.
 * @fires vc-knock - For hosts: someone knocks, waiting in the lobby for `admit(id)` or `deny(id)`. Detail: `{ id, name, verified }`.
 * @fires vc-knock-ended - For hosts: a knock was answered (by any host), withdrawn or timed out. Detail: `{ id }`.
 * @fires vc-participant-removed - A host removed someone. Detail: `{ id, by }`.
 * @fires vc-room-locked - A host locked the room: nobody new may join or knock. Detail: `{ by }`.
 * @fires vc-room-unlocked - A host unlocked the room. Detail: `{ by }`.
 * @fires vc-lobby-change - A host turned the lobby (waiting room) on or off. Detail: `{ enabled, by }`.
 * @fires vc-mute-requested - A host asked someone (`id`), or everyone but them (no `id`), to mute; the widget asked mutes itself. Detail: `{ by, id? }`.
 * @fires vc-room-ended - A host ended the call for everyone: the state is now `ended`.
 * @fires vc-reaction - Someone (`local`: you) reacted; it floats over their tile for a few seconds. Detail: `{ id, emoji, local }`.
 * @fires vc-background-change - The background you send changed (now applied). Detail: `{ background }`.
 * @fires vc-audio-mode-change - Noise suppression or music mode changed (now applied). Detail: `{ noiseSuppression, musicMode }`.
 * @fires vc-recording-started - You started recording the call; everyone sees that you do.
 * @fires vc-recording-stopped - Your recording stopped (also on leaving): the WebM, which the widget then downloads unless a listener calls `preventDefault()`. Detail: `{ blob, durationMs }`.
 * @fires vc-error - Something went wrong. Detail: `{ code, message, peerId? }`.
 *
 * @csspart stage - The area holding the tiles; it is also the part `grid` or `spotlight`, by the layout shown.
 * @csspart grid - The stage while it shows the grid layout.
 * @csspart spotlight - The stage while it shows the spotlight layout.
 * @csspart tile - Each `<video-player>`.
 * @csspart video - The `<video>` in each tile.
 * @csspart label - The name on each tile.
 * @csspart avatar - The initial shown when a participant has no video.
 * @csspart badge - A tile's status badge ("connecting…").
 * @csspart tile-actions - A tile's pin, picture-in-picture and info buttons.
 * @csspart quality - A tile's connection-quality bars.
 * @csspart hand - A tile's raised-hand badge.
 * @csspart safety-code - The safety code in a tile's info panel.
 * @csspart info - A tile's info panel (live figures, safety code).
 * @csspart controls - The toolbar.
 * @csspart control - Each toolbar button (also `microphone-control`, `camera-control`, `screen-control`, `hand-control`, `chat-control`, `more-control`, `settings-control`, `layout-control`, `fullscreen-control`, `leave-control`).
 * @csspart menu - The toolbar's "More" menu (settings, spotlight, full screen; in a narrow widget also the hand and the chat).
 * @csspart unread - The unread-message count on the chat button.
 * @csspart chat - The chat panel.
 * @csspart settings - The settings panel.
 * @csspart prejoin - The pre-join screen (`<video-conference-prejoin>`); its toggles are `control`s too.
 * @csspart name-input - The pre-join screen's name field.
 * @csspart name-error - Why the name in that field cannot be used.
 * @csspart level - The pre-join screen's microphone level meter.
 * @csspart prejoin-notice - What keeps the camera or microphone away, in the pre-join screen (`action` retries).
 * @csspart join-button - The pre-join screen's Join button.
 * @csspart enable-audio - The button shown when the browser blocked sound.
 * @csspart status - The overlay or banner describing the call's state.
 * @csspart notice - The banner for problems that do not stop the call.
 * @csspart action - A button in the status overlay or the notice (try again, join again, retry).
 * @csspart participants - The participants panel: everyone with their role; for hosts, the knocks and the room's controls.
 * @csspart lobby - The card a guest waiting in the lobby sees.
 * @csspart knocks - For hosts: the people waiting to be let in, each with Admit and Deny (`admit`, `deny`).
 * @csspart host-badge - The "Host" mark on a host's tile.
 *
 * @cssstate prejoin - The pre-join screen shows: the element takes its height (`:state(prejoin)`).
 *
 * @cssprop --video-conference-gap - Space around and between tiles. Default `8px`.
 * @cssprop --video-conference-background - Background. Default `#0f1114`.
 * @cssprop --video-conference-color - Text colour. Default `#fff`.
 * @cssprop --video-conference-radius - Corner radius. Default `12px`.
 * @cssprop --video-conference-font - Font family. Default `system-ui, sans-serif`.
 * @cssprop --video-conference-accent - Button colour. Default `#2563eb`.
 * @cssprop --video-conference-danger - The leave button. Default `#d93025`.
 * @cssprop --video-conference-notice-background - Notice banner colour. Default `#5c3d00`.
 */
export class VideoConference extends LitElement implements CallHost {
  static override styles = [controlStyles, styles];

  static override properties = {
    room: {},
    server: {},
    name: {},
    password: {},
    token: {},
    hostKey: { attribute: 'host-key' },
    muted: { type: Boolean },
    cameraOff: { type: Boolean, attribute: 'camera-off' },
    prejoin: { type: Boolean },
    layout: { reflect: true },
    maxUplinkKbps: { type: Number, attribute: 'max-uplink-kbps' },
    fixedQuality: { type: Boolean, attribute: 'fixed-quality' },
    theme: { reflect: true },
    noShortcuts: { type: Boolean, attribute: 'no-shortcuts' },
    background: {},
    noiseSuppression: { type: Boolean, attribute: 'noise-suppression' },
    musicMode: { type: Boolean, attribute: 'music-mode' },
    strings: { attribute: false },
  };

  /**
   * The room to join: 1–128 characters from `A–Z a–z 0–9 . _ ~ -`. Without one, the element takes the room
   * in the page's `#room=` fragment, or else makes a new, unguessable one, and sets this attribute to it.
   */
  room = '';

  /** The relay's URL. Default: the relay this script was loaded from. Changed mid-call, like `room`, `password` and `token`, it joins again. */
  server = '';

  /** Your name, shown to the others; changed mid-call, it renames you (not a join token's name: `unauthorized`). */
  name = '';

  /** The room's password, when the relay asks for one. */
  password = '';

  /** A join token minted by your backend with the relay's JOIN_SECRET (an alternative to a password). */
  token = '';

  /**
   * An open room's host key: join as a host (and hand the role on with `hostShareUrl`). Default: the key in the
   * page's `#room=…&host=` fragment (a host invitation) for this room, which then leaves the address bar (so that
   * a copied address makes no hosts); else the key held for this room, kept for the tab (a reload keeps the role).
   * Read when a call starts.
   */
  hostKey = '';

  /** The microphone is muted: at the start, and mid-call when set (false unmutes); the toolbar does not change it. */
  muted = false;

  /** The camera is off (not opened until turned on): at the start, and mid-call when set (false turns it on). */
  cameraOff = false;

  /** Show a pre-join screen (preview, name, devices) and join from its button. Read when a call starts. */
  prejoin = false;

  /** `grid` or `spotlight`. A pinned tile or a screen share shows a spotlight anyway. */
  layout: Layout = 'grid';

  /** Total video upload to everyone together, in kbit/s; each peer gets what it shows, within it. Read when a call starts. */
  maxUplinkKbps = 2500;

  /** Send everyone full quality, without adapting to how they show you: for comparisons and tests. Read when a call starts. */
  fixedQuality = false;

  /** `light`, `dark`, or `auto` (the default: follows the system's prefers-color-scheme). */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  /** Turns off the keyboard shortcuts (Ctrl/⌘+D microphone, Ctrl/⌘+E camera, Ctrl/⌘+Alt+H hand, Ctrl/⌘+Alt+C chat). */
  noShortcuts = false;

  /**
   * What shows behind you: `none`, `blur`, or the URL of an image (CORS-enabled when on another origin). The
   * person is found by a segmentation model the relay serves; where the browser cannot run it, `none` stays
   * and a `vc-error` says `effect-unsupported`.
   */
  background = 'none';

  /** Cleans your microphone of background noise (RNNoise, in your browser) before it is sent. */
  noiseSuppression = false;

  /**
   * Music mode: your microphone as it sounds, without the echo cancellation, noise suppression and gain control
   * made for speech (and without `noiseSuppression` while on). Use headphones.
   */
  musicMode = false;

  /** Your own wording for any of the widget's strings, by key (see the English table in i18n/strings.ts). */
  strings: Partial<Strings> = {};

  /** Its custom states, for CSS: `prejoin` while the pre-join screen shows (where the browser has them). */
  #internals = this.attachInternals?.();
  #call = new CallController(this);
  #language = new LanguageController(this);
  #stage = new StageController(this, this.#call, () => this.#t);
  #announcer = new Announcer(this, () => this.#t);
  // After the stage: host buttons go on the tiles it placed.
  #hosts = new HostsController(this, this.#call, this.#stage, this.#announcer, () => this.#t);
  #hostSize = new SizeController(this, () => this);
  #panels = new PanelsController(this, (panel) => PANEL_CHUNKS[panel]());
  #menu = new MenuController(this);
  #devices = new DevicesController(this);
  #effects = new EffectsController(this, () =>
    import('./effects.ts').then(({ Effects }) => new Effects(this, this.#call, this.#announcer, () => this.#t)),
  );
  // Screens most calls never show: chunks of their own.
  #endOverlay = new Lazy(this, () => import('./end-overlay.ts'));
  #inviteCard = new Lazy(this, () => import('./invite-card.ts'));
  #notice = new Lazy(this, () => import('./notice-view.ts'));
  #panelViews = new PanelViews(this);

  constructor() {
    super();
    listenToKeyboard(this, this.#panels, this.#menu);
  }

  /**
   * `idle`, `joining`, `waiting` (in the lobby, until a host lets you in), `joined`, `reconnecting`, `left`,
   * `error`, or what a host did: `denied` (your knock), `removed` (you), `ended` (the call, for everyone).
   */
  get state(): CallState {
    return this.#call.state;
  }

  /** Everyone in the call, yourself first: `{ id, name, verified, local, stream, screen, audio, video, hand, speaking }`. */
  get participants(): Participant[] {
    return this.#call.participants;
  }

  /** Your camera and microphone, once started. */
  get localStream(): MediaStream | null {
    return this.#call.localStream;
  }

  /** The chat so far (up to 500 messages), oldest first. */
  get messages(): readonly ChatEntry[] {
    return this.#call.messages;
  }

  /** The participant who spoke last, or null. */
  get activeSpeaker(): string | null {
    return this.#call.activeSpeaker;
  }

  /**
   * How the call's media travel: `mesh`, straight between browsers (end-to-end encrypted), or `sfu`, through
   * the relay's media server, which a large room moves onto (encrypted to the server, which forwards them).
   */
  get mode(): RoomMode {
    return this.#call.mode;
  }

  /** The pinned tile's participant id (`:screen` for a screen share), or null. */
  get pinned(): string | null {
    return this.#stage.pinned;
  }

  /**
   * The link that invites others to this call: this page's URL with `#room=<room>`. Empty without a room.
   * @example history.replaceState(null, '', element.shareUrl); // the address bar becomes the invitation
   */
  get shareUrl(): string {
    return this.room ? roomUrl(location.href, this.room) : '';
  }

  /**
   * Your role in the room: `host` (you let people in, remove them, lock the room, end the call) or `guest`.
   * Not `role`, which every element has (its ARIA role).
   */
  get callRole(): Role {
    return this.#call.role;
  }

  /**
   * A host invitation: `shareUrl` with this open room's host key (`#room=…&host=…`), which makes whoever opens
   * it a host too. Empty unless you hold the key (you created the room, or joined with it).
   */
  get hostShareUrl(): string {
    const key = this.#call.hostKey;
    return key && this.room ? roomUrl(location.href, this.room, key) : '';
  }

  /** The room is locked: nobody new may join or knock. */
  get locked(): boolean {
    return this.#call.locked;
  }

  /** The room has a lobby: guests knock and wait until a host lets them in. */
  get lobby(): boolean {
    return this.#call.lobby;
  }

  /** For hosts: the people waiting in the lobby, oldest first: `{ id, name?, verified? }`. */
  get knocks(): KnockMessage[] {
    return this.#call.knocks;
  }

  /**
   * Lets a knock in (hosts only, as are the methods below: each rejects with an Error whose `code` says why,
   * `forbidden` for a guest, `unknown-peer` for an id not in the room or lobby, `not-joined` outside a call).
   */
  admit(id: string): Promise<void> {
    return this.#call.host({ action: 'admit', id });
  }

  /** Turns a knock down: that person sees `denied`. */
  deny(id: string): Promise<void> {
    return this.#call.host({ action: 'deny', id });
  }

  /** Removes a participant from the call: they see `removed` and cannot come back for the relay's ban period. */
  removeParticipant(id: string): Promise<void> {
    return this.#call.host({ action: 'remove', id });
  }

  /** Locks the room: nobody new may join or knock (`room-locked`). */
  lock(): Promise<void> {
    return this.#call.host({ action: 'lock', locked: true });
  }

  unlock(): Promise<void> {
    return this.#call.host({ action: 'lock', locked: false });
  }

  /** Turns the lobby on (guests knock and wait for a host) or off (they join at once). */
  setLobby(enabled: boolean): Promise<void> {
    return this.#call.host({ action: 'lobby', enabled });
  }

  /**
   * Asks a participant, or without an id everyone else, to mute. Their widget mutes its microphone and says
   * "The host muted you": a request, which a modified client could ignore (removal is what the relay enforces).
   */
  requestMute(id?: string): Promise<void> {
    return this.#call.host(id ? { action: 'mute', id } : { action: 'mute' });
  }

  /** Ends the call for everyone, you included (`ended`), and for anyone waiting in the lobby. */
  endForAll(): Promise<void> {
    return this.#call.host({ action: 'end' });
  }

  /** Joins `room` (leaving any call in progress; from the pre-join screen, keeping its camera). */
  join(): Promise<void> {
    return this.#call.join();
  }

  /** Leaves the room and releases the camera, the microphone and every connection. */
  leave(): void {
    this.#call.leave();
  }

  /** Mutes or unmutes the microphone (toggles without an argument). */
  toggleMicrophone(force?: boolean): Promise<void> {
    return this.#call.toggleMicrophone(force);
  }

  /** Turns the camera off (its light goes out) or on again (toggles without an argument). */
  toggleCamera(force?: boolean): Promise<void> {
    return this.#call.toggleCamera(force);
  }

  /** Uses another camera, microphone or (where the browser allows) speaker. */
  setDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.#call.setDevice(kind, deviceId);
  }

  /** Shares a screen or window (the browser asks which); hidden where the browser cannot. */
  startScreenShare(): Promise<void> {
    return this.#call.startScreenShare();
  }

  stopScreenShare(): void {
    this.#call.stopScreenShare();
  }

  /** Raises or lowers your hand (toggles without an argument). */
  raiseHand(force?: boolean): void {
    this.#call.raiseHand(force);
  }

  /** Sends a chat message to everyone (plain text, up to 2,000 characters). */
  sendMessage(text: string): void {
    this.#call.sendMessage(text);
  }

  /**
   * Sends your page's own data to everyone, or to one participant, over the peer connections (the relay never
   * sees it): anything JSON can carry, up to 16 KB. Others receive it as `vc-data`.
   */
  send(data: unknown, options: { to?: string } = {}): void {
    this.#call.send(data, options);
  }

  /**
   * Sends a reaction (👍 👏 😂 ❤️ 🎉 😮) to everyone: it floats over your tile, everywhere, for a few seconds.
   * Rejects with an Error whose `code` is `invalid-request` for another emoji, `rate-limited` past a few a
   * second, or `not-joined`.
   */
  react(emoji: Reaction): Promise<void> {
    return this.#effects.run((effects) => effects.react(emoji));
  }

  /**
   * Sets `background` and resolves once it is sent; rejects with an Error whose `code` is `effect-unsupported`
   * (this browser cannot) or `effect-failed` (the model, or the image, did not load), and `background` is back
   * to what was sent before.
   * @example await element.setBackground('blur');
   */
  setBackground(background: string): Promise<void> {
    this.background = background;
    return this.#effects.apply();
  }

  /**
   * Sets `noiseSuppression` and resolves once the cleaned microphone is sent: after the page's first click if
   * the browser holds audio until then. Rejects like setBackground().
   */
  setNoiseSuppression(enabled: boolean): Promise<void> {
    this.noiseSuppression = enabled;
    return this.#effects.apply();
  }

  /** You are recording the call (everyone sees it). */
  get recording(): boolean {
    return this.participants[0]?.recording ?? false;
  }

  /**
   * Records the call on this device: the tiles as shown and everyone's sound, into a WebM. Everyone in the call
   * sees that you record. Rejects with `recording-unsupported` or `not-joined`.
   */
  startRecording(): Promise<void> {
    return this.#effects.run((effects) => effects.startRecording());
  }

  /** Stops recording: resolves with the WebM (null when not recording), also given in `vc-recording-stopped`. */
  stopRecording(): Promise<Blob | null> {
    return this.#effects.run((effects) => effects.stopRecording());
  }

  /** Puts a tile (a participant id, or `id:screen`; `local` for yourself) in the spotlight; null unpins. */
  pin(id: string | null): void {
    this.#stage.pinned = id;
    this.requestUpdate();
  }

  /** Asks for the camera and microphone again, after a denial or once a device is plugged in. */
  retryMedia(): Promise<void> {
    return this.#call.retryMedia();
  }

  /** Plays every tile's sound; call it from a click if the browser blocked sound (vc-audio-blocked). */
  enableAudio(): void {
    this.#stage.soundBlocked = false;
    this.requestUpdate();
    for (const tile of this.renderRoot.querySelectorAll<VideoPlayer>('video-player')) tile.enableSound();
  }

  /**
   * Live figures for each remote participant, by id: `{ quality, rttMs, lossPercent, jitterMs, video,
   * sendKbps, availableKbps, limitation, path, safetyCode }`.
   */
  getStats(): Record<string, ParticipantStats> {
    return this.#call.getStats();
  }

  /**
   * Which kinds of network path work from here with the relay's STUN/TURN servers (after joining, when the
   * relay has handed them out): `{ host, srflx, relay, candidates }`.
   */
  testConnectivity(): Promise<ConnectivityReport> {
    return this.#call.testConnectivity();
  }

  /** Shows the call full screen, or leaves full screen (as the browser's Esc does). */
  toggleFullscreen(): Promise<void> {
    return document.fullscreenElement === this ? document.exitFullscreen() : this.requestFullscreen();
  }

  /** Everything is in a wrapper (.frame) that holds the layout, since page CSS may change the host's own `display`. */
  override render() {
    const call = this.#call;
    // While a full room is tried again, its refusal stays on show rather than each try's "joining".
    const state = call.waitingForRoom ? 'error' : this.state;
    const active = inCall(state);
    const previewing = call.previewing;
    const t = this.#t;
    const narrow = this.#hostSize.width < NARROW_WIDTH;
    return html`<div class="frame">
      <div class="body ${narrow ? 'narrow' : ''}">
        ${this.#stage.view?.template ?? nothing}
        ${this.#panelViews.render(this.#panels.open, this, call, this.#panels, this.#devices, this.#hosts.act, t)}
        ${this.#hosts.render(state, this.#panels.open === 'participants')}
        ${active ? this.#effects.render(this.participants, t) : nothing}
        ${state === 'joined' && this.participants.length === 1 ? this.#inviteCard.get()?.renderInviteCard(this, t) : nothing}
        ${this.#announcer.toast ? html`<div class="toast" part="toast" aria-hidden="true">${this.#announcer.toast}</div>` : nothing}
        ${previewing ? nothing : renderStatus(state, call.error, !!this.room, call.reach, call.statusActions, t, () => this.#endOverlay.get()?.renderEndOverlay ?? null)}
      </div>
      ${active ? renderControls(this, call, this.#panels, this.#menu, this.#devices, this.#stage, this.#effects, narrow, t) : nothing}
      ${previewing ? this.#panelViews.render('prejoin', this, call, this.#panels, this.#devices, this.#hosts.act, t) : nothing}
      ${
        this.#stage.soundBlocked && active
          ? html`<button class="enable-audio" part="enable-audio" type="button" @click=${this.enableAudio}>
              ${t.enableAudio}
            </button>`
          : nothing
      }
      ${
        // The pre-join screen shows its own notice.
        previewing || !call.notice
          ? nothing
          : this.#notice.get()?.renderNotice(call.notice, state, call.statusActions, t)
      }
      <div class="announcer" role="status" aria-live="polite">${this.#announcer.text}</div>
    </div>`;
  }

  protected override updated(): void {
    const previewing = this.#call.previewing;
    // The pre-join screen sets the element's height: the styles see this state.
    this.#internals?.states?.[previewing ? 'add' : 'delete']('prejoin');
    if (this.#panels.open === 'settings' || previewing) this.#devices.follow(this.localStream);
  }

  /** The strings in use: the language's, with the site's own on top. */
  get #t(): Strings {
    return { ...this.#language.strings, ...this.strings };
  }
}

customElements.define('video-conference', VideoConference);

declare global {
  interface HTMLElementTagNameMap {
    'video-conference': VideoConference;
  }
}
