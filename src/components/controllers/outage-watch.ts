// How the relay connection is doing, as the widget tells it: a relay that never answered (unreachable) is not
// one that dropped (reconnecting), and either, once gone for STALLED_MS, is worth saying plainly, with a way to
// try again now (stalled).
/** How long without the relay before the widget says so more plainly and offers to try now. */
const STALLED_MS = 10_000;

export class OutageWatch {
  /** The relay has not answered this call yet. */
  unreachable = false;
  /** Without the relay for STALLED_MS already. */
  stalled = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #changed: () => void;

  constructor(changed: () => void) {
    this.#changed = changed;
  }

  /** An outage began, or goes on (the clock is not restarted), or ended (`false`). */
  watch(outage: boolean): void {
    if (outage && this.#timer !== undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.stalled = false;
    if (!outage) return;
    this.#timer = setTimeout(() => {
      this.stalled = true;
      this.#changed();
    }, STALLED_MS);
  }

  /** A new call: nothing known yet. */
  reset(): void {
    this.unreachable = false;
    this.watch(false);
  }
}
