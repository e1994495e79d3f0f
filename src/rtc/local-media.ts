// The local camera, microphone and screen: opening them (falling back to whatever works), turning them on
// and off, switching devices, following unplugged ones, sharing the screen, and passing the camera and microphone
// through effects (a background, noise suppression) or music mode. It reports each track to send that changes,
// so the call can hand it to every peer with replaceTrack.
import { Emitter } from './emitter.ts';
import { RtcError } from './errors.ts';
import { getLocalMedia, mediaError, type MediaKind, type MediaWish } from './devices.ts';

/** The tracks we send: microphone, camera and screen, each possibly absent. */
export interface LocalTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
}

/**
 * Turns a raw camera or microphone track into the one sent and shown (a background, noise suppression): the
 * effect owns what it returns, never the raw track.
 */
export type TrackEffect = (raw: MediaStreamTrack) => Promise<{ track: MediaStreamTrack; stop(): void }>;

/** The effects of the camera (`video`) and microphone (`audio`), and music mode: shared by a call's media. */
export type TrackEffects = Partial<Record<MediaKind, TrackEffect | null>> & { music?: boolean };

export interface LocalMediaOptions {
  /** Start with the microphone muted. */
  muted?: boolean;
  /** Start with the camera off (it is not even opened). */
  cameraOff?: boolean;
  /** The effects the camera and microphone go through, and music mode: read as they are needed, set here too. */
  effects?: TrackEffects;
  devices?: MediaDevices;
}

export interface LocalMediaEvents {
  /** A track to send changed: hand it to every peer. */
  track: { kind: keyof LocalTracks; track: MediaStreamTrack | null };
  /** Something to show changed: on/off, devices, the stream. */
  change: void;
  /** The microphone or camera in use went away (the default one takes its place). */
  'device-lost': { kind: 'audioinput' | 'videoinput' };
  error: RtcError;
}

export class LocalMedia extends Emitter<LocalMediaEvents> {
  #devices: MediaDevices;
  /** The tracks as opened... */
  #tracks: LocalTracks = { audio: null, video: null, screen: null };
  /** ...and as sent: through their effect (the camera sends nothing while its effect starts). */
  #sent: LocalTracks = { audio: null, video: null, screen: null };
  #effects: TrackEffects;
  /** The effects running, by kind. */
  #processed: Partial<Record<keyof LocalTracks, { stop(): void }>> = {};
  #microphoneOn: boolean;
  #cameraOn: boolean;
  #chosen: Partial<Record<MediaKind, string>> = {};
  #stream = new MediaStream();
  #stopped = false;

