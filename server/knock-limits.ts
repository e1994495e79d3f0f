// How much one client address may knock on this relay: at most MAX_KNOCKS_PER_IP knocks waiting at once, and
// KNOCKS_PER_MINUTE_PER_IP new ones a minute, so that knocks withdrawn and made again cannot keep chiming at a
// room's hosts. An address is forgotten once it has nothing waiting and its allowance has refilled.
import type { RelaySettings } from './config.ts';
import { TokenBucket } from './token-bucket.ts';

/** An allowance refills from empty in a minute. */
const REFILL_MS = 60_000;

interface Knocker {
  waiting: number;
  allowance: TokenBucket;
}

export class KnockLimits {
  #maxWaiting: number;
  #perMinute: number;
  #knockers = new Map<string, Knocker>();

  constructor({
    maxKnocksPerIp,
    knocksPerMinutePerIp,
  }: Pick<RelaySettings, 'maxKnocksPerIp' | 'knocksPerMinutePerIp'>) {
    this.#maxWaiting = maxKnocksPerIp;
    this.#perMinute = knocksPerMinutePerIp;
  }

  /** Whether `address` may knock now: it has room for one more waiting, and allowance left. */
  allow(address: string): boolean {
    const knocker = this.#knockers.get(address);
    return !knocker || (knocker.waiting < this.#maxWaiting && knocker.allowance.ready());
  }

  /** A knock from `address` waits (and uses up some of its allowance)... */
  add(address: string): void {
    let knocker = this.#knockers.get(address);
    if (!knocker) {
      knocker = { waiting: 0, allowance: new TokenBucket(this.#perMinute / 60, this.#perMinute) };
      this.#knockers.set(address, knocker);
    }
    knocker.waiting++;
    knocker.allowance.take();
  }

  /** ...and no longer does. */
  remove(address: string): void {
    const knocker = this.#knockers.get(address);
    if (!knocker || --knocker.waiting > 0) return;
    this.#forgetLater(address, knocker);
  }

  #forgetLater(address: string, knocker: Knocker): void {
    setTimeout(() => {
      if (knocker.waiting === 0 && this.#knockers.get(address) === knocker) this.#knockers.delete(address);
    }, REFILL_MS).unref();
  }
}
