// One participant's call: local media, our name and the relay connection behind a small state machine; who
// else is here, and the connections to them, are the roster's; roles, the lobby and host actions are
// moderation.ts's. The rtc layer's public face: an element drives it.
import type { DismissCode, HostRequest, KnockMessage, Role, RoomMode } from '../protocol.ts';
import type { CallEvents, CallOptions, CallState, ChatEntry, Participant, ParticipantStats } from './call-types.ts';
import { QualityProxy } from './quality-proxy.ts';
import { ChatHistory, checkDataSize, composeChat } from './chat.ts';
import { Emitter } from './emitter.ts';
import { errorPolicy, RtcError } from './errors.ts';
import { LocalMedia } from './local-media.ts';
import { Moderation } from './moderation.ts';
import { environmentProblem } from './devices.ts';
import type { ConnectivityReport } from './connectivity.ts';
import type { PeerState, Reaction, VideoView } from './packets.ts';
import { OwnName } from './own-name.ts';
import { describeLocal, localState } from './participants.ts';
import { Roster } from './roster.ts';
import { SignalingClient } from './signaling.ts';

export type { CallEvents, CallOptions, CallState, ChatEntry, Participant, ParticipantStats } from './call-types.ts';

/** In a call, or on the way in: joining, waiting in the lobby, joined, or reconnecting to the relay. */
export const inCall = (state: CallState): boolean =>
  state === 'joining' || state === 'waiting' || state === 'joined' || state === 'reconnecting';

export class Call extends Emitter<CallEvents> {
  #options: CallOptions;
  #state: CallState = 'idle';
  #error: RtcError | null = null;
  #media: LocalMedia | null = null;
  #name: OwnName;
  #hand = false;
  #recording = false;
  #signaling: SignalingClient | null = null;
  #roster: Roster;
  #chat = new ChatHistory();
  #iceServers: RTCIceServer[] = [];
  #quality: QualityProxy;
  #moderation: Moderation;

