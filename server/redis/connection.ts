// One ioredis connection as the Redis store wants it: no offline queue (while Redis is away, commands fail at
// once and the relay decides what to do rather than pile them up), no command resent after a reconnect (so none
// runs twice), reconnection forever with a short backoff, and failures logged once per kind per outage.
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/** `changed` is called whenever the connection becomes ready or closes. */
export function connect(url: string, node: string, log: FastifyBaseLogger, changed: () => void): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
    connectTimeout: 2_000,
    protocol: 2,
    connectionName: `vc-relay-${node}`,
    // Commands issued in one tick of the event loop go to Redis in one write: fewer system calls under load.
    enableAutoPipelining: true,
  });
  let lastError = '';
  client.on('ready', () => {
    lastError = '';
    changed();
  });
  client.on('close', changed);
  // ioredis reports every failed reconnection attempt; without a listener it would print them itself.
  client.on('error', (error: Error) => {
    if (error.message !== lastError) log.warn({ err: error }, 'Redis connection error');
    lastError = error.message;
  });
  return client;
}
