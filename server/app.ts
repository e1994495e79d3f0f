// buildRelay(options): the relay as a Fastify instance. It serves the widget bundle (with CORS, so any
// site can embed it) and the demo, answers /healthz, and relays signaling on /socket.io/. It never listens.
import fastifyStatic from '@fastify/static';
import fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { resolveSettings, type RelaySettings } from './config.ts';
import { DEMO_DIR, WIDGET_DIR } from './paths.ts';
import { Rooms } from './rooms.ts';
import { attachSignaling } from './signaling.ts';
import { socketIoPlugin } from './socketio/plugin.ts';

export interface RelayOptions extends Partial<RelaySettings> {
  /** Fastify's logger option: false (default) for none, or pino options. */
  logger?: FastifyServerOptions['logger'];
}

export function buildRelay(options: RelayOptions = {}): FastifyInstance {
  const { logger = false, ...rest } = options;
  const settings = resolveSettings(rest);
  // Per-request lines would mostly be static files; sessions and failures are logged where they happen.
  const app = fastify({ logger, logController: new LogController({ disableRequestLogging: true }) });
  const rooms = new Rooms();

  app.register(fastifyStatic, {
    root: [DEMO_DIR, WIDGET_DIR],
    // dist/ also holds the relay's own build: only the widget bundle and its map are public there.
    allowedPath: (path, root) => root === DEMO_DIR || /^\/video-conference\.js(\.map)?$/.test(path),
    setHeaders: allowAnyOrigin,
  });

  app.get('/healthz', async () => ({
    status: 'ok',
    rooms: rooms.roomCount,
    peers: rooms.memberCount,
    uptimeSeconds: Math.round(process.uptime()),
  }));

  app.register(socketIoPlugin, {
    ...settings,
    handlers: {
      connect: (connection) => attachSignaling(connection, { rooms, iceServers: settings.iceServers }),
      unknownEvent: (connection, name) => {
        connection.emit('error', { code: 'invalid-request', message: `unknown event ${JSON.stringify(name)}` });
      },
      shutdown: (connection) => {
        connection.emit('error', { code: 'server-shutting-down', message: 'The relay is restarting.' });
      },
      handlerError: (connection, event, error) => {
        app.log.error({ err: error, event }, 'signaling handler failed');
        connection.emit('error', { code: 'invalid-request', message: `could not handle ${event}` });
      },
    },
  });

  return app;
}

/**
 * A module script loaded by a page on another origin is fetched in CORS mode, so "one script tag on any site"
 * needs these headers on the bundle. The files are public, so every origin may read them.
 */
function allowAnyOrigin(response: { setHeader(name: string, value: string): unknown }): void {
  response.setHeader('access-control-allow-origin', '*');
  response.setHeader('cross-origin-resource-policy', 'cross-origin');
}
