// Webhook delivery: each event goes to the site's backend (WEBHOOK_URL) as a signed JSON POST, in the order
// the events happened, one at a time, retried with exponential backoff, from a bounded queue that drops its
// oldest event when full. send() neither waits nor throws: signaling never depends on the site's backend.
import type { FastifyBaseLogger } from 'fastify';
import type { WebhookSettings } from '../config.ts';
import { webhookEvent, type WebhookEventType } from './webhook-event.ts';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.ts';

/** An attempt that failed and will be retried, or an event delivered, given up on, or dropped unsent. */
export type WebhookOutcome = 'retried' | 'delivered' | 'failed' | 'dropped';

export interface WebhookOptions {
  log: Pick<FastifyBaseLogger, 'debug' | 'warn' | 'error'>;
  /** Called for each outcome (the relay counts them in vc_relay_webhooks_total). */
  counted?: (outcome: WebhookOutcome) => void;
  /** Attempts per event, the first included; default 6. */
  maxAttempts?: number;
  /** The wait before the first retry, doubled before each next one (at most a minute); default 1 s. */
  retryDelayMs?: number;
  /** How long one attempt may take; default 5 s. */
  attemptTimeoutMs?: number;
  /** How long close() may spend on the events still queued; default 2 s. */
  flushMs?: number;
}

const MAX_RETRY_DELAY_MS = 60_000;

interface Queued {
  id: string;
  type: WebhookEventType;
  body: string;
}

/**
 * The relay's webhooks (`app.webhooks`). Exactly one relay sends each event: the one whose room-store
 * operation caused it, so several relays on one Redis need nothing more here.
 *
 * @example
 * app.webhooks?.send('participant-joined', room, { participant: id, name });
 */
export class Webhooks {
  readonly #settings: WebhookSettings;
  readonly #log: WebhookOptions['log'];
  readonly #counted: (outcome: WebhookOutcome) => void;
  readonly #maxAttempts: number;
  readonly #retryDelayMs: number;
  readonly #attemptTimeoutMs: number;
  readonly #flushMs: number;
  /** Waiting events, oldest first; the one being delivered is no longer here. */
  readonly #queue: Queued[] = [];
  /** The delivery loop, while there is something to deliver. */
  #running: Promise<void> | null = null;
  /** Aborted by close(): no new events, no more retries. */
  readonly #closing = new AbortController();
  /** Aborted when close() runs out of time: the attempt in flight ends, and the rest are dropped. */
  readonly #stopped = new AbortController();
  #closed: Promise<void> | null = null;
  /** Whether the queue has overflowed since it was last empty: one warning per episode, not per event. */
  #overflowing = false;

  constructor(settings: WebhookSettings, options: WebhookOptions) {
    this.#settings = settings;
    this.#log = options.log;
    this.#counted = options.counted ?? (() => {});
    this.#maxAttempts = options.maxAttempts ?? 6;
    this.#retryDelayMs = options.retryDelayMs ?? 1000;
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? 5000;
    this.#flushMs = options.flushMs ?? 2000;
  }

  /** Queues an event for delivery and returns at once; it never throws. */
  send(type: WebhookEventType, room: string, data: Record<string, unknown> = {}): void {
    if (this.#closing.signal.aborted) {
      this.#counted('dropped');
      return void this.#log.debug({ type, room }, 'webhook dropped: the relay is closing');
    }
    const event = webhookEvent(type, room, data);
    let body: string;
    try {
      body = JSON.stringify(event);
    } catch (error) {
      this.#counted('failed');
      return void this.#log.error({ err: error, type, room }, 'webhook event cannot be written as JSON');
    }
    this.#queue.push({ id: event.id, type, body });
    if (this.#queue.length > this.#settings.maxQueued) {
      this.#queue.shift();
      this.#counted('dropped');
      if (!this.#overflowing) {
        this.#overflowing = true;
        this.#log.warn({ maxQueued: this.#settings.maxQueued }, 'webhook queue full: dropping the oldest events');
      }
    }
    this.#running ??= this.#drain();
  }

  /**
   * Takes no more events, gives what is queued one attempt each for at most `flushMs`, then drops the rest
   * and ends the attempt in flight. Leaves no timer behind.
   */
  close(): Promise<void> {
    return (this.#closed ??= this.#flush());
  }

  async #flush(): Promise<void> {
    this.#closing.abort();
    const deadline = setTimeout(() => this.#stopped.abort(), this.#flushMs);
    await this.#running;
    clearTimeout(deadline);
    const left = this.#queue.splice(0).length;
    for (let i = 0; i < left; i++) this.#counted('dropped');
    if (left) this.#log.warn({ dropped: left }, 'webhooks not sent: the relay closed');
  }

  async #drain(): Promise<void> {
    while (this.#queue.length && !this.#stopped.signal.aborted) {
      // Only a throwing `counted` could get here; the loop must go on, and nothing may reject unhandled.
      await this.#deliver(this.#queue.shift()!).catch((error: unknown) =>
        this.#log.error({ err: error }, 'webhook delivery failed'),
      );
    }
    this.#running = null;
    this.#overflowing = false;
  }

  async #deliver(event: Queued): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const problem = await this.#attempt(event);
      if (problem === null) return this.#counted('delivered');
      const log = { event: event.id, type: event.type, attempt, problem };
      if (attempt >= this.#maxAttempts || this.#closing.signal.aborted) {
        this.#counted('failed');
        return void this.#log.warn(log, 'webhook not delivered: giving up');
      }
      this.#counted('retried');
      this.#log.debug(log, 'webhook attempt failed: retrying');
      await this.#pause(Math.min(this.#retryDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS));
    }
  }

  /** One POST: null if the backend answered 2xx, otherwise what went wrong. */
  async #attempt({ id, body }: Queued): Promise<string | null> {
    const timestamp = Math.floor(Date.now() / 1000);
    const attempt = new AbortController();
    const timer = setTimeout(
      () => attempt.abort(new Error(`no answer within ${this.#attemptTimeoutMs} ms`)),
      this.#attemptTimeoutMs,
    );
    const stop = (): void => attempt.abort(new Error('the relay closed'));
    this.#stopped.signal.addEventListener('abort', stop);
    try {
      const response = await fetch(this.#settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'video-conference-relay',
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(body, this.#settings.secret, timestamp),
          [WEBHOOK_HEADERS.eventId]: id,
        },
        body,
        // A redirect would take the signed event somewhere nobody configured: it counts as a failure.
        redirect: 'manual',
        signal: attempt.signal,
      });
      await response.body?.cancel().catch(() => undefined);
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      if (attempt.signal.aborted) return String((attempt.signal.reason as Error).message);
      const { message, cause } = error as Error & { cause?: { code?: string } };
      return cause?.code ?? message;
    } finally {
      clearTimeout(timer);
      this.#stopped.signal.removeEventListener('abort', stop);
    }
  }

  /** Waits before a retry; close() cuts the wait short. */
  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#closing.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#closing.signal.addEventListener('abort', done);
    });
  }
}
