// Large rooms as a Fastify plugin: `app.sfu`, the relay's driver of its Janus nodes (server/sfu/), or null
// without SFU_URL, in which case no Janus code (nor janode) is loaded. Closed after the connections.
import fp from 'fastify-plugin';
import type { RelaySettings } from '../config.ts';
import { RelayConfigError } from '../errors.ts';
import type { Sfu } from '../sfu/sfu.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sfu: Sfu | null;
  }
}

export const sfuPlugin = fp<{ settings: RelaySettings }>(
  async (app, { settings }) => {
    if (!settings.sfu) return void app.decorate('sfu', null);
    const { Sfu } = await import('../sfu/sfu.ts').catch((cause: unknown) => {
      // janode is an optional dependency: its native transport may not have built on this machine.
      throw new RelayConfigError(`SFU_URL needs janode, which is not installed here: run npm install janode`, {
        cause,
      });
    });
    const log = app.log.child({ component: 'sfu' });
    const sfu = new Sfu(settings.sfu, { store: app.store, meshMax: settings.maxPeersPerRoom, log });
    app.decorate('sfu', sfu);
    app.addHook('onClose', () => sfu.close());
  },
  { name: 'sfu', dependencies: ['room-store'] },
);
