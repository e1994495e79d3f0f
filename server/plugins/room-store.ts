// The rooms as a Fastify plugin: `app.store`, in memory or in Redis with REDIS_URL (open-store.ts), opened as the
// relay loads (before it serves anything) and closed with it. Members whose resume ran out are logged and
// counted here, and every membership's end reported to the site's backend (webhooks).
import fp from 'fastify-plugin';
import type { RelaySettings } from '../config.ts';
import type { RoomStore } from '../room-store.ts';
import { createStore } from '../open-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: RoomStore;
  }
}

export const roomStorePlugin = fp<{ settings: RelaySettings }>(
  async (app, { settings }) => {
    const { webhooks } = app;
    const store = await createStore(settings, app.log, {
      expired: (member, why) => {
        app.metrics.resumes.inc({ outcome: why });
        void app.sfu?.leave(member.id, member.room);
        app.log.info({ room: member.room, peer: member.id, reason: 'timeout', why }, 'left');
      },
      // Its SFU session was kept for a resume that will not come.
      dismissedAway: (member) => void app.sfu?.leave(member.id, member.room),
      // Only for webhooks: with Redis, recording them costs every relay a little.
      ...(webhooks && {
        departed: ({ id, room }, reason, roomEnded) => {
          webhooks.send('participant-left', room, { id, reason });
          if (roomEnded) webhooks.send('room-ended', room);
        },
      }),
    });
    app.decorate('store', store);
    app.addHook('onClose', () => store.close());
  },
  { name: 'room-store', dependencies: ['metrics', 'webhooks'] },
);
