// Signaling as a Fastify plugin: the Socket.IO endpoint on /socket.io/ (socketio/plugin.ts) with a
// SignalingSession for each connection, the per-address connection cap counted from the TCP accept, and what
// a session cannot handle itself: a handler that failed, and the goodbye when the relay shuts down.
import type { FastifyPluginAsync } from 'fastify';
import { KnockLimits } from '../knock-limits.ts';
import type { RelaySettings } from '../config.ts';
import { limitConnections } from '../connection-limit.ts';
import { WIRE_ERRORS } from '../errors.ts';
import { SignalingSession, type SignalingContext } from '../signaling.ts';
import { socketIoPlugin } from '../socketio/plugin.ts';
import type { TrustFunction } from '../trust-proxy.ts';

export interface SignalingPluginOptions {
  settings: RelaySettings;
  /** Which addresses are the operator's proxies (TRUST_PROXY): their connections are not capped. */
  isProxy: TrustFunction;
}

export const signalingPlugin: FastifyPluginAsync<SignalingPluginOptions> = async (app, { settings, isProxy }) => {
  const { store, sfu, metrics, log, webhooks } = app;
  const connectionLimit = limitConnections(app.server, {
    maxPerIp: settings.maxConnectionsPerIp,
    isProxy,
    refused: () => metrics.refused.inc({ reason: 'ip-limit' }),
  });
  // What every session shares.
  const context: SignalingContext = { store, sfu, settings, metrics, log, webhooks, knocks: new KnockLimits(settings) };
  app.register(socketIoPlugin, {
    ...settings,
    connectionLimit,
    handlers: {
      connect: (connection) => new SignalingSession(connection, context),
      handlerError: (connection, event, error) => {
        log.error({ err: error, event, sid: connection.id }, 'signaling handler failed');
        connection.emit('error', WIRE_ERRORS.handlerFailed(event));
      },
      shutdown: (connection) => {
        connection.emit('error', WIRE_ERRORS.shuttingDown);
      },
      socketsChanged: (open) => metrics.sockets.set(open),
    },
  });
};
