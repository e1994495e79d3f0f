// Bridges an rtc Call into its host element: joins (or previews, for a pre-join screen) when the host is
// connected with a room, joins again when the room, relay, password or token changes, leaves when the host
// is removed or the page is closed, re-renders on every change, and re-fires the call's events as vc-* events
// (call-events.ts). The call's options come from the host's attributes (call-options.ts). It also follows the
// relay's outages (outage-watch.ts) and keeps trying a full room until a place frees up. Host actions go through
// host(), and what hosts do comes back as vc-* events. It keeps the speaker chosen, and hands the status views
// their actions and what the relay connection is doing. Longer than 300 lines for one reason: as the element's
// one door to rtc, it has a short member for each command and each piece of state the element shows.
import type { ReactiveController } from 'lit';
import type { HostRequest, KnockMessage, Role } from '../../protocol.ts';
import {
  Call,
  type CallOptions,
  type CallState,
  type ChatEntry,
  type ConnectivityReport,
  errorPolicy,
  inCall,
  type LocalMedia,
  type Participant,
  type ParticipantStats,
  type Reaction,
  type RoomMode,
  type RtcError,
  Subscriptions,
  type TrackEffects,
  type VideoView,
} from '../../rtc/index.ts';
import { emit, type DeviceKind } from '../events.ts';
import type { RelayReach, StatusActions } from '../video-conference/status-view.ts';
import { callOptions, pickRoom, type CallHost } from './call-options.ts';
import { forwardEvents } from './call-events.ts';
import { OutageWatch } from './outage-watch.ts';

/** How often a full room is tried again, while the widget waits for a place. */
const FULL_ROOM_RETRY_MS = 15_000;
const DONE = Promise.resolve();

export class CallController implements ReactiveController {
  #host: CallHost;
  #call: Call | null = null;
  /** The room, relay, password and token of the current call: changing one of them joins again. */
  #callKey: string | null = null;
  /** The options the call was last told about, to tell what changed. */
  #options!: CallOptions;
  #subscriptions = new Subscriptions();
  #notice: RtcError | null = null;
  #pendingLeave = false;
  #outage = new OutageWatch(() => this.#host.requestUpdate());
  /** The room was full: its refusal, shown while the widget tries again. */
  #roomFull: RtcError | null = null;
  #roomTimer: ReturnType<typeof setTimeout> | undefined;
  /** The call this element asked to end for everyone. */
  #ended: Call | null = null;
  /** The speaker the tiles play through ('' for the default). */
  sinkId = '';
  /** The host key held for each room (also the one a join gave: kept by the host view, hosts.ts), for the next join. */
  readonly hostKeys = new Map<string, string>();
  /** What the camera and microphone go through, and music mode: in this call and the next ones (LocalMedia). */
  readonly effects: TrackEffects = {};

  constructor(host: CallHost) {
    this.#host = host;
    host.addController(this);
  }

  get state(): CallState {
    return this.#call?.state ?? 'idle';
  }

  get error(): RtcError | null {
    return this.#call?.error ?? this.#roomFull;
  }

  /** The room was full, and the widget is trying again (every FULL_ROOM_RETRY_MS) until it gets in. */
  get waitingForRoom(): boolean {
    return !!this.#roomFull;
  }

  /** The last problem that did not stop the call (a missing camera, a failed peer), until dismissed. */
  get notice(): RtcError | null {
    return this.#notice;
  }

  dismissNotice(): void {
    this.#notice = null;
    this.#host.requestUpdate();
  }

  get participants(): Participant[] {
    return this.#call?.participants ?? [];
  }

  get localStream(): MediaStream | null {
    return this.#call?.localStream ?? null;
  }

  /** The camera and microphone: their state and chosen devices, once opened. */
  get media(): LocalMedia | null {
    return this.#call?.media ?? null;
  }

  /** The devices in use, for the pickers: the camera's and microphone's, and the speaker chosen. */
  get deviceIds(): Partial<Record<DeviceKind, string>> {
    return { ...this.media?.deviceIds, audiooutput: this.sinkId };
  }

  get messages(): readonly ChatEntry[] {
    return this.#call?.messages ?? [];
  }

  get activeSpeaker(): string | null {
    return this.#call?.activeSpeaker ?? null;
  }

  get mode(): RoomMode {
    return this.#call?.mode ?? 'mesh';
  }

  get role(): Role {
    return this.#call?.role ?? 'guest';
  }

  get hostKey(): string {
    return this.#call?.hostKey ?? '';
  }

