// Watches every link of the topology (each peer connection of the mesh): four times a second, the audio
// levels (who is speaking, active-speaker.ts); every two seconds, each one's stats (quality rating, live figures
// for the info panel, why the browser limits our video); and it sets the video we send each peer from what that
// peer says it shows and the shared uplink budget (uplink.ts). A chunk of its own, loaded after the bundle
// (quality-proxy.ts stands in for it until then).
import { NO_SPEAKER, nextSpeaker, type SpeakerState } from './active-speaker.ts';
import { AudioLevel } from './audio-level.ts';
import type { CallOptions } from './call-types.ts';
import { Emitter } from './emitter.ts';
import type { LocalMedia } from './local-media.ts';
import type { VideoView } from './packets.ts';
import type { Topology } from './topology.ts';
import { EMPTY_SAMPLE, summarize, type PeerStats, type Quality, type StatsSample } from './stats.ts';
import { allocate, followLimit, limitOf, type LimitStreak, type PeerDemand, type VideoEncoding } from './uplink.ts';

/** The call's uplink options: the budget for all peers together, and whether to adapt at all. */
export type MeshQualityOptions = Pick<CallOptions, 'maxUplinkKbps' | 'adaptive'>;
/** Our media right now: its camera's height and its microphone. */
export type OwnMedia = () => LocalMedia | null;

export interface MeshQualityEvents {
  /** A peer's rating changed. */
  quality: { peerId: string; quality: Quality };
  /** New figures for the info panels. */
  stats: void;
  /** Who is speaking changed. */
  speaker: SpeakerState;
}

const DEFAULT_UPLINK_KBPS = 2500;
const SAMPLE_MS = 2000;
const SPEAKER_SAMPLE_MS = 250;

export class MeshQuality extends Emitter<MeshQualityEvents> {
  #options: MeshQualityOptions;
  #media: OwnMedia;
  #topology: Topology | null = null;
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

  constructor(options: MeshQualityOptions, media: OwnMedia) {
    super();
    this.#options = options;
    this.#media = media;
  }

  /** Watches `topology`, in which we are `localId`. */
  start(topology: Topology, localId: string): void {
    this.stop();
    this.#topology = topology;
    this.#timer = setInterval(() => void this.#sample(), SAMPLE_MS);
    this.#speakerTimer = setInterval(() => void this.#listen(localId), SPEAKER_SAMPLE_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    clearInterval(this.#speakerTimer);
    this.#topology = null;
    this.#peers.clear();
    this.#speaker = NO_SPEAKER;
    this.#ownLevel.close();
  }

  /** A receiver said how it shows our video. */
  view(peerId: string, view: VideoView): void {
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
    const links = this.#topology?.links ?? [];
    const { adaptive = true, maxUplinkKbps = DEFAULT_UPLINK_KBPS } = this.#options;
    if (!adaptive || links.length === 0) return;
    const demands = new Map(links.map((link) => [link.id, this.#entry(link.id).demand]));
    const encodings = allocate(demands, this.#media()?.tracks.video?.getSettings().height ?? 0, maxUplinkKbps);
    for (const link of links) {
      const encoding = encodings.get(link.id)!;
      this.#entry(link.id).encoding = encoding;
      link.setEncoding(encoding);
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
    const topology = this.#topology;
    if (!topology) return;
    let penaltiesChanged = false;
    await Promise.all(
      topology.links.map(async (link) => {
        const report = await link.stats().catch(() => null);
        if (!report || this.#topology !== topology) return;
        const entry = this.#entry(link.id);
        const { stats, sample } = summarize(report.values() as never, entry.sample, performance.now());
        const before = entry.stats?.quality;
        entry.sample = sample;
        entry.stats = stats;
        const limit = limitOf(stats.limitation, stats.availableKbps, entry.encoding);
        penaltiesChanged = followLimit(entry.demand, entry.streak, limit) || penaltiesChanged;
        if (stats.quality !== before) this.emit('quality', { peerId: link.id, quality: stats.quality });
      }),
    );
    if (this.#topology !== topology) return;
    if (penaltiesChanged) this.apply();
    this.emit('stats', undefined);
  }

  /**
   * Samples everyone's audio level and updates who is speaking. Ours comes from the connections' media-source
   * stats where the browser reports it (Chromium; not Firefox) and from our microphone itself, where the
   * browser lets an audio context run: the louder of the two.
   */
  async #listen(localId: string): Promise<void> {
    const topology = this.#topology;
    const links = topology?.links ?? [];
    if (links.length === 0) return;
    // Disabled while muted.
    this.#ownLevel.follow(this.#media()?.tracks.audio ?? null);
    this.#ownLevel.resume();
    const samples = await Promise.all(links.map(async (link) => [link.id, await link.audioLevels()] as const));
    if (this.#topology !== topology) return;
    const levels = new Map(samples.map(([id, { remote }]) => [id, remote]));
    levels.set(localId, Math.max(this.#ownLevel.peak(), ...samples.map(([, { local }]) => local)));
    const next = nextSpeaker(this.#speaker, levels, performance.now());
    const changed = next.active !== this.#speaker.active || next.speaking.join() !== this.#speaker.speaking.join();
    this.#speaker = next;
    if (changed) this.emit('speaker', next);
  }
}
