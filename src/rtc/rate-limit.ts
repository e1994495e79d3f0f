// A token bucket: `burst` events at once, refilled at `perSecond`. Limits what each peer may send us over
// its data channel (the relay limits each connection the same way, in server/token-bucket.ts), and reactions
// (which show on screen) further.
import { REACTIONS_BURST, REACTIONS_PER_SECOND, type Packet } from './packets.ts';

/** Returns `take()`: true and one token less, or false when the bucket is empty. */
export function tokenBucket(perSecond: number, burst: number, now = () => performance.now()): () => boolean {
  let tokens = burst;
  let updated = now();
  return () => {
    const time = now();
    tokens = Math.min(burst, tokens + ((time - updated) / 1000) * perSecond);
    updated = time;
    if (tokens < 1) return false;
    tokens--;
    return true;
  };
}

/** For one peer's packets: false for a reaction over their rate of reactions (anything else passes). */
export function reactionLimit(): (packet: Packet) => boolean {
  const take = tokenBucket(REACTIONS_PER_SECOND, REACTIONS_BURST);
  return (packet) => packet.type !== 'reaction' || take();
}
