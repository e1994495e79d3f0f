// The relay's Prometheus metrics (GET /metrics), one registry per relay: sockets, rooms and members,
// messages relayed, errors by code, rate-limit hits, resumes, refused connections, webhooks, plus Node's own.
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { StoreCounts } from './room-store.ts';

export type RelayMetrics = ReturnType<typeof createMetrics>;

/** `counts` gives the rooms and members on this relay (with Redis, each relay counts its own). */
export function createMetrics(counts: () => StoreCounts) {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'vc_relay_' });
  new Gauge({
    name: 'vc_relay_rooms',
    help: 'Rooms with at least one member on this relay.',
    registers,
    collect() {
      this.set(counts().rooms);
    },
  });
  new Gauge({
    name: 'vc_relay_members',
    help: 'Members of all rooms on this relay, including those away and able to resume.',
    registers,
    collect() {
      this.set(counts().members);
    },
  });
  new Gauge({
    name: 'vc_relay_members_held',
    help: 'Members whose connection dropped, held for a resume (at most RESUME_HELD_PER_IP per client address).',
    registers,
    collect() {
      this.set(counts().held);
    },
  });
  new Gauge({
    name: 'vc_relay_resume_held_bytes',
    help: 'Bytes of events this relay keeps for held members to resume (at most RESUME_HELD_BYTES).',
    registers,
    collect() {
      this.set(counts().heldBytes);
    },
  });
  /** Counted as plain numbers on the hot path (prom-client hashes the labels on every inc), read when scraped. */
  const relayed = { description: 0, candidate: 0, other: 0 };
  new Counter({
    name: 'vc_relay_messages_relayed_total',
    help: 'Signals relayed to members, by the kind of data: description, candidate, other.',
    labelNames: ['type'],
    registers,
    collect() {
      this.reset();
      for (const [type, count] of Object.entries(relayed)) this.inc({ type }, count);
    },
  });
  return {
    registry,
    sockets: new Gauge({ name: 'vc_relay_sockets_open', help: 'Open WebSocket connections.', registers }),
    /** Signals relayed, by kind: add to them. */
    relayed,
    errors: new Counter({
      name: 'vc_relay_errors_total',
      help: 'Errors answered to clients, by code.',
      labelNames: ['code'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'vc_relay_rate_limited_total',
      help: 'Events refused because a connection went over its rate limit.',
      registers,
    }),
    resumes: new Counter({
      name: 'vc_relay_resumes_total',
      help: 'Members who came back within the grace period (resumed), did not (expired), or were ended early to keep held members within their limits (evicted).',
      labelNames: ['outcome'],
      registers,
    }),
    hostActions: new Counter({
      name: 'vc_relay_host_actions_total',
      help: 'Host actions carried out: admit, deny, remove, mute, lock, unlock, lobby-on, lobby-off, end.',
      labelNames: ['action'],
      registers,
    }),
    knocks: new Counter({
      name: 'vc_relay_knocks_total',
      help: 'Knocks on lobbies, by what became of them: knocked, admitted, denied, timeout.',
      labelNames: ['outcome'],
      registers,
    }),
    refused: new Counter({
      name: 'vc_relay_connections_refused_total',
      help: 'Connections refused before a session existed, by reason.',
      labelNames: ['reason'],
      registers,
    }),
    webhooks: new Counter({
      name: 'vc_relay_webhooks_total',
      help: 'Webhook events delivered, attempts retried, events failed after their last attempt, and events dropped unsent (a full queue, or the relay closing).',
      labelNames: ['outcome'],
      registers,
    }),
  };
}
