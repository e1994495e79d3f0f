// An AudioContext made without a user gesture starts suspended (autoplay policy): these keep one running by
// resuming it on the page's next pointerdown or keydown, and tell when it runs.
import { RtcError } from '../../rtc/errors.ts';

const GESTURES = ['pointerdown', 'keydown'] as const;

/**
 * Resumes `context` now and, whenever it is not running (suspended at creation, or later by the browser), on the
 * page's next pointerdown or keydown. Returns the function that removes the listeners.
 */
export function resumeOnGesture(context: AudioContext): () => void {
  const resume = () => {
    // Refused without a gesture (autoplay) or once closed: the next gesture tries again, and closing removes this.
    if (context.state !== 'running') context.resume().catch(() => {});
  };
  resume();
  for (const type of GESTURES) addEventListener(type, resume, { capture: true, passive: true });
  return () => {
    for (const type of GESTURES) removeEventListener(type, resume, { capture: true });
  };
}

/**
 * Resolves once `context` runs. Rejects with `signal`'s reason when it aborts first, and with
 * RtcError('effect-failed') if the context closes first.
 */
export function whenRunning(context: AudioContext, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => {
      context.removeEventListener('statechange', check);
      signal?.removeEventListener('abort', abort);
      outcome();
    };
    const check = () => {
      if (context.state === 'running') settle(resolve);
      else if (context.state === 'closed') settle(() => reject(new RtcError('effect-failed', 'The audio closed.')));
    };
    const abort = () => settle(() => reject(signal!.reason));
    if (signal?.aborted) return abort();
    context.addEventListener('statechange', check);
    signal?.addEventListener('abort', abort);
    check();
  });
}
