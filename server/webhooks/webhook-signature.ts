// Webhook signatures, as Stripe signs its webhooks: the relay sends `x-vc-timestamp: <unix seconds>` and
// `x-vc-signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`; a site's backend checks both with
// verifyWebhook(), refusing a timestamp outside the replay window. This is the package's `./webhooks` export.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type { WebhookEvent, WebhookEventType } from './webhook-event.ts';

/** The headers of each webhook request (Node gives header names in lower case). */
export const WEBHOOK_HEADERS = {
  timestamp: 'x-vc-timestamp',
  signature: 'x-vc-signature',
  /** The event's id, also in its body: a backend that has seen it already can ignore a redelivery. */
  eventId: 'x-vc-event-id',
} as const;

/** How far a webhook's timestamp may be from the receiver's clock, either way, by default. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The `x-vc-signature` value for one request: `v1=` and the hex HMAC-SHA256 of `"<timestamp>.<body>"`. The
 * relay signs each attempt anew, so a retry carries a fresh timestamp.
 */
export function signWebhook(body: string, secret: string, timestampSeconds: number): string {
  if (!secret) throw new TypeError('webhooks need a secret to be signed with');
  return `v1=${hmac(body, secret, String(timestampSeconds))}`;
}

/** What a webhook request brings: its raw body (before any JSON parsing) and its two headers. */
export interface WebhookRequest {
  body: string | Uint8Array;
  /** `x-vc-signature`. */
  signature: string | string[] | null | undefined;
  /** `x-vc-timestamp`. */
  timestamp: string | string[] | null | undefined;
}

export interface VerifyOptions {
  /** The replay window in seconds, either way; default 300. */
  toleranceSeconds?: number;
  /** The receiver's clock, in milliseconds. */
  now?: number;
}

/**
 * Whether a webhook request came from a relay with `secret` (the relay's WEBHOOK_SECRET), unaltered, and
 * recently: its signature matches its raw body and timestamp (compared in constant time), and that timestamp
 * is within `toleranceSeconds` of now, so a recorded request cannot be replayed later.
 *
 * @example
 * import { verifyWebhook, WEBHOOK_HEADERS } from 'video-conference/webhooks';
 * const signature = req.headers[WEBHOOK_HEADERS.signature];
 * const timestamp = req.headers[WEBHOOK_HEADERS.timestamp];
 * if (!verifyWebhook({ body: rawBody, signature, timestamp }, process.env.WEBHOOK_SECRET)) return res.writeHead(400).end();
 */
export function verifyWebhook(
  { body, signature, timestamp }: WebhookRequest,
  secret: string,
  { toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS, now = Date.now() }: VerifyOptions = {},
): boolean {
  // An unset secret would accept whatever anyone signed with an empty key.
  if (!secret) throw new TypeError('verifyWebhook needs the secret the relay signs with (its WEBHOOK_SECRET)');
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(body, secret, timestamp));
  // Several comma-separated entries are allowed, as Stripe allows them; a `v1=` one must match.
  return signature.split(',').some((entry) => {
    const [scheme, value = ''] = entry.trim().split('=', 2);
    const given = Buffer.from(value);
    return scheme === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function hmac(body: string | Uint8Array, secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}
