// Our media to the SFU: one RTCPeerConnection that only sends, offering to Janus through the relay: the
// microphone, the camera in three simulcast layers (Janus forwards each viewer the one its tile needs), and a
// screen share while there is one. Track changes go through replaceTrack; a screen share starting or stopping
// renegotiates.
import type { SfuAck, SimulcastLayer } from '../protocol.ts';
import type { LocalTracks } from './local-media.ts';
import { sfuConnection, type SfuConnectionOptions } from './sfu-connection.ts';

/**
 * Janus reads the layers high to low (DESIGN.md §6); Chromium sends all three from 960×540 up. Index 2 − n is
 * layer n (SimulcastLayer).
 */
const SIMULCAST: RTCRtpEncodingParameters[] = [
  { rid: 'h', maxBitrate: 1_200_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 400_000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
];

export interface SfuPublisherOptions extends SfuConnectionOptions {
  localTracks: LocalTracks;
  /** The SFU refused what we offered, or did not answer. */
  failed(ack: SfuAck | null): void;
}

export class SfuPublisher {
  readonly pc: RTCPeerConnection;
  #options: SfuPublisherOptions;
  #main: Record<'audio' | 'video', RTCRtpTransceiver>;
  #screen: RTCRtpTransceiver | null = null;
  #work: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: SfuPublisherOptions) {
    this.#options = options;
    const pc = (this.pc = sfuConnection('publisher', options));
    const { audio, video, screen } = options.localTracks;
    this.#main = {
      audio: pc.addTransceiver(audio ?? 'audio', { direction: 'sendonly' }),
      video: pc.addTransceiver(video ?? 'video', { direction: 'sendonly', sendEncodings: SIMULCAST }),
    };
    if (screen) this.#screen = pc.addTransceiver(screen, { direction: 'sendonly' });
    pc.onnegotiationneeded = () => this.#serially(() => this.#publish());
  }

  /** Sends another track of a kind, or none. */
  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#serially(async () => {
      if (kind !== 'screen') return void (await this.#main[kind].sender.replaceTrack(track));
      if (!this.#screen) {
        if (track) this.#screen = this.pc.addTransceiver(track, { direction: 'sendonly' });
        return;
      }
      await this.#screen.sender.replaceTrack(track);
      this.#screen.direction = track ? 'sendonly' : 'inactive';
    });
  }

  /**
   * Encodes the camera's layers up to `top` only (none: nobody shows it): a layer nobody watches costs the
   * encoder as much as one somebody does.
   */
  setTopLayer(top: SimulcastLayer | null): void {
    this.#serially(async () => {
      const { sender } = this.#main.video;
      const parameters = sender.getParameters();
      const { encodings } = parameters;
      if (encodings.length !== SIMULCAST.length) return;
      const active = encodings.map((_, i) => top !== null && SIMULCAST.length - 1 - i <= top);
      if (active.every((on, i) => encodings[i]!.active === on)) return;
      active.forEach((on, i) => (encodings[i]!.active = on));
      await sender.setParameters(parameters);
    });
  }

  setIceServers(iceServers: RTCIceServer[]): void {
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
  }

  restartIce(): void {
    this.pc.restartIce();
  }

  close(): void {
    this.#closed = true;
    this.pc.close();
  }

  #serially(task: () => Promise<void>): void {
    this.#work = this.#work.then(() => (this.#closed ? undefined : task())).catch(() => this.#options.failed(null));
  }

  async #publish(): Promise<void> {
    if (this.pc.signalingState !== 'stable') return;
    await this.pc.setLocalDescription();
    const screen = this.#screen?.direction === 'sendonly' ? this.#screen.mid : null;
    const sdp = this.pc.localDescription!.sdp;
    const ack = await this.#options.request({ type: 'publish', sdp, ...(screen && { screen }) });
    if (this.#closed) return;
    if (!ack?.ok || !ack.sdp) return this.#options.failed(ack);
    await this.pc.setRemoteDescription({ type: 'answer', sdp: ack.sdp });
  }
}
