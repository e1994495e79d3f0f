// The seeded randomness of the relay fuzz test: a small PRNG, so a failing run replays from its seed, and the
// draws the generators in fuzz-packets.ts make from it.

/** A number in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG, so that a failing run can be replayed from its seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  constructor(readonly next: Rng) {}

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  bytes(length: number): Buffer {
    const buffer = Buffer.alloc(length);
    for (let i = 0; i < length; i++) buffer[i] = this.int(0, 255);
    return buffer;
  }

  /** Text that JSON and the parsers find awkward: controls, punctuation, lone surrogates, line separators. */
  text(min: number, max: number): string {
    let text = '';
    for (let i = this.int(min, max); i > 0; i--) text += this.pick(CHARACTERS);
    return text;
  }
}

const CHARACTERS = [
  ...'abcXYZ019-_.~ ',
  ...'[]{}",:/\\-',
  '\u0000',
  '\n',
  '\u007f',
  'é',
  '中',
  '😀',
  '\ud800',
  '\udfff',
  '\u2028',
  '\ufeff',
];
