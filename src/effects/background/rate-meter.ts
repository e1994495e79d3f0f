// Counts events per second over the last second or so, for the effect's stats, without allocating per event.

const WINDOW_MS = 1000;

export class RateMeter {
  #windowStart = performance.now();
  #count = 0;
  #rate = 0;

  /** Counts one event at `now`. */
  add(now: number): void {
    this.#count++;
    this.#roll(now);
  }

  /** Events per second over the last window of a second or more (zero once events stop coming). */
  rate(now = performance.now()): number {
    this.#roll(now);
    return this.#rate;
  }

  #roll(now: number): void {
    const elapsed = now - this.#windowStart;
    if (elapsed < WINDOW_MS) return;
    this.#rate = (this.#count * 1000) / elapsed;
    this.#count = 0;
    this.#windowStart = now;
  }
}
