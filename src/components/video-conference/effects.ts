// Media effects, recording and reactions for one <video-conference> (the chunk its EffectsController fetches on
// first use): the element's background, noise suppression and music mode put on the camera and microphone through
// the call (each effect's own code and files load only once turned on), the recording (recording-session.ts), and
// what reactions and recordings show (reactions-view.ts, recording-view.ts).
import { adoptStyles, html, type CSSResult } from 'lit';
import {
  REACTIONS,
  REACTIONS_BURST,
  REACTIONS_PER_SECOND,
  RtcError,
  tokenBucket,
  type Participant,
  type Reaction,
  type TrackEffect,
} from '../../rtc/index.ts';
import type { BackgroundEffect } from '../../effects/background/background-effect.ts';
import { backgroundSupported } from '../../effects/background/supported.ts';
import { noiseSuppressionSupported } from '../../effects/noise/supported.ts';
import type { Announcer } from '../controllers/announcer.ts';
import type { CallController } from '../controllers/call-controller.ts';
import { relayOf } from '../controllers/call-options.ts';
import { emit } from '../events.ts';
import { withDetails, type AllStrings } from '../i18n/en-details.ts';
import { format, type Strings } from '../i18n/strings.ts';
import type { EffectsHost } from './effects-host.ts';
import { effectsStyles } from './effects.styles.ts';
import { ReactionsView } from './reactions-view.ts';
import { RecordingSession } from './recording-session.ts';
import { renderRecording } from './recording-view.ts';

/** How often the call's encoders, and the background effect, are asked whether the CPU holds them back. */
const CPU_CHECK_MS = 2000;
/** The effect is short of CPU when it gives less than this share of the camera's frames, twice in a row. */
const SLOW_SHARE = 0.6;

export class Effects {
  readonly #host: EffectsHost;
  readonly #call: CallController;
  readonly #strings: () => Strings;
  readonly #announcer: Announcer;
  readonly #reactions: ReactionsView;
  readonly #recording: RecordingSession;
  /** What the camera and microphone send now. */
  readonly #sent = { background: 'none', noiseSuppression: false, musicMode: false };
  /** Changes are applied one after the other, the camera's apart from the microphone's. */
  #video: Promise<void> = Promise.resolve();
  #audio: Promise<void> = Promise.resolve();
  /** The background the camera's effect starts with (its latest, never `none`). */
  #look = 'blur';
  /** The background effect on the camera now, and the timer checking the CPU for it. */
  #background: BackgroundEffect | null = null;
  #cpuTimer: ReturnType<typeof setInterval> | undefined;
  /** The others recording, by id, with their names: as last rendered. */
  #recorders = new Map<string, string>();
  /** Our reactions' rate: the others' widgets drop what goes over it. */
  #reactionRate = tokenBucket(REACTIONS_PER_SECOND, REACTIONS_BURST);

  constructor(host: EffectsHost, call: CallController, announcer: Announcer, strings: () => Strings) {
    this.#host = host;
    this.#call = call;
    this.#strings = strings;
    this.#announcer = announcer;
    this.#reactions = new ReactionsView(host, announcer);
    this.#recording = new RecordingSession(host, call);
    const root = host.renderRoot as ShadowRoot;
    adoptStyles(root, [...root.adoptedStyleSheets, effectsStyles as CSSResult]);
  }

  get menuOpen(): boolean {
    return this.#reactions.menuOpen;
  }

  toggleMenu(): void {
    this.#reactions.toggleMenu();
  }

