// The memberships this relay holds while rooms live in Redis: which connection each is on, and the number of the
// next event it expects, so that events reach the client once each and in order, whether they come from the
// relay's channel, from a resume's replay, or (while Redis is away) from this relay itself.
import type { Delivery, Membership } from '../room-store.ts';
import { eventFrame } from '../socketio/socketio-connection.ts';

export interface LocalMember {
  member: Membership;
  /** The connection holding it; null while it is away (held for a resume). */
  delivery: Delivery | null;
  /** That connection's id, kept while away: operations from any other connection are stale. */
  conn: string;
  nextSeq: number;
  /** Events that arrived while the join or resume was being answered: they go out after its ack. */
  pending: Array<[number, string]> | null;
  /** The first number this relay gave an event while Redis was away (0: none). */
  localFrom: number;
  timer?: NodeJS.Timeout;
}

export class LocalMembers {
  #members = new Map<string, LocalMember>();
  /** Resumes being answered: events for members not (yet) here are kept for them meanwhile. */
  #resuming = 0;
  #unclaimed = new Map<string, Array<[number, string]>>();

  get(id: string): LocalMember | undefined {
    return this.#members.get(id);
  }

  values(): IterableIterator<LocalMember> {
    return this.#members.values();
  }

  /** Adds a membership whose events are held until `release` (after the caller's ack has gone out). */
  add(member: Membership, delivery: Delivery, nextSeq: number): LocalMember {
    const local: LocalMember = { member, delivery, conn: delivery.connection, nextSeq, pending: [], localFrom: 0 };
    local.pending!.push(...(this.#unclaimed.get(member.id) ?? []));
    this.#unclaimed.delete(member.id);
    this.#members.set(member.id, local);
    return local;
  }

  /** Sends what arrived meanwhile once the current task (which answers the join or resume) is over. */
  release(local: LocalMember): void {
    setImmediate(() => {
      const pending = local.pending ?? [];
      local.pending = null;
      for (const [seq, json] of pending) this.deliver(local, seq, json);
    });
  }

  /** Forgets a membership if `conn` still holds it; returns it. */
  remove(id: string, conn: string): LocalMember | undefined {
    const local = this.#members.get(id);
    if (!local || local.conn !== conn) return undefined;
    clearTimeout(local.timer);
    this.#members.delete(id);
    return local;
  }

  /** Runs `answer` (a resume) while keeping events for memberships that may arrive with it. */
  async resuming<T>(answer: () => Promise<T>): Promise<T> {
    this.#resuming++;
    try {
      return await answer();
    } finally {
      if (--this.#resuming === 0) this.#unclaimed.clear();
    }
  }

  /** An event from Redis: "id,seq,json". */
  receive(id: string, seq: number, json: string): void {
    const local = this.#members.get(id);
    if (local?.pending) return void local.pending.push([seq, json]);
    if ((!local || !local.delivery) && this.#resuming > 0) {
      const kept = this.#unclaimed.get(id) ?? [];
      kept.push([seq, json]);
      this.#unclaimed.set(id, kept);
      return;
    }
    if (local) this.deliver(local, seq, json);
  }

  /** Sends an event (its JSON text, as Redis keeps it) unless the client had it already. */
  deliver(local: LocalMember, seq: number, json: string): void {
    if (seq < local.nextSeq) return;
    local.nextSeq = seq + 1;
    local.delivery?.send(eventFrame(json));
  }

  /** While Redis is away: sends an event to a connected member directly, numbering it here. */
  deliverHere(local: LocalMember, json: string): void {
    if (!local.delivery || local.pending) return;
    if (local.localFrom === 0) local.localFrom = local.nextSeq;
    local.nextSeq++;
    local.delivery.send(eventFrame(json));
  }

  /** Connected members of `room` held here, but `except`. */
  inRoom(room: string, except: string): LocalMember[] {
    return [...this.#members.values()].filter(
      (local) => local.member.room === room && local.member.id !== except && local.delivery && !local.pending,
    );
  }

  counts(): { rooms: number; members: number } {
    const rooms = new Set<string>();
    for (const { member } of this.#members.values()) rooms.add(member.room);
    return { rooms: rooms.size, members: this.#members.size };
  }
}
