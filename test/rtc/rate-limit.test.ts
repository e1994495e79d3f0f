// The token bucket that limits what each peer may send over its data channel, on a clock the test moves.
import { expect } from '@open-wc/testing';
import { tokenBucket } from '../../src/rtc/rate-limit.ts';

/** How many of `count` events in a row the bucket lets through. */
function takeMany(take: () => boolean, count: number): number {
  let taken = 0;
  for (let i = 0; i < count; i++) if (take()) taken++;
  return taken;
}

describe('tokenBucket', () => {
  it('lets a burst through at once, then the rate', () => {
    let now = 0;
    const take = tokenBucket(20, 50, () => now);
    expect(takeMany(take, 1000)).to.equal(50);
    now += 1000;
    expect(takeMany(take, 1000)).to.equal(20);
    now += 250;
    expect(takeMany(take, 1000)).to.equal(5);
    now += 50; // a token's worth, in fractions: one more
    expect(takeMany(take, 1000)).to.equal(1);
  });

  it('refills no further than the burst, however long it waited', () => {
    let now = 0;
    const take = tokenBucket(20, 50, () => now);
    takeMany(take, 50);
    now += 60 * 60_000;
    expect(takeMany(take, 1000)).to.equal(50);
  });

  it('never refuses a steady stream under the rate', () => {
    let now = 0;
    const take = tokenBucket(20, 50, () => now);
    let refused = 0;
    for (let i = 0; i < 10_000; i++) {
      now += 60; // about 16 a second
      if (!take()) refused++;
    }
    expect(refused).to.equal(0);
  });
});