  /** Throws `invalid-request` for another emoji, `rate-limited` past a few a second, `not-joined` outside a call. */
  react(emoji: Reaction): void {
    if (!REACTIONS.includes(emoji)) throw new RtcError('invalid-request', `Reactions are ${REACTIONS.join(' ')}.`);
    if (this.#host.state !== 'joined') throw new RtcError('not-joined', 'Not in a call.');
    if (!this.#reactionRate()) throw new RtcError('rate-limited', 'Too many reactions: slow down.');
    this.#call.react(emoji);
  }

  /** A reaction to show over its sender's tile. */
  show(reaction: { id: string; emoji: string; local: boolean }): void {
    this.#reactions.show(reaction, this.#host.participants, this.#t);
  }

  startRecording(): Promise<void> {
    return this.#recording.start();
  }

  stopRecording(): Promise<Blob | null> {
    return this.#recording.stop();
  }

  /** Applies the element's background, noise suppression and music mode; rejects with the first refusal. */
  apply(): Promise<void> {
    const video = (this.#video = this.#video.catch(() => undefined).then(() => this.#applyBackground()));
    const audio = (this.#audio = this.#audio.catch(() => undefined).then(() => this.#applyAudio()));
    return Promise.all([video, audio]).then(() => undefined);
  }

  render(participants: Participant[], t: Strings): unknown {
    const full = withDetails(t);
    this.#sayWhoRecords(participants, full);
    return html`${renderRecording(participants, this.#recording, full)}${this.#reactions.render(full)}`;
  }

  /** Who else started or stopped recording since the last render, said and shown (consent matters). */
  #sayWhoRecords(participants: Participant[], t: AllStrings): void {
    const now = new Map(participants.filter((p) => p.recording && !p.local).map((p) => [p.id, p.name || t.guest]));
    const said: string[] = [];
    for (const [id, name] of now) if (!this.#recorders.has(id)) said.push(format(t.announceRecording, { name }));
    for (const [id, name] of this.#recorders) {
      if (!now.has(id)) said.push(format(t.announceRecordingStopped, { name }));
    }
    this.#recorders = now;
    // After this render: saying it renders again.
    if (said.length) queueMicrotask(() => this.#announcer.say(said.join(' '), true));
  }

  get #t(): Strings {
    return withDetails(this.#strings());
  }

  async #applyBackground(): Promise<void> {
    const wanted = this.#host.background || 'none';
    const sent = this.#sent;
    if (wanted === sent.background) return;
    try {
      if (wanted === 'none') {
        await this.#setEffect('video', null);
        this.#useBackground(null);
      } else if (sent.background === 'none') {
        this.#look = wanted;
        await this.#setEffect('video', await this.#backgroundEffect());
      } else {
        // The effect in place changes its background (a camera turned off meanwhile starts with it when on).
        await this.#background?.setBackground(wanted);
        this.#look = wanted;
      }
    } catch (error) {
      throw this.#refused(error, () => (this.#host.background = sent.background));
    }
    sent.background = wanted;
    emit(this.#host, 'vc-background-change', { background: wanted });
  }

  async #backgroundEffect(): Promise<TrackEffect> {
    // Asked before the effect's code (MediaPipe's runtime, 50 KB) is fetched.
    if (!backgroundSupported()) throw new RtcError('effect-unsupported', 'This browser cannot change the background.');
    const module = await import('../../effects/background/background-effect.ts');
    const assets = new URL('effects/background/', relayOf(this.#host));
    return async (raw) => {
      const effect = await module.startBackgroundEffect(raw, this.#look, assets).catch(rethrow);
      this.#useBackground(effect, raw.getSettings().frameRate || 30);
      return effect;
    };
  }

  /** The background effect now on the camera: while there is one, the CPU is watched for it. */
  #useBackground(effect: BackgroundEffect | null, cameraRate = 30): void {
    this.#background = effect;
    clearInterval(this.#cpuTimer);
    if (!effect) return;
    // An encoder held back by the CPU gets it back from the segmentation, which then runs less often. Without a
    // GPU the effect itself is what the CPU cannot keep up with (bench:join: no encoder says `cpu` there): once it
    // gives too few of the camera's frames, it stays constrained.
    let slowChecks = 0;
    let starved = false;
    this.#cpuTimer = setInterval(() => {
      if (effect.track.readyState === 'ended') return clearInterval(this.#cpuTimer);
      const { fps } = effect.stats;
      slowChecks = fps > 0 && fps < SLOW_SHARE * cameraRate ? slowChecks + 1 : 0;
      starved ||= slowChecks >= 2;
      const encoderLimited = Object.values(this.#call.getStats()).some((peer) => peer.limitation === 'cpu');
      effect.setConstrained(starved || encoderLimited);
    }, CPU_CHECK_MS);
  }

  async #applyAudio(): Promise<void> {
    const { noiseSuppression, musicMode } = this.#host;
    const sent = this.#sent;
    if (noiseSuppression === sent.noiseSuppression && musicMode === sent.musicMode) return;
    // Music mode turns the suppression off too: it would take an instrument for noise.
    const suppress = noiseSuppression && !musicMode;
    try {
      if (musicMode !== sent.musicMode) {
        this.#call.effects.music = musicMode;
        await this.#call.media?.setMusic(musicMode);
      }
      if (suppress !== (sent.noiseSuppression && !sent.musicMode)) {
        await this.#setEffect('audio', suppress ? await this.#noiseEffect() : null);
      }
    } catch (error) {
      throw this.#refused(error, () => {
        this.#host.noiseSuppression = sent.noiseSuppression;
        this.#host.musicMode = sent.musicMode;
      });
    }
    Object.assign(sent, { noiseSuppression, musicMode });
    emit(this.#host, 'vc-audio-mode-change', { noiseSuppression, musicMode });
  }

  async #noiseEffect(): Promise<TrackEffect> {
    if (!noiseSuppressionSupported()) throw new RtcError('effect-unsupported', 'This browser cannot suppress noise.');
    const module = await import('../../effects/noise/noise-suppression.ts');
    const assets = new URL('effects/noise/', relayOf(this.#host));
    return (raw) => module.startNoiseSuppression(raw, assets).catch(rethrow);
  }

  /** Puts an effect on the camera or microphone, for this call's media and the next calls'. */
  async #setEffect(kind: 'audio' | 'video', effect: TrackEffect | null): Promise<void> {
    this.#call.effects[kind] = effect;
    await this.#call.media?.setEffect(kind, effect);
  }

  /** An effect refused: the element's setting goes back to what is sent, and the page and the person are told. */
  #refused(error: unknown, revert: () => void): RtcError {
    const problem =
      error instanceof RtcError
        ? error
        : new RtcError('effect-failed', 'The effect could not start.', { cause: error });
    revert();
    this.#call.showNotice(problem);
    emit(this.#host, 'vc-error', { code: problem.code, message: problem.message });
    return problem;
  }
}

/** What went wrong with an effect, as the widget reports it: its own error, or `effect-failed`. */
function effectError(error: unknown): RtcError {
  return error instanceof RtcError
    ? error
    : new RtcError('effect-failed', 'The effect could not start.', { cause: error });
}

/** For effects the media starts on their own (a new camera): they fail with an RtcError, as LocalMedia reports. */
function rethrow(error: unknown): never {
  throw effectError(error);
}
