// The data channel of one peer connection: participants' packets to each other, kept while it opens
// and sent once it is open; what comes in is rate-limited, so a flood costs a comparison per packet.
import { encodePacket, parsePacket, type Packet } from './packets.ts';
import { reactionLimit, tokenBucket } from './rate-limit.ts';

/** Packets kept while the data channel is still opening. */
const OUTBOX_LIMIT = 64;

// What one peer may send us. Normal use stays far below: a state packet per toggle, a view packet per
// 90 px of resize, a chat packet per Enter. The burst lets a full outbox (64) and the state through at once.
/** Packets per second, on average... */
export const INBOUND_PER_SECOND = 20;
/** ...and in one burst. */
export const INBOUND_BURST = 100;

export interface PeerChannelHandlers {
  /** The channel opened (and what waited has gone out). */
  open(): void;
  packet(packet: Packet): void;
}

export class PeerChannel {
  #handlers: PeerChannelHandlers;
  #channel: RTCDataChannel | null = null;
  #outbox: string[] = [];
  #take = tokenBucket(INBOUND_PER_SECOND, INBOUND_BURST);
  #reactions = reactionLimit();
  #dropped = 0;

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
      // The rate first: a packet over it is never parsed.
      const packet = this.#take() && parsePacket(data);
      if (packet && this.#reactions(packet)) this.#handlers.packet(packet);
      else this.#dropped++;
    };
  }

  /** Packets received and dropped: over the rate limit, too large or unreadable. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Sends a packet now if the channel is open, else once it is (up to a limit). */
  send(packet: Packet): void {
    const encoded = encodePacket(packet);
    if (this.#channel?.readyState === 'open') this.#channel.send(encoded);
    else if (this.#outbox.length < OUTBOX_LIMIT) this.#outbox.push(encoded);
  }

  close(): void {
    this.#channel?.close();
  }
}
