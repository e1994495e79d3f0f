// A lazy-loading proxy for mesh-quality.ts (stats, adaptive video, active speaker), whose chunk loads as the call
// is created: what is asked of it meanwhile runs once loaded, in order. Who speaks and the views sent answer at once.
import { NO_SPEAKER, type SpeakerState } from './active-speaker.ts';
import { Emitter } from './emitter.ts';
import type { MeshQuality, MeshQualityOptions, OwnMedia } from './mesh-quality.ts';
import type { VideoView } from './packets.ts';
import type { PeerStats, Quality } from './stats.ts';

export interface QualityProxyEvents {
  /** A peer connection's quality rating changed. */
  quality: { id: string; quality: Quality };
  'active-speaker': { id: string | null };
  /** New figures, or who is speaking changed. */
  change: void;
}

export class QualityProxy extends Emitter<QualityProxyEvents> {
  #quality: MeshQuality | null = null;
  #loaded: Promise<MeshQuality>;
  #speaker: SpeakerState = NO_SPEAKER;
  /** The last view sent to each peer, so only changes go out. */
  #viewsSent = new Map<string, string>();

  constructor(options: MeshQualityOptions, media: OwnMedia) {
    super();
    this.#loaded = import('./mesh-quality.ts').then(({ MeshQuality }) => {
      const quality = new MeshQuality(options, media);
      quality.on('quality', ({ peerId, quality }) => this.emit('quality', { id: peerId, quality }));
      quality.on('stats', () => this.emit('change', undefined));
      quality.on('speaker', (speaker) => {
        const changed = speaker.active !== this.#speaker.active;
        this.#speaker = speaker;
        if (changed) this.emit('active-speaker', { id: speaker.active });
        this.emit('change', undefined);
      });
      return (this.#quality = quality);
    });
  }

  get activeSpeaker(): string | null {
    return this.#speaker.active;
  }

  isSpeaking(id: string): boolean {
    return this.#speaker.speaking.includes(id);
  }

  /** The latest figures for a peer, once sampled. */
  stats(id: string): PeerStats | null {
    return this.#quality?.stats(id) ?? null;
  }

  /** Runs now if the chunk is loaded, else once it is (in order). */
  run(action: (quality: MeshQuality) => void): void {
    if (this.#quality) action(this.#quality);
    else void this.#loaded.then(action);
  }

  /** Whether a peer should be told of this view: true, and remembered, when it differs from the last one told. */
  viewChanged(id: string, view: VideoView): boolean {
    // Buckets of 90 px in height are enough to pick a resolution, and spare the channel on every resize.
    const key = view.visible ? `${Math.round(view.height / 90)}` : 'hidden';
    if (this.#viewsSent.get(id) === key) return false;
    this.#viewsSent.set(id, key);
    return true;
  }

  forget(id: string): void {
    this.#viewsSent.delete(id);
    this.run((quality) => quality.forget(id));
  }

  stop(): void {
    this.#quality?.stop();
    this.#viewsSent.clear();
    this.#speaker = NO_SPEAKER;
  }
}
