// Fastify plugin for the /socket.io/ route (on top of @fastify/websocket, registered by the app): upgrades
// Engine.IO v4 WebSocket handshakes into SocketIoConnections, and answers anything else (HTTP long-polling,
// other versions) with HTTP 400 and JSON.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { ConnectionLimit } from '../connection-limit.ts';
import { REQUEST_ERRORS, refuseRequest, type RequestError } from '../errors.ts';
import { Heartbeat } from './heartbeat.ts';
import { SocketIoConnection, type SocketIoHandlers, type SocketIoOptions } from './socketio-connection.ts';

export interface SocketIoPluginOptions extends Omit<SocketIoOptions, 'heartbeat'> {
  /** Counts handshakes that come through a reverse proxy against their client's address (HTTP 429 past it). */
  connectionLimit: ConnectionLimit;
  handlers: Omit<SocketIoHandlers, 'closed'> & {
    /** Called for each connection when the server closes, just before its transport is closed. */
    shutdown(connection: SocketIoConnection): void;
    /** The number of open WebSocket connections changed. */
    socketsChanged(open: number): void;
  };
}

export const socketIoPlugin: FastifyPluginAsync<SocketIoPluginOptions> = async (app, options) => {
  const { handlers: appHandlers, connectionLimit, ...settings } = options;
  const connectionOptions = { ...settings, heartbeat: new Heartbeat(settings) };
  const connections = new Set<SocketIoConnection>();
  const handlers: SocketIoHandlers = {
    ...appHandlers,
    closed: (connection) => {
      connections.delete(connection);
      appHandlers.socketsChanged(connections.size);
    },
  };
  // Tell each client why, then close without a DISCONNECT packet, so socket.io-client reconnects.
  app.addHook('preClose', async () => {
    for (const connection of connections) {
      appHandlers.shutdown(connection);
      connection.close('server shutting down');
    }
    app.websocketServer.close();
  });

  app.route({
    method: 'GET',
    url: '/socket.io/',
    preValidation: async (request, reply) => {
      const problem = handshakeProblem(request);
      if (problem) return refuseRequest(reply, problem);
      if (!request.ws) return; // a plain GET: the handler refuses it
      if (!connectionLimit.admitUpgrade(request)) return refuseRequest(reply, REQUEST_ERRORS.connections);
    },
    handler: (_request, reply) => refuseRequest(reply, REQUEST_ERRORS.request),
    wsHandler: (socket, request) => {
      releaseUpgrade(socket, request);
      connections.add(new SocketIoConnection(socket, connectionOptions, handlers, request.ip));
      appHandlers.socketsChanged(connections.size);
    },
  });
  // HTTP long-polling sends its packets with POST; no other method means anything to Engine.IO. Refused in
  // onRequest, before Fastify parses (and would judge the content type of) a body nobody reads.
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: '/socket.io/',
    onRequest: async (request, reply) => refuseRequest(reply, handshakeProblem(request) ?? REQUEST_ERRORS.transport),
    handler: async () => undefined,
  });
};

/**
 * @fastify/websocket leaves the upgrade's HTTP request and response reachable for as long as the connection lives
 * (the response stays assigned to the TCP socket, and its error listener on the WebSocket holds both): about
 * 2.7 KB per connection that nothing uses. The session's engine listens for the WebSocket's errors itself.
 * The response's close listener made the TCP socket's list of close listeners grow to room for about twenty;
 * taking it off leaves that room. Taken down to one listener and built again, it is a list of its size (144 B less
 * per connection).
 */
function releaseUpgrade(socket: WebSocket, request: FastifyRequest): void {
  const tcp = request.raw.socket;
  (tcp as Socket & { _httpMessage?: ServerResponse | null })._httpMessage?.detachSocket(tcp);
  socket.removeAllListeners('error');
  const [, ...others] = tcp.rawListeners('close') as Array<() => void>;
  for (const listener of others) tcp.off('close', listener);
  for (const listener of others) tcp.on('close', listener);
}

function handshakeProblem(request: FastifyRequest): RequestError | undefined {
  const query = request.query as Record<string, unknown>;
  if (query.EIO !== '4') return REQUEST_ERRORS.protocol;
  if (query.transport !== 'websocket') return REQUEST_ERRORS.transport;
  if (query.sid !== undefined) return REQUEST_ERRORS.session;
  return undefined;
}
