// Recording the call on this device (startRecording()): the tiles as shown and everyone's sound, through the
// recorder's chunk (src/effects/recording/), once the person started it. Everyone is told through our state's
// `recording`; the recording stops when the call does, and its WebM goes to the page (vc-recording-stopped) and,
// unless the page keeps it, to the person as a download.
import { inCall, RtcError } from '../../rtc/index.ts';
import type { CallRecorder, RecordingSource } from '../../effects/recording/call-recorder.ts';
import type { CallController } from '../controllers/call-controller.ts';
import { emit } from '../events.ts';
import type { VideoPlayer } from '../video-player/video-player.ts';
import type { EffectsHost } from './effects-host.ts';
import { gridLayout } from './grid-layout.ts';

export class RecordingSession {
  readonly #host: EffectsHost;
  readonly #call: CallController;
  #recorder: CallRecorder | null = null;
  #starting: Promise<void> | null = null;
  #startedAt = 0;
  /** Renders the time recorded, every second. */
  #clock: ReturnType<typeof setInterval> | undefined;

  constructor(host: EffectsHost, call: CallController) {
    this.#host = host;
    this.#call = call;
    host.addEventListener('vc-state-change', ({ detail }) => {
      if (!inCall(detail.state)) void this.stop();
    });
    // Someone's sound joins or leaves the mix.
    for (const type of ['vc-peer-joined', 'vc-peer-left', 'vc-participant-change'] as const) {
      host.addEventListener(type, () => this.#recorder?.refresh());
    }
    // After the stage's own handler, which tells the sender what it shows.
    host.renderRoot.addEventListener('video-player-view', this.#keepShown as EventListener);
  }

  /**
   * While recording, every camera tile counts as shown, as the recording shows it: a hidden page or a tile
   * scrolled away would otherwise pause its sender, and the recording would freeze.
   */
  #keepShown = ({ detail }: HTMLElementEventMap['video-player-view']): void => {
    const { peerId, width, height, visible } = detail;
    if (this.#recorder && !visible && peerId !== 'local' && !peerId.endsWith(':screen')) {
      // A tile with no size (display: none) is recorded at the size the senders assume before any view.
      const sized = width > 0 && height > 0;
      this.#call.setView(peerId, { width: sized ? width : 640, height: sized ? height : 360, visible: true });
    }
  };

  /** Has every tile say again how it is shown: as shown while recording (above), as it really is once stopped. */
  #reportViews(): void {
    for (const tile of this.#host.renderRoot.querySelectorAll<VideoPlayer>('video-player')) tile.reportView();
  }

  /** How long we have recorded, in milliseconds; null when not recording. */
  get elapsedMs(): number | null {
    return this.#recorder ? performance.now() - this.#startedAt : null;
  }

  start(): Promise<void> {
    this.#starting ??= this.#start().finally(() => (this.#starting = null));
    return this.#starting;
  }

  async stop(): Promise<Blob | null> {
    const recorder = this.#recorder;
    if (!recorder) return null;
    this.#recorder = null;
    this.#reportViews();
    clearInterval(this.#clock);
    const durationMs = performance.now() - this.#startedAt;
    this.#call.setRecording(false);
    this.#host.requestUpdate();
    const blob = await recorder.stop();
    if (emit(this.#host, 'vc-recording-stopped', { blob, durationMs })) download(blob);
    return blob;
  }

  async #start(): Promise<void> {
    if (this.#recorder) return;
    const notJoined = () => new RtcError('not-joined', 'Not in a call.');
    if (this.#host.state !== 'joined') throw notJoined();
    const { recordingSupported, startCallRecording } = await import('../../effects/recording/call-recorder.ts');
    if (!recordingSupported()) throw new RtcError('recording-unsupported', 'This browser cannot record the call.');
    const recorder = await startCallRecording(this.#source(), (error) => {
      this.#call.showNotice(error);
      emit(this.#host, 'vc-error', { code: error.code, message: error.message });
      if (this.#recorder === recorder) void this.stop();
    });
    // The call ended while the recorder started.
    if (this.#host.state !== 'joined') {
      void recorder.stop();
      throw notJoined();
    }
    this.#recorder = recorder;
    this.#reportViews();
    this.#startedAt = performance.now();
    this.#clock = setInterval(() => this.#host.requestUpdate(), 1000);
    this.#call.setRecording(true);
    emit(this.#host, 'vc-recording-started', {});
  }

  /** The tiles as the stage shows them, and the sound of everyone: ours as sent, the others' as received. */
  #source(): RecordingSource {
    const host = this.#host;
    return {
      tiles: () =>
        [...host.renderRoot.querySelectorAll<VideoPlayer>('video-player')].map((tile) => ({
          video: tile.renderRoot?.querySelector('video') ?? null,
          name: tile.name,
        })),
      grid: gridLayout,
      audio: () =>
        host.participants.flatMap((p) =>
          p.local
            ? [this.#call.media?.tracks.audio ?? null].filter((t) => t !== null)
            : (p.stream?.getAudioTracks() ?? []),
        ),
    };
  }
}

/** Saves the recording as a file, named after when it ended. */
function download(blob: Blob): void {
  const href = URL.createObjectURL(blob);
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  const link = Object.assign(document.createElement('a'), { href, download: `call-${stamp}.webm` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
