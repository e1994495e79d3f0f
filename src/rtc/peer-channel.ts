// The data channel of one peer connection: participants' messages to each other, kept while it opens
// and sent once it is open.
import { encodePeerMessage, parsePeerMessage, type PeerMessage } from './peer-messages.ts';

/** Messages kept while the data channel is still opening. */
const OUTBOX_LIMIT = 64;

export interface PeerChannelHandlers {
  /** The channel opened (and what waited has gone out). */
  open(): void;
  message(message: PeerMessage): void;
}

export class PeerChannel {
  #handlers: PeerChannelHandlers;
  #channel: RTCDataChannel | null = null;
  #outbox: string[] = [];

  constructor(handlers: PeerChannelHandlers) {
    this.#handlers = handlers;
  }

  /** Opens our end of the channel on `pc`, once that side may (the initiator at once, the other on the first offer). */
  open(pc: RTCPeerConnection): void {
    // Negotiated with the same id on both ends: no datachannel event, no race over who creates it.
    const channel = (this.#channel = pc.createDataChannel('video-conference', { negotiated: true, id: 0 }));
    channel.onopen = () => {
      for (const encoded of this.#outbox.splice(0)) channel.send(encoded);
      this.#handlers.open();
    };
    channel.onmessage = ({ data }) => {
      const message = parsePeerMessage(data);
      if (message) this.#handlers.message(message);
    };
  }

  /** Sends a message now if the channel is open, else once it is (up to a limit). */
  send(message: PeerMessage): void {
    const encoded = encodePeerMessage(message);
    if (this.#channel?.readyState === 'open') this.#channel.send(encoded);
    else if (this.#outbox.length < OUTBOX_LIMIT) this.#outbox.push(encoded);
  }

  close(): void {
    this.#channel?.close();
  }
}
