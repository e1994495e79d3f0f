// Webhooks as a Fastify plugin: `app.webhooks`, which POSTs signed events to the site's backend (WEBHOOK_URL,
// server/webhooks/), or null without it. Closed after the connections, so that the events of their last
// goodbyes still get a (brief) chance to go out.
import fp from 'fastify-plugin';
import type { RelaySettings } from '../config.ts';
import { Webhooks } from '../webhooks/webhooks.ts';

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: Webhooks | null;
  }
}

export const webhooksPlugin = fp<{ settings: RelaySettings }>(
  async (app, { settings }) => {
    if (!settings.webhook) return void app.decorate('webhooks', null);
    const webhooks = new Webhooks(settings.webhook, {
      log: app.log.child({ component: 'webhooks' }),
      counted: (outcome) => app.metrics.webhooks.inc({ outcome }),
    });
    app.decorate('webhooks', webhooks);
    app.addHook('onClose', () => webhooks.close());
  },
  { name: 'webhooks', dependencies: ['metrics'] },
);
