// Picks the room store. For now there is one: this process's memory.
import type { FastifyBaseLogger } from 'fastify';
import type { RelaySettings } from './config.ts';
import { MemoryStore } from './memory-store.ts';
import type { Membership, RoomStore } from './room-store.ts';

export async function createStore(
  settings: RelaySettings,
  _log: FastifyBaseLogger,
  expired: (member: Membership) => void,
): Promise<RoomStore> {
  return new MemoryStore({
    // A connection that died unnoticed is detected by the heartbeat within this time: older events arrived.
    replayWindowMs: settings.pingIntervalMs + settings.pingTimeoutMs,
    replayBytes: settings.resumeBufferBytes,
    expired,
  });
}
