// Refuses requests from pages on origins the operator did not allow (ALLOWED_ORIGINS), HTTP and WebSocket
// upgrades alike, with 403 before any session exists. The relay's own origin (its demo) is always allowed:
// PUBLIC_URL's when set, else the request's Host (which a DNS-rebinding page controls: set PUBLIC_URL).
// Registered after @fastify/websocket, so that plugin's own hooks still close a refused upgrade's socket.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RelaySettings } from './config.ts';
import { REQUEST_ERRORS, refuseRequest } from './errors.ts';

export interface OriginGuardOptions {
  allowedOrigins: RelaySettings['allowedOrigins'];
  publicUrl: RelaySettings['publicUrl'];
  refused(): void;
}

const guard: FastifyPluginAsync<OriginGuardOptions> = async (app, { allowedOrigins, publicUrl, refused }) => {
  app.addHook('onRequest', async (request, reply) => {
    if (originAllowed(request, allowedOrigins, publicUrl)) return;
    refused();
    const hint = `origin ${request.headers.origin} is not allowed on this relay`;
    return refuseRequest(reply, { ...REQUEST_ERRORS.origin, hint });
  });
};

export const originGuard = fp(guard, { name: 'origin-guard', dependencies: ['@fastify/websocket'] });

/**
 * Requests without an Origin (navigation, curl) and from the relay's own origin (the demo) are always allowed;
 * others only when listed. Browsers always send Origin on WebSocket upgrades and on cross-origin module scripts.
 */
function originAllowed(
  request: FastifyRequest,
  allowed: RelaySettings['allowedOrigins'],
  publicUrl: RelaySettings['publicUrl'],
): boolean {
  const { origin } = request.headers;
  if (allowed === '*' || origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  if (publicUrl) return origin === publicUrl;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}
