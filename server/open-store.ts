// Picks the room store: Redis when REDIS_URL is set (several relays act as one), else this process's memory.
// The Redis code, and ioredis, are loaded only in the first case.
import type { FastifyBaseLogger } from 'fastify';
import type { RelaySettings } from './config.ts';
import { MemoryStore } from './memory-store.ts';
import type { RoomStore, StoreOptions } from './room-store.ts';

export async function createStore(
  settings: RelaySettings,
  log: FastifyBaseLogger,
  { expired, dismissedAway, departed }: Pick<StoreOptions, 'expired' | 'dismissedAway' | 'departed'>,
): Promise<RoomStore> {
  const options: StoreOptions = {
    // A connection that died unnoticed is detected by the heartbeat within this time: older events arrived.
    replayWindowMs: settings.pingIntervalMs + settings.pingTimeoutMs,
    replayBytes: settings.resumeBufferBytes,
    holdLimits: { perIp: settings.resumeHeldPerIp, bytes: settings.resumeHeldBytes },
    expired,
    dismissedAway,
    ...(departed && { departed }),
  };
  if (!settings.redisUrl) return new MemoryStore(options);
  const { RedisStore } = await import('./redis/redis-store.ts');
  return RedisStore.open(settings.redisUrl, {
    ...options,
    keyPrefix: settings.redisKeyPrefix,
    heartbeatMs: settings.nodeHeartbeatMs,
    nodeTtlMs: settings.nodeTtlMs,
    resumeGraceMs: settings.resumeGraceMs,
    log: log.child({ component: 'redis' }),
  });
}
