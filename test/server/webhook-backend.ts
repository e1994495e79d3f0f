// A site's backend for webhook tests, on a real HTTP server on 127.0.0.1: it records each request it gets (and
// emits it as `request`), answers as the test says, and checks signatures as a real backend would.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import type { WebhookEvent } from '../../server/webhooks/webhook-event.ts';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../server/webhooks/webhook-signature.ts';

export const SECRET = 'a-webhook-secret';

export interface Received {
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
  event: WebhookEvent;
}

/**
 * A site's backend on 127.0.0.1: it records every request (and emits it as `request`) and answers it with
 * `answer`, which gets the request's number from 1 and may leave the response pending.
 */
export async function backend(
  t: TestContext,
  answer: (n: number, response: ServerResponse) => void = (_n, response) => void response.end(),
): Promise<{ url: string; received: Received[]; events: EventEmitter }> {
  const received: Received[] = [];
  const events = new EventEmitter();
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const entry = { path: request.url, headers: request.headers, body, event: JSON.parse(body) as WebhookEvent };
    received.push(entry);
    events.emit('request', entry);
    answer(received.length, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve).closeAllConnections()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, events };
}

/** Whether a received request passes verifyWebhook with the relay's secret. */
export function verifies({ headers, body }: Received, secret = SECRET): boolean {
  return verifyWebhook(
    { body, signature: headers[WEBHOOK_HEADERS.signature], timestamp: headers[WEBHOOK_HEADERS.timestamp] },
    secret,
  );
}