  get locked(): boolean {
    return !!this.#call?.locked;
  }

  get lobby(): boolean {
    return !!this.#call?.lobby;
  }

  get hostPresent(): boolean {
    return !!this.#call?.hostPresent;
  }

  get knocks(): KnockMessage[] {
    return this.#call?.knocks ?? [];
  }

  /** A host action; rejects with an Error whose `code` says why (`forbidden`, `not-joined`, `unknown-peer`). */
  host(request: HostRequest): Promise<void> {
    const call = this.#call;
    if (!call) return Promise.reject(Object.assign(new Error('Not in a call.'), { code: 'not-joined' }));
    const asked = call.host(request);
    if (request.action === 'end') {
      this.#ended = call;
      asked.catch(() => (this.#ended = null));
    }
    return asked;
  }

  /** This element asked to end this call for everyone (End call for everyone, or endForAll()): once `ended`, it did. */
  get endedByYou(): boolean {
    return this.#ended === this.#call;
  }

  /** Shows a problem that does not stop the call (a host action refused, from a button). */
  showNotice(error: RtcError): void {
    this.#notice = error;
    this.#host.requestUpdate();
  }

  /** The camera is open for the pre-join screen, and the call not joined yet. */
  get previewing(): boolean {
    return this.#host.prejoin && this.state === 'idle' && !!this.media;
  }

  // The call's commands: each does nothing before there is a call.
  toggleMicrophone(force?: boolean): Promise<void> {
    return this.#call?.toggleMicrophone(force) ?? DONE;
  }

  toggleCamera(force?: boolean): Promise<void> {
    return this.#call?.toggleCamera(force) ?? DONE;
  }

  async setDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    if (kind === 'audiooutput') {
      this.sinkId = deviceId;
      this.#host.requestUpdate();
    } else await this.#call?.setDevice(kind, deviceId);
    emit(this.#host, 'vc-device-change', { kind, deviceId, lost: false });
  }

  startScreenShare(): Promise<void> {
    return this.#call?.startScreenShare() ?? DONE;
  }

  stopScreenShare(): void {
    this.#call?.stopScreenShare();
  }

  raiseHand(force?: boolean): void {
    this.#call?.raiseHand(force);
  }

  react(emoji: Reaction): void {
    this.#call?.react(emoji);
  }

  setRecording(recording: boolean): void {
    this.#call?.setRecording(recording);
  }

  /** Renames us now (before joining: the name to join with). */
  setName(name: string): void {
    this.#call?.setName(name);
  }

  sendMessage(text: string): void {
    this.#call?.sendMessage(text);
  }

  send(payload: unknown, options?: { to?: string }): void {
    this.#call?.send(payload, options);
  }

  setView(id: string, view: VideoView): void {
    this.#call?.setView(id, view);
  }

  /** Asks for the camera and microphone again; the notice about them goes. */
  retryMedia(): Promise<void> {
    this.dismissNotice();
    return this.#call?.retryMedia() ?? DONE;
  }

  getStats(): Record<string, ParticipantStats> {
    return this.#call?.getStats() ?? {};
  }

  testConnectivity(): Promise<ConnectivityReport> {
    return (
      this.#call?.testConnectivity() ?? Promise.resolve({ host: false, srflx: false, relay: false, candidates: 0 })
    );
  }

  /** Joining, and the relay has not answered yet: not a call that dropped, one that never started. */
  get unreachable(): boolean {
    return this.#outage.unreachable && this.state === 'joining';
  }

  /** Unreachable or reconnecting for a while already. */
  get stalled(): boolean {
    return this.#outage.stalled;
  }

  /** How the relay connection is doing, and what the last join presented, for the status overlay. */
  get reach(): RelayReach {
    const { password, token } = this.#host;
    return { unreachable: this.unreachable, stalled: this.stalled, password, token, endedByYou: this.endedByYou };
  }

  /** What the status overlay and the notice offer. */
  statusActions: StatusActions = {
    join: () => void this.join(),
    joinWithPassword: (password) => {
      this.#host.password = password;
      void this.join();
    },
    reconnectNow: () => this.#call?.reconnectNow(),
    retryMedia: () => void this.retryMedia(),
    dismissNotice: () => this.dismissNotice(),
  };

  /** Joins from the pre-join screen with the name given there (trimmed and valid, or empty: the others then show "Guest"). */
  joinAs(name: string): void {
    this.#host.name = name;
    this.setName(name);
    void this.join();
  }

  /**
   * After a full room's refusal, tries again in FULL_ROOM_RETRY_MS, camera closed until let in (null stops).
   * The refusal stays on show meanwhile, so each try does not flash the call.
   */
  #waitForRoom(call: Call | null, refusal: RtcError | null = null): void {
    clearTimeout(this.#roomTimer);
    this.#roomFull = refusal;
    if (!call) return;
    this.#roomTimer = setTimeout(() => {
      if (call === this.#call && call.state === 'error') void call.join({ mediaOnceJoined: true });
    }, FULL_ROOM_RETRY_MS);
  }

  hostConnected(): void {
    // The first connection brings the first update; a later one without a room asks for an update to pick one.
    if (!this.#host.room) this.#host.requestUpdate();
    window.addEventListener('pagehide', this.#onPageHide);
    // Moving the element in the page disconnects and reconnects it at once: that is not a reason to leave.
    if (this.#pendingLeave) this.#pendingLeave = false;
    else void this.start();
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.#pendingLeave = true;
    queueMicrotask(() => {
      if (!this.#pendingLeave) return;
      this.#pendingLeave = false;
      this.leave();
    });
  }

  /**
   * The host's options changed: a new room, relay, password or token joins again; a new name renames us;
   * `muted` and `cameraOff` turn the microphone and camera off or on. The rest applies to the next call.
   */
  hostUpdate(): void {
    const host = this.#host;
    // In the update, because a `room` property set before the element was defined only lands in the first
    // update; and before the call is made: one join, not a join and a rejoin.
    if (host.isConnected) pickRoom(host);
    const options = callOptions(this.#host, this.hostKeys);
    const call = this.#call;
    if (!host.isConnected || !options) return;
    if (!call || keyOf(options) !== this.#callKey) return void this.start();
    const { name, muted, cameraOff } = this.#options;
    this.#options = options;
    if (options.name && options.name !== name) call.setName(options.name);
    if (options.muted !== muted) void call.toggleMicrophone(!options.muted);
    if (options.cameraOff !== cameraOff) void call.toggleCamera(!options.cameraOff);
  }

  /** A new call with the host's current settings: a preview when the host has a pre-join screen, else a join. */
  async start(): Promise<void> {
    const call = this.#replaceCall();
    if (!call) return;
    await (this.#host.prejoin ? call.preview() : call.join());
  }

  /** Joins: from the pre-join screen (keeping its camera), or anew. */
  async join(): Promise<void> {
    const call = this.#call?.state === 'idle' ? this.#call : this.#replaceCall();
    this.#notice = null;
    await call?.join();
  }

  leave(): void {
    this.#call?.leave();
  }

  /**
   * Closing the tab drops the connection without a goodbye, which the relay would hold open for a resume:
   * leaving says goodbye, so the others see the tile go at once.
   */
  #onPageHide = (): void => this.leave();

  #replaceCall(): Call | null {
    const options = callOptions(this.#host, this.hostKeys);
    if (!options) return null;
    this.#call?.leave();
    this.#subscriptions.drain();
    this.#callKey = keyOf(options);
    this.#options = options;
    this.#notice = null;
    this.#outage.reset();
    this.#waitForRoom(null);
    const call = (this.#call = new Call({ ...options, effects: this.effects }));
    const host = this.#host;
    this.#subscriptions.add(
      call.on('state-change', (detail) => {
        this.#outage.watch(detail.state === 'reconnecting' || this.unreachable);
        if (detail.state === 'joined' || detail.state === 'left') this.#waitForRoom(null);
        host.requestUpdate();
        emit(host, 'vc-state-change', detail);
        if (detail.state === 'ended') emit(host, 'vc-room-ended', {});
      }),
      ...forwardEvents(call, host),
      call.on('change', () => host.requestUpdate()),
      call.on('error', (error) => {
        const { code, message, peerId } = error;
        // A fatal error has already put the call in the error state, and a lost relay in the reconnecting
        // state: those states show them. Other problems stay in a notice until dismissed.
        if ((inCall(call.state) || call.state === 'idle') && errorPolicy(code) !== 'outage') this.#notice = error;
        if (errorPolicy(code) === 'wait') this.#waitForRoom(call, error);
        if (code === 'relay-unreachable') {
          this.#outage.unreachable = true;
          this.#outage.watch(call.state === 'joining' || call.state === 'reconnecting');
        }
        host.requestUpdate();
        emit(host, 'vc-error', peerId ? { code, message, peerId } : { code, message });
      }),
    );
    return call;
  }
}

function keyOf({ server, room, password, token }: CallOptions): string {
  return JSON.stringify([server, room, password, token]);
}
