// How many of something each client address has on this relay (knocks waiting in lobbies): a map that only
// holds addresses with at least one.
export class AddressCounts {
  #counts = new Map<string, number>();

  count(address: string): number {
    return this.#counts.get(address) ?? 0;
  }

  add(address: string): void {
    this.#counts.set(address, this.count(address) + 1);
  }

  remove(address: string): void {
    const left = this.count(address) - 1;
    if (left > 0) this.#counts.set(address, left);
    else this.#counts.delete(address);
  }
}
