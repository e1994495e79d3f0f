// Counting rendering work in browser tests: animation frames, and a Lit element's updates, so a test can say
// "at most one update per frame" without measuring time.
import type { LitElement } from 'lit';

/** Counts animation frames from now until `stop()`. */
export function countFrames(): { readonly count: number; stop(): void } {
  let count = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    count++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    get count() {
      return count;
    },
    stop: () => (running = false),
  };
}

/** Counts the element's updates (its `updated()` calls) from now on. */
export function countUpdates(element: LitElement): { readonly count: number } {
  let count = 0;
  const target = element as unknown as { updated(changed: unknown): void };
  const updated = target.updated.bind(target);
  target.updated = (changed) => {
    count++;
    updated(changed);
  };
  return {
    get count() {
      return count;
    },
  };
}
