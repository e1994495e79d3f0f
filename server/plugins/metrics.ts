// The relay's metrics as a Fastify plugin: `app.metrics` for every part that counts something, and
// GET /metrics for Prometheus. The room counts are read from `app.store` when scraped.
import fp from 'fastify-plugin';
import { createMetrics, type RelayMetrics } from '../metrics.ts';
import type { StoreCounts } from '../room-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: RelayMetrics;
  }
}

const NO_COUNTS: StoreCounts = { rooms: 0, members: 0, held: 0, heldBytes: 0 };

export const metricsPlugin = fp(
  async (app) => {
    // The store plugin loads after this one (it counts resumes here): until then, nothing to count.
    const metrics = createMetrics(() => (app.hasDecorator('store') ? app.store.counts() : NO_COUNTS));
    app.decorate('metrics', metrics);
    app.get('/metrics', async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  },
  { name: 'metrics' },
);
