// buildRelay(options): the relay as a Fastify instance, made of plugins (server/plugins/): its metrics
// (GET /metrics) and its rooms (`app.store`, in memory or in Redis when REDIS_URL is set), the SFU driver
// (`app.sfu`, with SFU_URL), the webhooks (`app.webhooks`, with WEBHOOK_URL), the origin guard
// (ALLOWED_ORIGINS, origin-guard.ts), the widget's files and the demo pages, /healthz and /readyz, and
// signaling on /socket.io/. It never listens.
import websocket from '@fastify/websocket';
import fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { resolveSettings, type RelaySettings } from './config.ts';
import { originGuard } from './origin-guard.ts';
import { healthPlugin } from './plugins/health.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { roomStorePlugin } from './plugins/room-store.ts';
import { sfuPlugin } from './plugins/sfu.ts';
import { signalingPlugin } from './plugins/signaling.ts';
import { webhooksPlugin } from './plugins/webhooks.ts';
import { widgetFilesPlugin } from './plugins/widget-files.ts';
import { trustFunction } from './trust-proxy.ts';

export interface RelayOptions extends Partial<RelaySettings> {
  /** Fastify's logger option: false (default) for none, or pino options. */
  logger?: FastifyServerOptions['logger'];
}

export function buildRelay(options: RelayOptions = {}): FastifyInstance {
  const { logger = false, ...rest } = options;
  const settings = resolveSettings(rest);
  const isProxy = trustFunction(settings.trustProxy);
  const app = fastify({
    logger,
    trustProxy: isProxy,
    // Slow or unfinished requests (half-open handshakes) are closed; Node checks them every second.
    requestTimeout: settings.requestTimeoutMs,
    // An idle keep-alive connection holds one of its address's MAX_CONNECTIONS_PER_IP, and a browser keeps up to
    // six per origin after loading the widget: Node's 5 s, not Fastify's 72 s, or a few people behind one NAT
    // who load the page together would shut out the next.
    keepAliveTimeout: 5_000,
    http: {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    // Per-request lines would mostly be static files; sessions and failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
  });

  app.register(metricsPlugin);
  // Before the rooms, which report to it, and closed after them: the last goodbyes still go out.
  app.register(webhooksPlugin, { settings });
  // Opened before anything is served, and closed after the connections.
  app.register(roomStorePlugin, { settings });
  app.register(sfuPlugin, { settings });
  // Before the other request hooks, so that a refused upgrade still gets its socket closed.
  app.register(websocket, {
    // The Socket.IO layer keeps its own set of connections: ws need not track its clients too (a listener and
    // a set entry per connection).
    options: { maxPayload: settings.maxPayloadBytes, clientTracking: false },
    // The Socket.IO layer says goodbye to each client and closes the server in its own preClose hook.
    preClose: (done) => done(),
  });
  app.register(originGuard, {
    allowedOrigins: settings.allowedOrigins,
    publicUrl: settings.publicUrl,
    refused: () => app.metrics.refused.inc({ reason: 'origin' }),
  });
  app.register(widgetFilesPlugin);
  app.register(healthPlugin);
  app.register(signalingPlugin, { settings, isProxy });
  return app;
}
