// Room membership, in memory: who is in which room. A room exists while someone is in it.

export interface Member {
  readonly id: string;
  readonly room: string;
  readonly name?: string;
  /** Sends one relay event to this member's client. */
  deliver(event: string, payload: unknown): void;
}

export class Rooms {
  #rooms = new Map<string, Map<string, Member>>();

  /** Adds a member and returns the members who were already in its room. */
  join(member: Member): Member[] {
    let room = this.#rooms.get(member.room);
    if (!room) this.#rooms.set(member.room, (room = new Map()));
    const others = [...room.values()];
    room.set(member.id, member);
    return others;
  }

  /** Removes a member and returns the members still in its room. */
  leave(member: Member): Member[] {
    const room = this.#rooms.get(member.room);
    if (!room?.delete(member.id)) return [];
    if (room.size === 0) this.#rooms.delete(member.room);
    return [...room.values()];
  }

  find(room: string, id: string): Member | undefined {
    return this.#rooms.get(room)?.get(id);
  }

  get roomCount(): number {
    return this.#rooms.size;
  }

  get memberCount(): number {
    let count = 0;
    for (const room of this.#rooms.values()) count += room.size;
    return count;
  }
}
