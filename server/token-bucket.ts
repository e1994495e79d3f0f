// A token bucket: `burst` events at once, refilled at `perSecond`. Used to rate-limit each connection.

/** One function for every bucket (a default written inline would be a closure per bucket). */
const monotonicNow = (): number => performance.now();

export class TokenBucket {
  #perSecond: number;
  #burst: number;
  #tokens: number;
  #updated: number;
  #now: () => number;

  constructor(perSecond: number, burst: number, now: () => number = monotonicNow) {
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#now = now;
    this.#updated = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    if (!this.ready()) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Whether a token is there to take. */
  ready(): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#updated) / 1000) * this.#perSecond);
    this.#updated = now;
    return this.#tokens >= 1;
  }
}