  constructor(options: CallOptions) {
    super();
    this.#options = options;
    this.#moderation = new Moderation(options.hostKey);
    this.forward(this.#moderation, ['knock', 'knock-ended', 'host-action', 'change']);
    this.#moderation.on('host-action', (action) => {
      const self = this.#roster.localId;
      // A request to mute: honoured here, which a modified client need not do (removal is what the relay enforces).
      if (action.action === 'mute' && (action.id ? action.id === self : action.by !== self))
        void this.toggleMicrophone(false);
    });
    this.#name = new OwnName(options.name);
    this.#quality = new QualityProxy(options, () => this.#media);
    this.forward(this.#quality, ['quality', 'active-speaker', 'change']);
    const roster = (this.#roster = new Roster({
      quality: this.#quality,
      localState: () => this.#localState(),
      localTracks: () => this.#media?.tracks ?? { audio: null, video: null, screen: null },
      createPeerConnection: options.createPeerConnection,
    }));
    this.forward(roster, ['peer-joined', 'peer-left', 'participant-change', 'data', 'reaction', 'change', 'error']);
    roster.on('chat', (entry) => this.#addMessage(entry));
    roster.on('mode', (mode) => this.emit('mode-change', { mode }));
  }

  get state(): CallState {
    return this.#state;
  }

  /** The error that put the call in the `error` state. */
  get error(): RtcError | null {
    return this.#error;
  }

  get localStream(): MediaStream | null {
    return this.#media?.stream ?? null;
  }

  get media(): LocalMedia | null {
    return this.#media;
  }

  get messages(): readonly ChatEntry[] {
    return this.#chat.entries;
  }

  get activeSpeaker(): string | null {
    return this.#quality.activeSpeaker;
  }

  /** How the room's media travel: peer to peer, or through the relay's SFU. */
  get mode(): RoomMode {
    return this.#roster.mode;
  }

  /** Our role in the room: `host` or `guest`. */
  get role(): Role {
    return this.#moderation.role;
  }

  /** The key that makes whoever joins with it a host: '' unless we hold one. */
  get hostKey(): string {
    return this.#moderation.hostKey;
  }

  /** Nobody new may join or knock. */
  get locked(): boolean {
    return this.#moderation.locked;
  }

  /** Guests knock and wait for a host to let them in. */
  get lobby(): boolean {
    return this.#moderation.lobby;
  }

  /** While waiting in the lobby: whether a host is in the room to let us in. */
  get hostPresent(): boolean {
    return this.#moderation.hostPresent;
  }

  /** For hosts: the people waiting in the lobby, oldest first. */
  get knocks(): KnockMessage[] {
    return this.#moderation.knocks;
  }

  get participants(): Participant[] {
    const self = this.#self();
    return self ? [self, ...this.#roster.participants] : [];
  }

  /** Opens the camera and microphone before joining, for a pre-join screen's preview. */
  async preview(): Promise<void> {
    if (this.#media || inCall(this.#state)) return;
    const problem = environmentProblem(this.#options.mediaDevices);
    if (problem) return this.#fail(problem);
    await this.#startMedia();
  }

  /**
   * Connects to the relay and joins the room (opening the camera first unless a preview did). With
   * `mediaOnceJoined`, the camera and microphone open only once the relay let us in: for a retry that may
   * well be refused again (a full room), which should not flash the camera light.
   */
  async join({ mediaOnceJoined = false } = {}): Promise<void> {
    if (inCall(this.#state)) return;
    const keepMedia = this.#state === 'idle' && this.#media !== null;
    this.#teardown(keepMedia);
    this.#error = null;
    this.#setState('joining');

    const problem = environmentProblem(this.#options.mediaDevices);
    if (problem) return this.#fail(problem);

    const { server, room, password, token, hostKey, connect } = this.#options;
    const signaling = (this.#signaling = new SignalingClient({
      server,
      join: { room, name: this.#name.request, password, token, hostKey },
      connect,
    }));
    this.#listen(signaling);
    // The slow steps overlap: the relay connection and the join go ahead while the camera starts; peers get
    // transceivers at once and the tracks by replaceTrack when they are ready, with no renegotiation.
    signaling.open();
    signaling.join();
    if (!keepMedia && !mediaOnceJoined) await this.#startMedia();
  }

  /** While the relay cannot be reached (joining, or reconnecting), tries again now. */
  reconnectNow(): void {
    this.#signaling?.reconnectNow();
  }

  /** Leaves the room and releases the camera, the microphone and every connection. */
  leave(): void {
    if (this.#state === 'left' || (this.#state === 'idle' && !this.#media)) return;
    this.#teardown(false);
    this.#setState('left');
    this.emit('left', undefined);
  }

  async toggleMicrophone(force?: boolean): Promise<void> {
    await this.#media?.toggleMicrophone(force);
  }

  async toggleCamera(force?: boolean): Promise<void> {
    await this.#media?.toggleCamera(force);
  }

  async setDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    await this.#media?.setDevice(kind, deviceId);
  }

  async startScreenShare(): Promise<void> {
    await this.#media?.startScreenShare();
  }

  stopScreenShare(): void {
    this.#media?.stopScreenShare();
  }

  /** Asks for the camera and microphone again, after a denial or with a device plugged in. */
  async retryMedia(): Promise<void> {
    await this.#media?.retry();
  }

  raiseHand(force?: boolean): void {
    this.#hand = force ?? !this.#hand;
    this.#announce();
  }

  /**
   * Changes the name others see, through the relay once joined. A name from a join token stays: the relay
   * refuses, and an `unauthorized` error says so.
   */
  setName(name: string): void {
    this.#name.wanted = name;
    this.#announce();
    void this.#rename();
  }

  /** Sends a chat message to everyone in the call. Plain text; longer ones are cut at 2,000 characters. */
  sendMessage(text: string): void {
    const message = composeChat(text);
    const from = this.#roster.localId;
    if (!message || !from) return;
    this.#roster.send({ type: 'chat', ...message });
    this.#addMessage({ ...message, from, name: this.#name.shown, local: true });
  }

  /**
   * Tells a participant how large we show their camera (device pixels), or that we do not show it at all,
   * so they send no more than that. Only changes that matter go out.
   */
  setView(id: string, view: VideoView): void {
    this.#roster.setView(id, view);
  }

  /** Live figures for each remote participant: quality, round-trip time, loss, video, path, safety code. */
  getStats(): Record<string, ParticipantStats> {
    return this.#roster.stats;
  }

  /** Which kinds of ICE candidates this network yields with the relay's STUN/TURN servers (known once joined). */
  async testConnectivity(): Promise<ConnectivityReport> {
    const { testConnectivity } = await import('./connectivity.ts');
    return testConnectivity(this.#iceServers, { createPeerConnection: this.#options.createPeerConnection });
  }

  /**
   * A host action (admit, deny, remove, mute, lock, lobby, end), which the relay checks: rejects with an RtcError
   * whose code says why (`forbidden` for a guest, `unknown-peer`, `not-joined`).
   */
  async host(request: HostRequest): Promise<void> {
    try {
      await this.#moderation.request(this.#signaling, this.#state === 'joined', request);
    } catch (error) {
      // Ending the call for everyone ends ours too, maybe before the answer.
      if (!(request.action === 'end' && this.#state === 'ended')) throw error;
    }
  }

  /** Sends a reaction to everyone, once joined (the caller keeps to REACTIONS and their rate: the others check). */
  react(emoji: Reaction): void {
    this.#roster.send({ type: 'reaction', emoji });
    this.emit('reaction', { id: this.#roster.localId!, emoji, local: true });
  }

  /** Tells everyone whether we record the call (they see it while we do). */
  setRecording(recording: boolean): void {
    this.#recording = recording;
    this.#announce();
  }

  /** Sends the host page's own data (anything JSON can carry, up to 16 KB) to everyone, or to one participant. */
  send(payload: unknown, { to }: { to?: string } = {}): void {
    checkDataSize(payload);
    this.#roster.send({ type: 'data', payload }, to);
  }

  async #startMedia(): Promise<void> {
    const { muted, cameraOff, mediaDevices } = this.#options;
    // Stopping the media drops these listeners.
    const media = (this.#media = new LocalMedia({
      muted,
      cameraOff,
      effects: this.#options.effects,
      devices: mediaDevices,
    }));
    media.on('track', ({ kind, track }) => this.#roster.setTrack(kind, track));
    media.on('change', () => this.#announce());
    this.forward(media, ['device-lost', 'error']);
    await media.start();
  }

  /** Follows the relay connection (closing it drops these listeners, and the roster's). */
  #listen(signaling: SignalingClient): void {
    this.#roster.follow(signaling);
    this.#moderation.follow(signaling);
    signaling.on('waiting', () => this.#setState('waiting'));
    signaling.on('dismissed', ({ code, message }) => this.#dismissed(code, message));
    // After the roster's own: the room's members are known when the call reports it joined.
    signaling.on('joined', (ack) => {
      this.#name.joined(ack);
      this.#iceServers = ack.iceServers;
      if (!this.#media) void this.#startMedia();
      this.#setState('joined');
      this.emit('joined', { id: ack.id, room: this.#options.room });
      this.emit('change', undefined);
      // A name asked for while the connection was down (or a join token's, which stays).
      if (!this.#name.verified) void this.#rename();
    });
    signaling.on('ice-servers', (iceServers) => {
      // Fresh TURN credentials, for the connections in place, those to come, and connectivity tests.
      this.#iceServers = iceServers;
      this.#roster.topology?.setIceServers(iceServers);
    });
    signaling.on('disconnected', () => {
      if (this.#state === 'joined') this.#setState('reconnecting');
    });
    signaling.on('refused', (error) => this.#fail(error));
    signaling.on('error', (error) => {
      if (errorPolicy(error.code) !== 'ignore') this.emit('error', error);
    });
  }

  /** Asks the relay for the name we want; a refusal puts the relay's back, here too, and says why. */
  async #rename(): Promise<void> {
    const signaling = this.#signaling;
    const refusal = signaling && (await this.#name.sync(signaling));
    if (!refusal || signaling !== this.#signaling) return;
    this.#announce();
    this.emit('error', new RtcError(refusal.code, refusal.message));
  }

  #addMessage(entry: ChatEntry): void {
    if (!this.#chat.add(entry)) return; // a message can arrive twice
    this.emit('message', entry);
    this.emit('change', undefined);
  }

  /** Tells every peer our state, and the page that it changed. */
  #announce(): void {
    const state = this.#localState();
    this.#roster.send({ type: 'state', ...state });
    const self = this.#self();
    if (self) this.emit('participant-change', { id: self.id, local: true, verified: self.verified, ...state });
    this.emit('change', undefined);
  }

  #localState(): PeerState {
    return localState(this.#name.shown, this.#media, this.#hand, this.#recording);
  }

  #self(): Participant | null {
    if (!inCall(this.#state) && !this.#media) return null;
    const id = this.#roster.localId ?? 'local';
    const { role } = this.#moderation;
    return describeLocal(id, this.#localState(), this.#media, this.#quality.isSpeaking(id), this.#name.verified, role);
  }

  /**
   * The relay ended our place in the room or its lobby: removed, denied, the call ended for everyone (a state
   * each, not an error the person caused), or the lobby timed out, was locked or the room is full (an error).
   * Nothing is retried (but a full room, as ever).
   */
  #dismissed(code: DismissCode, message: string): void {
    if (code !== 'removed' && code !== 'denied' && code !== 'ended') return this.#fail(new RtcError(code, message));
    this.#teardown(false);
    this.#error = code === 'ended' ? null : new RtcError(code, message);
    this.#setState(code);
    if (this.#error) this.emit('error', this.#error);
  }

  #fail(error: RtcError): void {
    this.#teardown(false);
    this.#error = error;
    this.#setState('error');
    this.emit('error', error);
  }

  /** Drops the relay connection and the peers; the camera too unless `keepMedia` (a preview about to join). */
  #teardown(keepMedia: boolean): void {
    this.#quality.stop();
    this.#signaling?.close();
    this.#signaling = null;
    this.#roster.close();
    this.#moderation.reset();
    this.#name.joined();
    this.#chat.clear();
    this.#hand = this.#recording = false;
    if (keepMedia) return;
    this.#media?.stop();
    this.#media = null;
  }

  #setState(state: CallState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.emit('state-change', { state, previous });
  }
}
