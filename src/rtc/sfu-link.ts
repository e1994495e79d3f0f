// Our link to one participant in an SFU room (topology.ts): their tracks on the shared subscriber connection,
// and the packets they send through the relay. The media are decrypted and forwarded by the server, so there
// is no safety code to compare: nobody can vouch for a path through the server.
import type { Packet } from './packets.ts';
import type { DroppedCounts } from './peer.ts';
import { INBOUND_BURST, INBOUND_PER_SECOND } from './peer-channel.ts';
import { reactionLimit, tokenBucket } from './rate-limit.ts';
import type { ReceivedTracks } from './sfu-subscriber.ts';
import type { Link } from './topology.ts';

/** The session's two connections, whose figures every link shares (one getStats() for all, per sample). */
export interface SharedConnections {
  subscriber: RTCPeerConnection;
  stats(which: 'subscriber' | 'publisher'): Promise<RTCStatsReport>;
}

export class SfuLink implements Link {
  readonly id: string;
  readonly safetyCode = null;
  readonly viaServer = true;
  stream = new MediaStream();
  screen: MediaStream | null = null;
  /** Some media of theirs has arrived through the SFU (and it stays so: the handover is over). */
  receiving = false;
  #connections: SharedConnections;
  #changed: () => void;
  /** It replaces a link through a server that went away. */
  #restoring: boolean;
  #take = tokenBucket(INBOUND_PER_SECOND, INBOUND_BURST);
  #reactions = reactionLimit();
  #droppedMessages = 0;
  #tracks: ReceivedTracks = { main: [], screen: [] };

  constructor(id: string, connections: SharedConnections, restoring: boolean, changed: () => void) {
    this.id = id;
    this.#restoring = restoring;
    this.#connections = connections;
    this.#changed = changed;
  }

  get connectionState(): RTCPeerConnectionState {
    return this.#connections.subscriber.connectionState;
  }

  get reconnecting(): boolean {
    return (this.#restoring && !this.receiving) || this.connectionState === 'disconnected';
  }

  get dropped(): DroppedCounts {
    return { candidates: 0, messages: this.#droppedMessages };
  }

  /**
   * Their tracks now on the subscriber connection (none when they publish nothing). A stream whose tracks
   * stay the same stays the same object, so its <video> plays on.
   */
  setTracks(tracks: ReceivedTracks): void {
    const { main, screen } = tracks;
    const same = (a: MediaStreamTrack[], b: MediaStreamTrack[]) =>
      a.length === b.length && a.every((t, i) => t === b[i]);
    if (!same(main, this.#tracks.main)) this.stream = new MediaStream(main);
    if (!same(screen, this.#tracks.screen)) this.screen = screen.length ? new MediaStream(screen) : null;
    else if (same(main, this.#tracks.main)) return;
    this.#tracks = tracks;
    for (const track of [...main, ...screen]) {
      if (!track.muted) this.receiving = true;
      track.onmute = this.#changed;
      track.onunmute = () => {
        this.receiving = true;
        this.#changed();
      };
    }
    this.#changed();
  }

  /** A packet they sent through the relay, if it is one and within their rate. */
  accept(packet: Packet | null): Packet | null {
    if (packet && this.#take() && this.#reactions(packet)) return packet;
    this.#droppedMessages++;
    return null;
  }

  /** The SFU forwards each viewer the simulcast layer its tile needs: nothing to set per viewer here. */
  setEncoding(): void {}

  /** The subscriber connection's figures, limited to their streams (and the transport they share). */
  async stats(): Promise<RTCStatsReport> {
    const report = await this.#connections.stats('subscriber');
    const ids = new Set([...this.#tracks.main, ...this.#tracks.screen].map((track) => track.id));
    const mine = new Map<string, unknown>();
    report.forEach((entry: { id: string; type: string; trackIdentifier?: string }) => {
      if (entry.type !== 'inbound-rtp' || ids.has(entry.trackIdentifier ?? '')) mine.set(entry.id, entry);
    });
    return mine as unknown as RTCStatsReport;
  }

  /** Their level from the decoded audio on the shared connection (as the mesh reads it), ours as we send it. */
  async audioLevels(): Promise<{ remote: number; local: number }> {
    let remote = 0;
    (await this.stats()).forEach((entry: { type: string; kind?: string; audioLevel?: number }) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'audio') remote = Math.max(remote, entry.audioLevel ?? 0);
    });
    let local = 0;
    (await this.#connections.stats('publisher')).forEach(
      (entry: { type: string; kind?: string; audioLevel?: number }) => {
        if (entry.type === 'media-source' && entry.kind === 'audio') local = entry.audioLevel ?? 0;
      },
    );
    return { remote, local };
  }
}
