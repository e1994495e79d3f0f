// A @web/test-runner plugin that runs the built relay on a loopback port for the browser tests, and the
// server commands they use to reach it: relay-url, relay-stop, relay-start (same port).
import { buildRelay } from '../../dist/relay/app.js';

export function relayPlugin() {
  let relay = null;
  let port = 0;

  const start = async () => {
    relay = buildRelay();
    await relay.listen({ port, host: '127.0.0.1' });
    port = relay.server.address().port;
  };
  const url = () => `http://127.0.0.1:${port}/`;

  return {
    name: 'relay',
    serverStart: start,
    async serverStop() {
      await relay?.close();
    },
    async executeCommand({ command }) {
      switch (command) {
        case 'relay-url':
          return url();
        case 'relay-stop':
          await relay?.close();
          relay = null;
          return url();
        case 'relay-start':
          if (!relay) await start();
          return url();
        default:
          return undefined;
      }
    },
  };
}
