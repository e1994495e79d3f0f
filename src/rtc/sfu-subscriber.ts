// The others' media from the SFU: one RTCPeerConnection that only receives, answering the offers Janus makes
// through the relay as people publish, share a screen or leave. Each offer says whose media each stream
// carries; after each answer, every participant's tracks are handed over afresh.
import type { SfuOffer, SfuStream } from '../protocol.ts';
import { sfuConnection, type SfuConnectionOptions } from './sfu-connection.ts';

/** A participant's tracks on this connection: microphone and camera, and screen share. */
export interface ReceivedTracks {
  main: MediaStreamTrack[];
  screen: MediaStreamTrack[];
}

export interface SfuSubscriberOptions extends SfuConnectionOptions {
  /** Whose tracks are on the connection now, after a negotiation. */
  tracks(byPeer: Map<string, ReceivedTracks>): void;
  failed(): void;
}

export class SfuSubscriber {
  readonly pc: RTCPeerConnection;
  #options: SfuSubscriberOptions;
  /** Each stream of the last offer, by media id. */
  #streams = new Map<string, SfuStream>();
  #work: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: SfuSubscriberOptions) {
    this.#options = options;
    this.pc = sfuConnection('subscriber', options);
  }

  /** Who sends what on media id `mid`, as the last offer said. */
  stream(mid: string | null): SfuStream | undefined {
    return mid === null ? undefined : this.#streams.get(mid);
  }

  /** Answers an offer from the SFU (through the relay), in arrival order. */
  offer({ sdp, streams }: SfuOffer): void {
    this.#work = this.#work
      .then(async () => {
        if (this.#closed) return;
        const pc = this.pc;
        this.#streams = new Map(streams.map((stream) => [stream.mid, stream]));
        await pc.setRemoteDescription({ type: 'offer', sdp });
        await pc.setLocalDescription();
        const ack = await this.#options.request({ type: 'answer', sdp: pc.localDescription!.sdp });
        if (!this.#closed && !ack?.ok) this.#options.failed();
        this.#handOver();
      })
      .catch(() => {
        if (!this.#closed) this.#options.failed();
      });
  }

  setIceServers(iceServers: RTCIceServer[]): void {
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
  }

  close(): void {
    this.#closed = true;
    this.pc.close();
  }

  #handOver(): void {
    const byPeer = new Map<string, ReceivedTracks>();
    for (const transceiver of this.pc.getTransceivers()) {
      const stream = this.stream(transceiver.mid);
      if (!stream || transceiver.currentDirection === 'inactive' || transceiver.currentDirection === 'stopped')
        continue;
      let tracks = byPeer.get(stream.peer);
      if (!tracks) byPeer.set(stream.peer, (tracks = { main: [], screen: [] }));
      tracks[stream.kind === 'screen' ? 'screen' : 'main'].push(transceiver.receiver.track);
    }
    this.#options.tracks(byPeer);
  }
}
