// What hosts control in a room, in memory (the default store): its host key, lock and lobby, the knocks waiting
// in the lobby, and who was removed from it for a while. Kept apart from membership (memory-rooms.ts): a room's
// lobby can hold knocks while nobody is in the room yet.
import type { Delivery, Membership } from './room-store.ts';

/** Someone waiting in a room's lobby, on the connection that knocked. */
export interface Knock extends Pick<Membership, 'id' | 'name' | 'verified'> {
  delivery: Delivery;
}

export class RoomControls {
  /** The hash of the host key of an open room (none with JOIN_SECRET: roles come from tokens). */
  keyHash: string | undefined;
  locked = false;
  lobby = false;
  /** Waiting knocks, oldest first: a map only once someone knocks (most rooms never have a lobby). */
  #knocks: Map<string, Knock> | null = null;

  get knocks(): ReadonlyMap<string, Knock> {
    return this.#knocks ?? NO_KNOCKS;
  }

  addKnock(knock: Knock): void {
    (this.#knocks ??= new Map()).set(knock.id, knock);
  }

  /** Takes one knock out of the lobby (answered or withdrawn); undefined if it is not there. */
  takeKnock(id: string): Knock | undefined {
    const knock = this.#knocks?.get(id);
    this.#knocks?.delete(id);
    return knock;
  }

  /** Takes every knock out of the lobby, oldest first. */
  takeKnocks(): Knock[] {
    const knocks = [...this.knocks.values()];
    this.#knocks = null;
    return knocks;
  }
}

const NO_KNOCKS: ReadonlyMap<string, Knock> = new Map();

/** Removed people, by room and ban key (token hash or address), until their ban runs out. */
export class Bans {
  #until = new Map<string, number>();

  add(room: string, key: string, ms: number, now = Date.now()): void {
    this.#prune(now);
    this.#until.set(`${room}\n${key}`, now + ms);
  }

  has(room: string, key: string, now = Date.now()): boolean {
    return (this.#until.get(`${room}\n${key}`) ?? 0) > now;
  }

  clear(): void {
    this.#until.clear();
  }

  /** Forgets bans that ran out, so the map only holds live ones. */
  #prune(now: number): void {
    for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key);
  }
}
