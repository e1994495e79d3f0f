// Watches every peer connection of the mesh: four times a second, the audio levels (who is speaking,
// active-speaker.ts); every two seconds, each one's stats (quality rating, live figures for the info panel,
// why the browser limits our video); and it sets the video we send each peer from what that peer says it
// shows and the shared uplink budget (uplink.ts). A chunk of its own: loaded after the bundle.
import { NO_SPEAKER, nextSpeaker, type SpeakerState } from './active-speaker.ts';
import { AudioLevel } from './audio-level.ts';
import { Emitter } from './emitter.ts';
import type { Mesh } from './mesh.ts';
import type { ViewMessage } from './peer-messages.ts';
import { EMPTY_SAMPLE, summarize, type PeerStats, type Quality, type StatsSample } from './stats.ts';
import { allocate, followLimit, limitOf, type LimitStreak, type PeerDemand, type VideoEncoding } from './uplink.ts';

export interface MeshQualityOptions {
  /** Total video sent to all peers together, in kbit/s. */
  budgetKbps: number;
  /** False sends full quality to everyone (for comparison): no views, no budget. */
  adaptive: boolean;
  /** Our camera's height in pixels right now (0 without a camera). */
  sourceHeight: () => number;
  /** The microphone track we send right now, if any (disabled while muted). */
  microphone: () => MediaStreamTrack | null;
}

export interface MeshQualityEvents {
  /** A peer's rating changed. */
  quality: { peerId: string; quality: Quality };
  /** New figures for the info panels. */
  stats: void;
  /** Who is speaking changed. */
  speaker: SpeakerState;
}

const SAMPLE_MS = 2000;
const SPEAKER_SAMPLE_MS = 250;

export class MeshQuality extends Emitter<MeshQualityEvents> {
  #options: MeshQualityOptions;
  #mesh: Mesh | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #speakerTimer: ReturnType<typeof setInterval> | undefined;
  #speaker: SpeakerState = NO_SPEAKER;
  /** Our microphone, over the last ~340 ms (at 48 kHz): longer than SPEAKER_SAMPLE_MS, so no syllable is missed. */
  #ownLevel = new AudioLevel(16384);
  #peers = new Map<
    string,
    {
      demand: PeerDemand;
      streak: LimitStreak;
      sample: StatsSample;
      stats: PeerStats | null;
      /** The video encoding we last set for this peer. */
      encoding?: VideoEncoding;
    }
  >();

  constructor(options: MeshQualityOptions) {
    super();
    this.#options = options;
  }

  /** Watches `mesh`, in which we are `localId`. */
  start(mesh: Mesh, localId: string): void {
    this.stop();
    this.#mesh = mesh;
    this.#timer = setInterval(() => void this.#sample(), SAMPLE_MS);
    this.#speakerTimer = setInterval(() => void this.#listen(localId), SPEAKER_SAMPLE_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    clearInterval(this.#speakerTimer);
    this.#mesh = null;
    this.#peers.clear();
    this.#speaker = NO_SPEAKER;
    this.#ownLevel.close();
  }

  /** A receiver said how it shows our video. */
  view(peerId: string, view: ViewMessage): void {
    this.#entry(peerId).demand.view = view;
    this.apply();
  }

  forget(peerId: string): void {
    this.#peers.delete(peerId);
    this.apply();
  }

  stats(peerId: string): PeerStats | null {
    return this.#peers.get(peerId)?.stats ?? null;
  }

  /** Sets every peer's video encoding from the views, the penalties and the budget. */
  apply(): void {
    const peers = this.#mesh?.peers ?? [];
    if (!this.#options.adaptive || peers.length === 0) return;
    const demands = new Map(peers.map((peer) => [peer.id, this.#entry(peer.id).demand]));
    const encodings = allocate(demands, this.#options.sourceHeight(), this.#options.budgetKbps);
    for (const peer of peers) {
      const encoding = encodings.get(peer.id)!;
      this.#entry(peer.id).encoding = encoding;
      peer.setEncoding(encoding);
    }
  }

  #entry(peerId: string) {
    let entry = this.#peers.get(peerId);
    if (!entry) {
      entry = {
        demand: { view: null, penalty: 0 },
        streak: { limited: 0, calm: 0 },
        sample: EMPTY_SAMPLE,
        stats: null,
      };
      this.#peers.set(peerId, entry);
    }
    return entry;
  }

  async #sample(): Promise<void> {
    const mesh = this.#mesh;
    if (!mesh) return;
    let penaltiesChanged = false;
    await Promise.all(
      mesh.peers.map(async (peer) => {
        const report = await peer.stats().catch(() => null);
        if (!report || this.#mesh !== mesh) return;
        const entry = this.#entry(peer.id);
        const { stats, sample } = summarize(report.values() as never, entry.sample, performance.now());
        const before = entry.stats?.quality;
        entry.sample = sample;
        entry.stats = stats;
        const limit = limitOf(stats.limitation, stats.availableKbps, entry.encoding);
        penaltiesChanged = followLimit(entry.demand, entry.streak, limit) || penaltiesChanged;
        if (stats.quality !== before) this.emit('quality', { peerId: peer.id, quality: stats.quality });
      }),
    );
    if (this.#mesh !== mesh) return;
    if (penaltiesChanged) this.apply();
    this.emit('stats', undefined);
  }

  /**
   * Samples everyone's audio level and updates who is speaking. Ours comes from the connections' media-source
   * stats where the browser reports it (Chromium; not Firefox) and from our microphone itself, where the
   * browser lets an audio context run: the louder of the two.
   */
  async #listen(localId: string): Promise<void> {
    const mesh = this.#mesh;
    const peers = mesh?.peers ?? [];
    if (peers.length === 0) return;
    this.#ownLevel.follow(this.#options.microphone());
    this.#ownLevel.resume();
    const samples = await Promise.all(peers.map(async (peer) => [peer.id, await peer.audioLevels()] as const));
    if (this.#mesh !== mesh) return;
    const levels = new Map(samples.map(([id, { remote }]) => [id, remote]));
    levels.set(localId, Math.max(this.#ownLevel.peak(), ...samples.map(([, { local }]) => local)));
    const next = nextSpeaker(this.#speaker, levels, performance.now());
    const changed = next.active !== this.#speaker.active || next.speaking.join() !== this.#speaker.speaking.join();
    this.#speaker = next;
    if (changed) this.emit('speaker', next);
  }
}
