// The relay process that relay-process.ts starts: builds the relay with the options in argv[2] (JSON),
// listens on loopback, reports its port, and answers 'memory' with its memory after a full collection (relay-process.ts).
import type { AddressInfo } from 'node:net';
import { buildRelay } from '../../server/app.ts';

const relay = buildRelay(JSON.parse(process.argv[2] ?? '{}'));
await relay.listen({ port: 0, host: '127.0.0.1' });
process.send!({ port: (relay.server.address() as AddressInfo).port });
process.on('message', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  process.send!({ rss, held: heapUsed + external });
});
process.on('disconnect', () => process.exit(0));
