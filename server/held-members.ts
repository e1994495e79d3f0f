// Members whose connection dropped and who wait for a resume, with what their replay buffers hold: bounded per
// client address (RESUME_HELD_PER_IP) and in bytes on this relay (RESUME_HELD_BYTES). Past either bound the
// oldest hold is ended at once, as if its grace period were over, so one client cannot make the relay keep
// unbounded state by dropping connections on purpose.

export interface HoldLimits {
  perIp: number;
  bytes: number;
}

interface Hold {
  address: string;
  bytes: number;
  end(): void;
}

export class HeldMembers {
  #limits: HoldLimits;
  /** By member id, oldest first (a Map keeps insertion order). */
  #holds = new Map<string, Hold>();
  #perAddress = new Map<string, number>();
  #bytes = 0;

  constructor(limits: HoldLimits) {
    this.#limits = limits;
  }

  get count(): number {
    return this.#holds.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** A member from `address` is held with `bytes` kept for it; `end` ends its membership if it must go early. */
  add(id: string, address: string, bytes: number, end: () => void): void {
    this.remove(id);
    this.#holds.set(id, { address, bytes, end });
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    this.#bytes += bytes;
    while (this.#perAddress.get(address)! > this.#limits.perIp) this.#evict((hold) => hold.address === address);
    this.#enforceBytes();
  }

  /** What is kept for a held member changed (events keep arriving while it is away). */
  resize(id: string, bytes: number): void {
    const hold = this.#holds.get(id);
    if (!hold) return;
    this.#bytes += bytes - hold.bytes;
    hold.bytes = bytes;
    this.#enforceBytes();
  }

  /** The member came back, or its membership ended: it is no longer held. */
  remove(id: string): void {
    const hold = this.#holds.get(id);
    if (!hold) return;
    this.#holds.delete(id);
    this.#bytes -= hold.bytes;
    const left = this.#perAddress.get(hold.address)! - 1;
    if (left > 0) this.#perAddress.set(hold.address, left);
    else this.#perAddress.delete(hold.address);
  }

  #enforceBytes(): void {
    while (this.#bytes > this.#limits.bytes && this.#holds.size > 0) this.#evict(() => true);
  }

  /** Ends the oldest hold that `matches`. */
  #evict(matches: (hold: Hold) => boolean): void {
    for (const [id, hold] of this.#holds) {
      if (!matches(hold)) continue;
      this.remove(id);
      hold.end();
      return;
    }
  }
}
