// What one peer connection sends, on which transceiver: the first audio and video transceivers carry the
// microphone and camera, any later video one a screen share; and the limit on the camera's encoding.
import type { LocalTracks } from './local-media.ts';
import type { VideoEncoding } from './uplink.ts';

export class Transceivers {
  #pc: RTCPeerConnection;
  #tracks: LocalTracks;
  #encoding: VideoEncoding | null = null;

  constructor(pc: RTCPeerConnection, tracks: LocalTracks) {
    this.#pc = pc;
    this.#tracks = { ...tracks };
  }

  /** On the side that offers first: an audio and a video transceiver, with our microphone and camera if any. */
  addMain(): void {
    for (const kind of ['audio', 'video'] as const) {
      this.#pc.addTransceiver(this.#tracks[kind] ?? kind, { direction: 'sendrecv' });
    }
  }

  /** On the answering side, once the first offer has created the transceivers: our microphone and camera on them. */
  async sendOnOffered(): Promise<void> {
    for (const kind of ['audio', 'video'] as const) {
      const transceiver = this.#main(kind);
      if (!transceiver) continue;
      // sendrecv even without a track, so a camera that arrives later needs only replaceTrack.
      transceiver.direction = 'sendrecv';
      const track = this.#tracks[kind];
      if (track) await transceiver.sender.replaceTrack(track);
    }
  }

  /** Sends our screen share, if there is one. */
  async shareScreen(): Promise<void> {
    if (this.#tracks.screen) await this.#sendScreen(this.#tracks.screen);
  }

  /** Remembers the track of a kind to send, for the transceivers still to come. */
  setTrack(kind: keyof LocalTracks, track: MediaStreamTrack | null): void {
    this.#tracks[kind] = track;
  }

  /** Sends another track of a kind (or none) on the transceivers there are. */
  async send(kind: keyof LocalTracks, track: MediaStreamTrack | null): Promise<void> {
    if (kind === 'screen') return this.#sendScreen(track);
    await this.#main(kind)?.sender.replaceTrack(track);
  }

  /** Whether a transceiver carries a screen share rather than the camera. */
  isScreen(transceiver: RTCRtpTransceiver): boolean {
    return transceiver.receiver.track.kind === 'video' && transceiver !== this.#main('video');
  }

  setEncoding(encoding: VideoEncoding): void {
    this.#encoding = encoding;
  }

  /** Sets the encoding on the camera's sender; before negotiation has made encodings, later runs retry it. */
  async applyEncoding(): Promise<void> {
    const sender = this.#main('video')?.sender;
    const wanted = this.#encoding;
    if (!sender || !wanted) return;
    const parameters = sender.getParameters();
    const [current] = parameters.encodings;
    if (!current) return;
    const changed = (Object.keys(wanted) as Array<keyof VideoEncoding>).some((key) => current[key] !== wanted[key]);
    if (!changed) return;
    Object.assign(current, wanted);
    await sender.setParameters(parameters);
  }

  /**
   * The first transceiver of a kind carries the microphone or the camera; any later video transceiver
   * carries a screen share. Both ends create them in the same order, so both agree.
   */
  #main(kind: 'audio' | 'video'): RTCRtpTransceiver | undefined {
    return this.#pc.getTransceivers().find((t) => t.receiver.track.kind === kind);
  }

  /** Sends the screen on our screen transceiver (made on first use, reused after), or stops sending it. */
  async #sendScreen(track: MediaStreamTrack | null): Promise<void> {
    const mine = this.#pc.getTransceivers().find((t) => this.isScreen(t) && t.direction !== 'recvonly');
    if (track && !mine) {
      this.#pc.addTransceiver(track, { direction: 'sendonly' });
      return;
    }
    if (!mine) return;
    await mine.sender.replaceTrack(track);
    mine.direction = track ? 'sendonly' : 'inactive';
  }
}
