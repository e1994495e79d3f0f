// What a webhook says: the kinds of event the relay reports to a site's backend, and the JSON body of one,
// `{ id, type, room, at, data }`.
import { randomUUID } from 'node:crypto';

export type WebhookEventType =
  | 'room-started'
  | 'room-ended'
  | 'participant-joined'
  | 'participant-left'
  | 'knock'
  | 'participant-removed'
  | 'room-locked'
  | 'room-unlocked';

/** One webhook's body. */
export interface WebhookEvent {
  /** Unique per event, and the same on every delivery attempt of it (also sent as `x-vc-event-id`). */
  id: string;
  type: WebhookEventType;
  room: string;
  /** When it happened, as an ISO 8601 time in UTC. */
  at: string;
  /** What the event type tells, e.g. the participant's id and name. */
  data: Record<string, unknown>;
}

export function webhookEvent(type: WebhookEventType, room: string, data: Record<string, unknown>): WebhookEvent {
  return { id: randomUUID(), type, room, at: new Date().toISOString(), data };
}
