// buildRelay(options): the relay as a Fastify instance. It serves the widget bundle (with CORS, so any
// allowed site can embed it) and the demo pages (/strict is the module demo under a strict CSP), answers
// /healthz, /readyz and /metrics, refuses other origins when ALLOWED_ORIGINS says so (origin-guard.ts), and
// relays signaling on /socket.io/. Rooms live in memory, or in Redis when REDIS_URL is set (store.ts). It
// never listens.
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { resolveSettings, type RelaySettings } from './config.ts';
import { limitConnections } from './connection-limit.ts';
import { createMetrics } from './metrics.ts';
import { originGuard } from './origin-guard.ts';
import { DEMO_DIR, WIDGET_DIR } from './paths.ts';
import type { RoomStore } from './room-store.ts';
import { SignalingSession, type SignalingContext } from './signaling.ts';
import { socketIoPlugin } from './socketio/plugin.ts';
import { createStore } from './store.ts';
import { trustFunction } from './trust-proxy.ts';

export interface RelayOptions extends Partial<RelaySettings> {
  /** Fastify's logger option: false (default) for none, or pino options. */
  logger?: FastifyServerOptions['logger'];
}

export function buildRelay(options: RelayOptions = {}): FastifyInstance {
  const { logger = false, ...rest } = options;
  const settings = resolveSettings(rest);
  const trustProxy = trustFunction(settings.trustProxy);
  const app = fastify({
    logger,
    trustProxy,
    // Slow or unfinished requests (half-open handshakes) are closed; Node checks them every second.
    requestTimeout: settings.requestTimeoutMs,
    http: {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    // Per-request lines would mostly be static files; sessions and failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
  });
  // Set while the app loads (opening a Redis store is async), before any request or connection is served.
  let store!: RoomStore;
  const counts = () => store?.counts() ?? { rooms: 0, members: 0, held: 0, heldBytes: 0 };
  const metrics = createMetrics(counts);
  const connectionLimit = limitConnections(app.server, {
    maxPerIp: settings.maxConnectionsPerIp,
    isProxy: trustProxy,
    refused: () => metrics.refused.inc({ reason: 'ip-limit' }),
  });
  app.register(async () => {
    store = await createStore(settings, app.log, (member, why) => {
      metrics.resumes.inc({ outcome: why });
      app.log.info({ room: member.room, peer: member.id, reason: 'timeout', why }, 'left');
    });
  });
  app.addHook('onClose', async () => store?.close());
  // What every signaling session shares; its store too is set before any connection is served.
  const signaling: SignalingContext = {
    get store() {
      return store;
    },
    settings,
    metrics,
    log: app.log,
  };

  // First, so that its hooks run before the others' (a refused upgrade still gets its socket closed).
  app.register(websocket, {
    options: { maxPayload: settings.maxPayloadBytes },
    // The Socket.IO layer says goodbye to each client and closes the server in its own preClose hook.
    preClose: (done) => done(),
  });
  app.register(originGuard, {
    allowedOrigins: settings.allowedOrigins,
    publicUrl: settings.publicUrl,
    refused: () => metrics.refused.inc({ reason: 'origin' }),
  });

  // The widget: from dist/, which also holds the relay's own build, so only the bundle, its chunks and their
  // maps are public there. The build writes .br and .gz copies of them, sent as they are to browsers that
  // accept them.
  app.register(fastifyStatic, {
    root: WIDGET_DIR,
    allowedPath: (path) => /^\/(video-conference|chunks\/[\w-]+)\.js(\.map)?$/.test(path),
    preCompressed: true,
    cacheControl: false,
    decorateReply: false,
    setHeaders: widgetFileHeaders,
  });
  // The demo pages: a route for each file (found at start), which take precedence over the widget's wildcard.
  app.register(fastifyStatic, { root: DEMO_DIR, wildcard: false, setHeaders: allowAnyOrigin });

  // The module demo under a strict Content-Security-Policy, to show (and test) that the widget needs nothing more.
  app.get('/strict', (_request, reply) =>
    reply.header('content-security-policy', STRICT_CSP).sendFile('module.html', DEMO_DIR),
  );

  app.get('/healthz', async () => ({
    status: 'ok',
    rooms: counts().rooms,
    peers: counts().members,
    uptimeSeconds: Math.round(process.uptime()),
  }));

  // Once the relay is closing, Fastify answers every request, this one included, with 503; so does a relay
  // whose Redis is unreachable, so that a load balancer sends newcomers to another.
  app.get('/readyz', async (_request, reply) =>
    store.ready ? { ready: true } : reply.code(503).send({ ready: false, reason: 'Redis is unreachable' }),
  );

  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );

  app.register(socketIoPlugin, {
    ...settings,
    connectionLimit,
    handlers: {
      connect: (connection) => new SignalingSession(connection, signaling),
      handlerError: (connection, event, error) => {
        app.log.error({ err: error, event, sid: connection.id }, 'signaling handler failed');
        connection.emit('error', { code: 'invalid-request', message: `could not handle ${event}` });
      },
      shutdown: (connection) => {
        connection.emit('error', { code: 'server-shutting-down', message: 'The relay is restarting.' });
      },
      socketsChanged: (open) => metrics.sockets.set(open),
    },
  });

  return app;
}

/**
 * A strict policy a site could use: scripts and styles from the page's origin only, no inline code, signaling
 * over WebSocket, and Trusted Types enforced. Lit creates one Trusted Types policy, named `lit-html`, for its
 * template HTML (and throws at load time if it may not), so that is the one policy name allowed.
 */
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/**
 * A module script loaded by a page on another origin is fetched in CORS mode, so "one script tag on any site"
 * needs these headers on the bundle. The origin check above has already refused the origins not allowed.
 */
function allowAnyOrigin(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
  reply.header('cross-origin-resource-policy', 'cross-origin');
}

const WIDGET_CHUNKS_DIR = join(WIDGET_DIR, 'chunks');

/**
 * Chunks have their content's hash in their names, so browsers keep them for good; the bundle itself is checked
 * again on each visit (its ETag makes that a 304), so a new release reaches every page at once. The encoding
 * sent depends on Accept-Encoding, which shared caches must know.
 */
function widgetFileHeaders(reply: FastifyReply, path: string): void {
  allowAnyOrigin(reply);
  const hashed = path.startsWith(WIDGET_CHUNKS_DIR);
  reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  reply.header('vary', 'accept-encoding');
}
