// Health for operators and load balancers: GET /healthz (up, with the room and member counts) and
// GET /readyz (503 while the relay's Redis is unreachable, and once the relay is closing, when Fastify itself
// answers every request with 503), so that a load balancer sends newcomers to another relay.
import fp from 'fastify-plugin';

export const healthPlugin = fp(
  async (app) => {
    app.get('/healthz', async () => {
      const { rooms, members } = app.store.counts();
      return { status: 'ok', rooms, peers: members, uptimeSeconds: Math.round(process.uptime()) };
    });
    app.get('/readyz', async (_request, reply) =>
      app.store.ready ? { ready: true } : reply.code(503).send({ ready: false, reason: 'Redis is unreachable' }),
    );
  },
  { name: 'health', dependencies: ['room-store'] },
);
