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

/**
 * Records when `video` presents each frame (requestVideoFrameCallback), from now until `stop()`, whatever
 * stream it plays meanwhile: the times, in milliseconds on the page's clock.
 */
export function recordVideoFrames(video: HTMLVideoElement): { readonly times: number[]; stop(): void } {
  const times: number[] = [];
  let running = true;
  const onFrame = (now: number) => {
    if (!running) return;
    times.push(now);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  return { times, stop: () => (running = false) };
}

/** The longest wait between two frames in `times`, and how many `reference` frames were presented during it. */
export function longestGap(times: number[], reference: number[]): { ms: number; referenceFrames: number } {
  let start = 0;
  let ms = 0;
  for (let i = 1; i < times.length; i++) {
    if (times[i]! - times[i - 1]! > ms) [start, ms] = [times[i - 1]!, times[i]! - times[i - 1]!];
  }
  return { ms, referenceFrames: reference.filter((time) => time > start && time < start + ms).length };
}
