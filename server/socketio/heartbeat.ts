// One timer for the Engine.IO heartbeat of every connection (rather than a timer each): it ticks a few times per
// ping timeout and asks each connection whether a ping is due or a pong overdue. The ping may go out up to a
// tick late, well within what clients allow (pingInterval + pingTimeout). No connections, no timer.

export interface Beating {
  /** Sends a ping that is due, or closes the connection whose pong is overdue. */
  beat(now: number): void;
}

export class Heartbeat {
  #tickMs: number;
  #connections = new Set<Beating>();
  #timer: NodeJS.Timeout | undefined;

  /** Ticks every quarter of the shorter of the two heartbeat times. */
  constructor({ pingIntervalMs, pingTimeoutMs }: { pingIntervalMs: number; pingTimeoutMs: number }) {
    this.#tickMs = Math.max(1, Math.floor(Math.min(pingIntervalMs, pingTimeoutMs) / 4));
  }

  add(connection: Beating): void {
    this.#connections.add(connection);
    this.#timer ??= setInterval(() => this.#tick(), this.#tickMs);
  }

  delete(connection: Beating): void {
    this.#connections.delete(connection);
    if (this.#connections.size > 0) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    const now = performance.now();
    for (const connection of this.#connections) connection.beat(now);
  }
}
