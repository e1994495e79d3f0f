// The relay's SFU (SFU_URL; this module loads only then): the SFU side of each member of an SFU room on this
// relay (sfu-member.ts), and each room's VideoRoom on a Janus node (janus-nodes.ts), released when the room's
// last member here leaves.
import type { FastifyBaseLogger } from 'fastify';
import type { SfuOffer } from '../../src/protocol.ts';
import type { SfuSettings } from '../config.ts';
import { JanusNodes } from './janus-nodes.ts';
import { SfuMember } from './sfu-member.ts';

export class Sfu {
  #nodes: JanusNodes;
  #members = new Map<string, { room: string; media: SfuMember }>();
  #log: FastifyBaseLogger;

  constructor({ urls, maxPeers }: SfuSettings, log: FastifyBaseLogger) {
    this.#nodes = new JanusNodes(urls, maxPeers);
    this.#log = log;
  }

  /** The SFU side of member `id` of `room` (made on its first request); its offers go to `offers`. */
  member(id: string, room: string, offers: (offer: SfuOffer) => void): SfuMember {
    let entry = this.#members.get(id);
    if (!entry) {
      const failed = (error: unknown) => this.#log.warn({ err: error, room, peer: id }, 'SFU request failed');
      entry = { room, media: new SfuMember({ id, room, nodes: this.#nodes, failed }) };
      this.#members.set(id, entry);
    }
    entry.media.offers = offers;
    return entry.media;
  }

  /** The member left the room: its Janus session ends, and the room's VideoRoom with its last member here. */
  async leave(id: string): Promise<void> {
    const entry = this.#members.get(id);
    if (!entry) return;
    this.#members.delete(id);
    await entry.media.close();
    if (![...this.#members.values()].some(({ room }) => room === entry.room)) await this.#nodes.release(entry.room);
  }

  async close(): Promise<void> {
    const ids = [...this.#members.keys()];
    await Promise.allSettled(ids.map((id) => this.leave(id)));
    await this.#nodes.close();
  }
}
