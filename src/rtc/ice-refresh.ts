// Keeps TURN credentials fresh in a long call: asks the relay for new ones at 80% of their lifetime, then at
// 80% of each new set's. A chunk of its own, loaded only when the relay hands out TURN credentials.
import type { IceServer, IceServersAck } from '../protocol.ts';

/** The share of the credentials' lifetime after which fresh ones are asked for... */
export const REFRESH_AT = 0.8;
/** ...and, when no answer came (the relay connection is down, say), how much of it passes before asking again. */
export const RETRY_AFTER = 0.05;

export interface Timers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/**
 * Asks for fresh servers before the ones valid for `ttlSeconds` expire, and gives each new set to `apply`.
 * Returns the function that stops it.
 */
export function refreshIceServers(
  ttlSeconds: number,
  ask: () => Promise<IceServersAck | null>,
  apply: (iceServers: IceServer[]) => void,
  timers: Timers = globalThis,
): () => void {
  let stopped = false;
  let timer = 0;
  const schedule = (seconds: number): void => {
    timer = timers.setTimeout(() => void refresh(), seconds * 1000);
  };
  const refresh = async (): Promise<void> => {
    const answer = await ask();
    if (stopped) return;
    if (!answer?.ok) return schedule(RETRY_AFTER * ttlSeconds);
    apply(answer.iceServers);
    ttlSeconds = answer.iceServersTtl ?? 0;
    // Without a lifetime the relay no longer hands out TURN credentials: nothing left to refresh.
    if (ttlSeconds) schedule(REFRESH_AT * ttlSeconds);
  };
  schedule(REFRESH_AT * ttlSeconds);
  return () => {
    stopped = true;
    timers.clearTimeout(timer);
  };
}
