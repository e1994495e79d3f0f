// Our own name: the one asked for (the `name` option, then setName) and the relay's word on it. A join
// token's name is the one shown and never changes; any other goes to the relay (rename), now or at the next join.
import type { JoinAccepted, Refusal } from '../protocol.ts';
import type { SignalingClient } from './signaling.ts';

export class OwnName {
  /** The name asked for ('' for none). */
  wanted: string;
  /** A join token set it. */
  verified = false;
  /** The relay's word: from the last join, or a rename it accepted. */
  #relayName: string | undefined;

  constructor(wanted = '') {
    this.wanted = wanted;
  }

  /** The name the others see: a join token's, else the one asked for. */
  get shown(): string {
    return (this.verified ? this.#relayName : this.wanted) ?? '';
  }

  /** For a join request: the relay refuses an empty name, so there is none. */
  get request(): string | undefined {
    return this.wanted.trim() || undefined;
  }

  /** What a join's answer (or its absence, with none) says of us. */
  joined({ name, verified }: Partial<Pick<JoinAccepted, 'name' | 'verified'>> = {}): void {
    this.#relayName = name;
    this.verified = !!verified;
  }

  /**
   * Asks the relay for the name we want, when it knows another. A refusal (a join token's name, an invalid
   * one) puts the relay's name back and is returned; without an answer (not joined now) the next join asks.
   */
  async sync(signaling: SignalingClient): Promise<Refusal | null> {
    const name = this.request;
    if (!name || name === this.#relayName) return null;
    const answer = await signaling.ask('rename', { name });
    if (answer?.ok) this.#relayName = name;
    if (answer?.ok !== false) return null;
    this.wanted = this.#relayName ?? '';
    return answer;
  }
}
