// The relay's SFU (SFU_URL; this module loads only then): the SFU side of each member of an SFU room on this
// relay (sfu-member.ts), each room's VideoRoom on a Janus node (janus-nodes.ts), and when a room leaves the
// SFU: once it has been small for SFU_BACK_AFTER_MS (hysteresis: down to SFU_THRESHOLD - 2 people), or at once
// when its node is lost, back to the mesh if the room fits one, else onto another node. The move up, as a join
// makes the room large, is the room store's (room-store.ts), atomic with the join.
import type { FastifyBaseLogger } from 'fastify';
import type { SfuOffer } from '../../src/protocol.ts';
import type { SfuSettings } from '../config.ts';
import type { RoomStore } from '../room-store.ts';
import { JanusNodes } from './janus-nodes.ts';
import { SfuMember } from './sfu-member.ts';

/**
 * A room back on the mesh keeps its VideoRoom this long, so the widgets' mesh connections come up while the
 * SFU still carries their media (handover.ts waits 5 s at most).
 */
const HANDOVER_GRACE_MS = 10_000;

export interface SfuOptions {
  store: RoomStore;
  /** The largest room a mesh takes (MAX_PEERS_PER_ROOM). */
  meshMax: number;
  log: FastifyBaseLogger;
}

export class Sfu {
  #settings: SfuSettings;
  #options: SfuOptions;
  #nodes: JanusNodes;
  #members = new Map<string, { room: string; media: SfuMember }>();
  /** Rooms that shrank, waiting to move back to the mesh. */
  #shrinking = new Map<string, NodeJS.Timeout>();

  constructor(settings: SfuSettings, options: SfuOptions) {
    this.#settings = settings;
    this.#options = options;
    const lost = (room: string, mine: boolean) => void this.#lost(room, mine);
    this.#nodes = new JanusNodes(settings.urls, settings.maxPeers, options.store, lost);
  }

  /** Some Janus node can take a room now: rooms move up only then. */
  get available(): boolean {
    return this.#nodes.available;
  }

  /** Ends the member's Janus session (another connection took the membership over), keeping its room as is. */
  async drop(id: string): Promise<void> {
    const entry = this.#members.get(id);
    this.#members.delete(id);
    await entry?.media.close();
  }

  /** This relay holds the member's Janus session. */
  holds(id: string): boolean {
    return this.#members.has(id);
  }

  /** The member came back on another connection of this relay: its offers go there now. */
  resumed(id: string, offers: (offer: SfuOffer) => void): void {
    this.#members.get(id)?.media.reattach(offers);
  }

  /** The SFU side of member `id` of `room` (made on its first request); its offers go to `offers`. */
  member(id: string, room: string, offers: (offer: SfuOffer) => void): SfuMember {
    let entry = this.#members.get(id);
    if (!entry) {
      const failed = (error: unknown) => this.#options.log.warn({ err: error, room, peer: id }, 'SFU request failed');
      entry = { room, media: new SfuMember({ id, room, nodes: this.#nodes, failed }) };
      this.#members.set(id, entry);
    }
    entry.media.offers = offers;
    return entry.media;
  }

  /**
   * Member `id` has left `room` (the store knows): its Janus session ends. The room may have become small
   * enough to move back to the mesh; or, if it is not on the SFU any more (it emptied) and no member of it is
   * on this relay, its VideoRoom goes.
   */
  async leave(id: string, room: string): Promise<void> {
    const entry = this.#members.get(id);
    if (entry) {
      this.#members.delete(id);
      await entry.media.close();
    }
    await this.#safely(room, async () => {
      if ((await this.#options.store.mode(room)) === 'sfu') this.#watchShrink(room);
      else if (!this.#inRoom(room).length) await this.#nodes.release(room);
    });
  }

  async close(): Promise<void> {
    for (const timer of this.#shrinking.values()) clearTimeout(timer);
    this.#shrinking.clear();
    await Promise.allSettled([...this.#members.values()].map(({ media }) => media.close()));
    this.#members.clear();
    await this.#nodes.close();
  }

  /** After SFU_BACK_AFTER_MS, a room still down to SFU_THRESHOLD - 2 people goes back to the mesh. */
  #watchShrink(room: string): void {
    if (this.#shrinking.has(room)) return;
    const { backAfterMs, threshold } = this.#settings;
    const timer = setTimeout(() => {
      this.#shrinking.delete(room);
      void this.#safely(room, async () => {
        if (!(await this.#options.store.setMode(room, 'mesh', { atMost: threshold - 2 }))) return;
        this.#options.log.info({ room }, 'room back on the mesh: it shrank');
        setTimeout(() => void this.#end(room), HANDOVER_GRACE_MS).unref();
      });
    }, backAfterMs);
    this.#shrinking.set(room, timer.unref());
  }

  /** Its node went away: its members' sessions here are dead, and (by one relay) the room moves off it. */
  async #lost(room: string, mine: boolean): Promise<void> {
    await this.#end(room);
    if (mine) await this.#safely(room, () => this.#moveOff(room));
  }

  /** A room whose node went away goes back to the mesh if it fits one, else onto another node. */
  async #moveOff(room: string): Promise<void> {
    const { store, meshMax, log } = this.#options;
    const error = 'sfu-unavailable';
    if (await store.setMode(room, 'mesh', { atMost: meshMax, error })) {
      log.warn({ room }, 'room back on the mesh: its SFU node went away');
    } else if ((await store.mode(room)) !== 'sfu') {
      // Another relay moved it back already, or it emptied.
    } else if (this.#nodes.available && (await store.setMode(room, 'sfu', { error }))) {
      log.warn({ room }, 'room moving to another SFU node: its node went away');
    } else {
      log.error({ room }, 'room left without media: its SFU node went away, and it is too large for a mesh');
    }
  }

  /** The room no longer uses its VideoRoom: its members' sessions end, and the VideoRoom goes. */
  async #end(room: string): Promise<void> {
    const members = this.#inRoom(room);
    for (const id of members) this.#members.get(id)?.media.close();
    for (const id of members) this.#members.delete(id);
    await this.#nodes.release(room);
  }

  /** Runs a step that needs the room store, which may be unreachable for now (Redis): logged, not thrown. */
  async #safely(room: string, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.#options.log.warn({ err: error, room }, 'SFU room step failed');
    }
  }

  #inRoom(room: string): string[] {
    return [...this.#members].filter(([, entry]) => entry.room === room).map(([id]) => id);
  }
}
