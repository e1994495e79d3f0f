// Fastify plugin for the /socket.io/ route: upgrades Engine.IO v4 WebSocket handshakes into
// SocketIoConnections, and answers anything else (HTTP long-polling, other versions) with HTTP 400 and JSON.
import websocket from '@fastify/websocket';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { SocketIoConnection, type SocketIoHandlers, type SocketIoOptions } from './socketio-connection.ts';

export interface SocketIoPluginOptions extends SocketIoOptions {
  handlers: SocketIoHandlers & {
    /** Called for each connection when the server closes, just before its transport is closed. */
    shutdown(connection: SocketIoConnection): void;
  };
}

/** Engine.IO's own codes for refused handshakes, with a hint for people reading the response. */
const HANDSHAKE_ERRORS = {
  transport: {
    code: 0,
    message: 'Transport unknown',
    hint: 'this relay speaks Engine.IO v4 over WebSocket only: use socket.io-client with transports: ["websocket"]',
  },
  session: { code: 1, message: 'Session ID unknown', hint: 'transport upgrades are not supported' },
  request: { code: 3, message: 'Bad request', hint: 'expected a WebSocket upgrade' },
  protocol: { code: 5, message: 'Unsupported protocol version', hint: 'expected EIO=4' },
} as const;

type HandshakeError = (typeof HANDSHAKE_ERRORS)[keyof typeof HANDSHAKE_ERRORS];

export const socketIoPlugin: FastifyPluginAsync<SocketIoPluginOptions> = async (app, options) => {
  const { handlers, ...connectionOptions } = options;
  const connections = new Map<WebSocket, SocketIoConnection>();
  await app.register(websocket, {
    options: { maxPayload: options.maxPayloadBytes },
    // Tell each client why, then close without a DISCONNECT packet, so socket.io-client reconnects.
    preClose(done) {
      for (const connection of connections.values()) {
        handlers.shutdown(connection);
        connection.close('server shutting down');
      }
      this.websocketServer.close();
      done();
    },
  });

  app.route({
    method: 'GET',
    url: '/socket.io/',
    preValidation: async (request, reply) => {
      const problem = handshakeProblem(request);
      if (problem) await refuse(reply, problem);
    },
    handler: (_request, reply) => refuse(reply, HANDSHAKE_ERRORS.request),
    wsHandler: (socket) => {
      connections.set(socket, new SocketIoConnection(socket, connectionOptions, handlers));
      socket.once('close', () => connections.delete(socket));
    },
  });
  // HTTP long-polling sends its packets with POST. Refused in onRequest, before Fastify parses (and would
  // judge the content type of) a body nobody reads.
  app.post(
    '/socket.io/',
    { onRequest: async (request, reply) => refuse(reply, handshakeProblem(request) ?? HANDSHAKE_ERRORS.transport) },
    async () => undefined,
  );
};

function handshakeProblem(request: FastifyRequest): HandshakeError | undefined {
  const query = request.query as Record<string, unknown>;
  if (query.EIO !== '4') return HANDSHAKE_ERRORS.protocol;
  if (query.transport !== 'websocket') return HANDSHAKE_ERRORS.transport;
  if (query.sid !== undefined) return HANDSHAKE_ERRORS.session;
  return undefined;
}

function refuse(reply: FastifyReply, problem: HandshakeError): FastifyReply {
  return reply.code(400).header('cache-control', 'no-store').send(problem);
}