  constructor({
    muted = false,
    cameraOff = false,
    effects = {},
    devices = navigator.mediaDevices,
  }: LocalMediaOptions = {}) {
    super();
    this.#devices = devices;
    this.#effects = effects;
    this.#microphoneOn = !muted;
    this.#cameraOn = !cameraOff;
    devices.addEventListener?.('devicechange', this.#onDeviceChange);
  }

  /** The tracks to send right now (a muted microphone is sent disabled: silence), effects applied. */
  get tracks(): LocalTracks {
    return { ...this.#sent };
  }

  /** Microphone and camera together, for the self-view; a new MediaStream whenever a track changes. */
  get stream(): MediaStream {
    return this.#stream;
  }

  get screen(): MediaStream | null {
    return this.#tracks.screen ? new MediaStream([this.#tracks.screen]) : null;
  }

  /** Sound is going out: a microphone is open and not muted. */
  get microphoneOn(): boolean {
    return this.#microphoneOn && this.#tracks.audio !== null;
  }

  /** Video is going out: a camera is open. */
  get cameraOn(): boolean {
    return this.#cameraOn && this.#tracks.video !== null;
  }

  get screenOn(): boolean {
    return this.#tracks.screen !== null;
  }

  /** The devices in use, by kind (audioinput, videoinput), for the settings panel. */
  get deviceIds(): Partial<Record<'audioinput' | 'videoinput', string>> {
    const id = (track: MediaStreamTrack | null) => track?.getSettings().deviceId;
    return { audioinput: id(this.#tracks.audio), videoinput: id(this.#tracks.video) };
  }

  /**
   * Opens the microphone (and the camera unless it starts off). Problems do not throw: they are reported as
   * `error` events (permission-denied, device-in-use, no-devices) and the call goes on without.
   */
  async start(): Promise<void> {
    await this.#open({ audio: true, ...(this.#cameraOn && { video: true }) });
  }

  /** Asks again for what is missing, after the person has fixed permissions or plugged in a device. */
  async retry(): Promise<void> {
    const wish: MediaWish = {};
    if (!this.#tracks.audio) wish.audio = this.#chosen.audio ?? true;
    if (!this.#tracks.video && this.#cameraOn) wish.video = this.#chosen.video ?? true;
    if (wish.audio || wish.video) await this.#open(wish);
  }

  async toggleMicrophone(force?: boolean): Promise<void> {
    this.#microphoneOn = force ?? !this.#microphoneOn;
    if (this.#microphoneOn && !this.#tracks.audio) await this.#open({ audio: this.#chosen.audio ?? true });
    this.#mute();
    this.emit('change', undefined);
  }

  /** Off stops the camera (its light goes out); on opens it again. */
  async toggleCamera(force?: boolean): Promise<void> {
    this.#cameraOn = force ?? !this.#cameraOn;
    if (!this.#cameraOn) this.#replace('video', null);
    else if (!this.#tracks.video) await this.#open({ video: this.#chosen.video ?? true });
    this.emit('change', undefined);
  }

  /** Switches to another microphone or camera. */
  async setDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const mediaKind: MediaKind = kind === 'audioinput' ? 'audio' : 'video';
    this.#chosen[mediaKind] = deviceId;
    if (mediaKind === 'video' && !this.#cameraOn) return this.emit('change', undefined);
    await this.#open({ [mediaKind]: deviceId });
  }

  /**
   * Sends the camera or microphone through `effect` from now on (null: as it is). The camera sends nothing while
   * its effect starts (not the room it hides); the microphone is heard as it is meanwhile. Rejects with the
   * effect's error, and then sends the track as it is.
   */
  setEffect(kind: MediaKind, effect: TrackEffect | null): Promise<void> {
    this.#effects[kind] = effect;
    return this.#apply(kind);
  }

  /** Music mode: the microphone opens again without echo cancellation, noise suppression and gain control. */
  async setMusic(music: boolean): Promise<void> {
    this.#effects.music = music;
    if (this.#tracks.audio) await this.#open({ audio: this.#chosen.audio ?? true });
  }

  async startScreenShare(): Promise<void> {
    if (this.#tracks.screen) return;
    let stream: MediaStream;
    try {
      stream = await this.#devices.getDisplayMedia({ video: true, audio: false });
    } catch (error) {
      // What went wrong is worked out by code of its own, fetched then: most calls never need it.
      const { screenShareError } = await import('./screen-share-error.ts');
      const problem = screenShareError(error);
      return problem ? this.emit('error', problem) : undefined;
    }
    const [track] = stream.getVideoTracks();
    if (!track || this.#stopped) return track?.stop();
    // The browser's own "Stop sharing" button ends the track.
    track.addEventListener('ended', () => this.stopScreenShare(), { once: true });
    this.#replace('screen', track);
  }

  stopScreenShare(): void {
    if (this.#tracks.screen) this.#replace('screen', null);
  }

  stop(): void {
    this.#stopped = true;
    this.#devices.removeEventListener?.('devicechange', this.#onDeviceChange);
    for (const track of Object.values(this.#tracks)) track?.stop();
    for (const effect of Object.values(this.#processed)) effect.stop();
    this.#tracks = { audio: null, video: null, screen: null };
    this.removeAllListeners();
  }

  async #open(wish: MediaWish): Promise<void> {
    let media;
    try {
      media = await getLocalMedia(wish, this.#devices, this.#effects.music);
    } catch (error) {
      this.emit('error', error instanceof RtcError ? error : mediaError(error));
      return this.emit('change', undefined);
    }
    if (this.#stopped) return media.stream.getTracks().forEach((track) => track.stop());
    for (const track of media.stream.getTracks()) this.#replace(track.kind as MediaKind, track);
    if (media.missing.length) this.emit('error', missingDevices(media.missing));
    this.emit('change', undefined);
  }

  #replace(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    const old = this.#tracks[kind];
    if (old === track) return;
    old?.stop();
    if (track && kind !== 'screen') track.addEventListener('ended', () => this.#lost(kind, track), { once: true });
    this.#tracks[kind] = track;
    this.#apply(kind).catch((error: RtcError) => this.emit('error', error));
  }

  /**
   * Sends a kind's track through its effect, if any, once that is ready; an effect that fails (with an RtcError)
   * is dropped, and the track sent as it is.
   */
  async #apply(kind: keyof LocalTracks): Promise<void> {
    const raw = this.#tracks[kind];
    const effect = kind !== 'screen' && this.#effects[kind];
    this.#processed[kind]?.stop();
    delete this.#processed[kind];
    // Not the room a background hides, meanwhile.
    this.#send(kind, effect && kind === 'video' ? null : raw);
    if (!raw || !effect) return;
    const processed = await effect(raw).catch((error: unknown) => {
      if (this.#effects[kind] === effect) {
        this.#effects[kind] = null;
        this.#send(kind, raw);
      }
      throw error;
    });
    // The track, the effect or the whole media changed meanwhile: this one is late.
    if (this.#tracks[kind] !== raw || this.#effects[kind] !== effect || this.#stopped) return processed.stop();
    this.#send(kind, (this.#processed[kind] = processed).track);
  }

  /** Sends `track` for a kind, and shows it in the self-view's stream. */
  #send(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#sent[kind] = track;
    this.#mute();
    this.#stream = new MediaStream([this.#sent.audio, this.#sent.video].filter((t) => t !== null));
    this.emit('track', { kind, track });
    this.emit('change', undefined);
  }

  /** A muted microphone is sent disabled (silence): what it feeds an effect, and what the effect gives. */
  #mute(): void {
    for (const track of [this.#tracks.audio, this.#sent.audio]) if (track) track.enabled = this.#microphoneOn;
  }

  /** A device was unplugged (its track ended by itself): fall back to the default one. */
  #lost(kind: MediaKind, track: MediaStreamTrack): void {
    if (this.#stopped || this.#tracks[kind] !== track) return;
    delete this.#chosen[kind];
    this.#replace(kind, null);
    this.emit('device-lost', { kind: kind === 'audio' ? 'audioinput' : 'videoinput' });
    void this.#open({ [kind]: true });
  }

  #onDeviceChange = (): void => {
    // Devices came or went: the settings panel lists them again; a lost device also ends its track.
    this.emit('change', undefined);
  };
}

function missingDevices(missing: MediaKind[]): RtcError {
  const message =
    missing.length === 2
      ? 'No camera or microphone was found: you joined listen-only.'
      : missing[0] === 'video'
        ? 'No camera was found: you are sending audio only.'
        : 'No microphone was found: you are sending video only.';
  return new RtcError('no-devices', message);
}
