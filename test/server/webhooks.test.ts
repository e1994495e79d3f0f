// Webhooks as a site's backend receives them, on a real HTTP server on loopback: signed so that verifyWebhook
// accepts them, retried until the backend takes them, in order, from a queue that drops its oldest when full,
// never throwing into signaling, and flushed (briefly) when the relay closes; verifyWebhook refuses anything
// tampered with, signed with another secret, or outside the replay window.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test, type TestContext } from 'node:test';
import { buildRelay } from '../../server/app.ts';
import { signWebhook, verifyWebhook, WEBHOOK_HEADERS } from '../../server/webhooks/webhook-signature.ts';
import { Webhooks, type WebhookOptions, type WebhookOutcome } from '../../server/webhooks/webhooks.ts';
import { deferred, waitFor } from './helpers.ts';
import { backend, SECRET, verifies } from './webhook-backend.ts';

const SILENT = { debug() {}, warn() {}, error() {} };

/** Webhooks to `url` whose outcomes are recorded (and emitted by name), closed after the test. */
function webhooks(t: TestContext, url: string, options: Partial<WebhookOptions> & { maxQueued?: number } = {}) {
  const outcomes: WebhookOutcome[] = [];
  const counted = new EventEmitter();
  const { maxQueued = 100, ...rest } = options;
  const sender = new Webhooks(
    { url, secret: SECRET, maxQueued },
    {
      log: SILENT,
      counted: (outcome) => {
        outcomes.push(outcome);
        counted.emit(outcome);
      },
      ...rest,
    },
  );
  t.after(() => sender.close());
  return { sender, outcomes, counted };
}

test('an event arrives as a signed JSON POST that verifyWebhook accepts', async (t) => {
  const site = await backend(t);
  const { sender, counted } = webhooks(t, site.url);
  const delivered = waitFor(counted, 'delivered');
  sender.send('participant-joined', 'board', { participant: 'p1', name: 'Ada' });
  await delivered;
  const [request] = site.received;
  assert.ok(request);
  assert.equal(request.headers['content-type'], 'application/json');
  assert.ok(verifies(request));
  assert.equal(verifies(request, 'another-secret'), false);
  const { id, type, room, at, data } = request.event;
  assert.equal(request.headers[WEBHOOK_HEADERS.eventId], id);
  assert.deepEqual(
    { type, room, at: new Date(at).toISOString(), data },
    { type: 'participant-joined', room: 'board', at, data: { participant: 'p1', name: 'Ada' } },
  );
});

test('a backend that fails twice gets the event on the third attempt, and the later events after it, in order', async (t) => {
  const site = await backend(t, (n, response) => void response.writeHead(n <= 2 ? 500 : 204).end());
  const { sender, outcomes, counted } = webhooks(t, site.url, { retryDelayMs: 1 });
  const allDelivered = waitFor(counted, 'delivered', { filter: () => count(outcomes, 'delivered') === 3 });
  sender.send('room-started', 'r', {});
  sender.send('participant-joined', 'r', { participant: 'a' });
  sender.send('participant-left', 'r', { participant: 'a' });
  await allDelivered;
  assert.deepEqual(
    site.received.map(({ event }) => event.type),
    ['room-started', 'room-started', 'room-started', 'participant-joined', 'participant-left'],
  );
  const firstIds = new Set(site.received.slice(0, 3).map(({ event }) => event.id));
  assert.equal(firstIds.size, 1, 'every attempt carries the same event id');
  assert.ok(site.received.every((request) => verifies(request)));
  assert.deepEqual(outcomes, ['retried', 'retried', 'delivered', 'delivered', 'delivered']);
});

test('an event the backend keeps refusing is given up on after the last attempt; a redirect is not followed', async (t) => {
  const site = await backend(
    t,
    (n, response) => void response.writeHead(n === 1 ? 302 : 500, n === 1 ? { location: '/elsewhere' } : {}).end(),
  );
  const { sender, outcomes, counted } = webhooks(t, site.url, { retryDelayMs: 1, maxAttempts: 3 });
  const failed = waitFor(counted, 'failed');
  sender.send('knock', 'r', { name: 'Bob' });
  await failed;
  assert.deepEqual(outcomes, ['retried', 'retried', 'failed']);
  assert.deepEqual(
    site.received.map(({ path }) => path),
    ['/hooks', '/hooks', '/hooks'],
  );
});

test('a full queue drops its oldest waiting event, and delivers the rest in order', async (t) => {
  const release = deferred<void>();
  const site = await backend(
    t,
    (n, response) => void (n === 1 ? release.promise.then(() => response.end()) : response.end()),
  );
  const { sender, outcomes, counted } = webhooks(t, site.url, { maxQueued: 2 });
  const inFlight = waitFor(site.events, 'request');
  sender.send('room-started', 'r', { n: 1 });
  await inFlight;
  for (const n of [2, 3, 4]) sender.send('participant-joined', 'r', { n });
  assert.deepEqual(outcomes, ['dropped']);
  const allDelivered = waitFor(counted, 'delivered', { filter: () => count(outcomes, 'delivered') === 3 });
  release.resolve();
  await allDelivered;
  assert.deepEqual(
    site.received.map(({ event }) => event.data.n),
    [1, 3, 4],
  );
});

test('send() never throws: an event that is not JSON is counted as failed, and one after close() as dropped', async (t) => {
  const site = await backend(t);
  const { sender, outcomes } = webhooks(t, site.url);
  assert.doesNotThrow(() => sender.send('room-locked', 'r', { big: 1n }));
  await sender.close();
  assert.doesNotThrow(() => sender.send('room-unlocked', 'r'));
  assert.deepEqual(outcomes, ['failed', 'dropped']);
  assert.deepEqual(site.received, []);
});

test('close() delivers what is queued, and gives up on a backend that does not answer', async (t) => {
  const answering = await backend(t);
  const { sender } = webhooks(t, answering.url, { flushMs: 60_000 });
  for (const type of ['participant-left', 'room-ended'] as const) sender.send(type, 'r');
  await sender.close();
  assert.deepEqual(
    answering.received.map(({ event }) => event.type),
    ['participant-left', 'room-ended'],
  );

  const silent = await backend(t, () => {});
  const stuck = webhooks(t, silent.url, { attemptTimeoutMs: 600_000, flushMs: 50 });
  const inFlight = waitFor(silent.events, 'request');
  stuck.sender.send('participant-left', 'r');
  await inFlight;
  stuck.sender.send('room-ended', 'r');
  await stuck.sender.close();
  assert.deepEqual(stuck.outcomes, ['failed', 'dropped']);
});

test('the relay has app.webhooks with WEBHOOK_URL (null without), counts deliveries, and flushes on close', async (t) => {
  const plain = buildRelay();
  await plain.ready();
  assert.equal(plain.webhooks, null);
  await plain.close();

  const site = await backend(t);
  const app = buildRelay({ webhook: { url: site.url, secret: SECRET, maxQueued: 10 } });
  await app.ready();
  assert.ok(app.webhooks instanceof Webhooks);
  const arrived = waitFor(site.events, 'request');
  app.webhooks.send('room-started', 'r', {});
  await arrived;
  await app.close();
  assert.equal(site.received.length, 1);
  assert.ok(verifies(site.received[0]!));
  assert.match(await app.metrics.registry.metrics(), /^vc_relay_webhooks_total\{outcome="delivered"\} 1$/m);
});

test('verifyWebhook refuses a tampered body, another secret, a stale or future timestamp, and bad headers', () => {
  const now = Date.UTC(2026, 0, 1);
  const at = now / 1000;
  const body = JSON.stringify({ id: 'e1', type: 'knock', room: 'r', at: new Date(now).toISOString(), data: {} });
  const signature = signWebhook(body, SECRET, at);
  assert.match(signature, /^v1=[0-9a-f]{64}$/);
  const check = (request: Partial<Parameters<typeof verifyWebhook>[0]>, secret = SECRET, seconds = at) =>
    verifyWebhook({ body, signature, timestamp: String(at), ...request }, secret, { now: seconds * 1000 });

  assert.equal(check({}), true);
  assert.equal(check({ body: Buffer.from(body) }), true, 'a raw Buffer body');
  assert.equal(check({}, SECRET, at + 300), true, 'at the edge of the window');
  assert.equal(check({ signature: `v0=abc, ${signature}` }), true, 'one matching entry among several');

  assert.equal(check({ body: body.replace('"r"', '"s"') }), false, 'tampered body');
  assert.equal(check({}, 'another-secret'), false, 'another secret');
  assert.equal(check({}, SECRET, at + 301), false, 'too old');
  assert.equal(check({}, SECRET, at - 301), false, 'from the future');
  assert.equal(check({ timestamp: String(at + 1) }), false, 'timestamp changed');
  const stale = signWebhook(body, SECRET, at - 3600);
  assert.equal(check({ signature: stale, timestamp: String(at - 3600) }), false, 'replayed an hour later');
  assert.equal(
    verifyWebhook({ body, signature, timestamp: String(at) }, SECRET, {
      now: (at + 600) * 1000,
      toleranceSeconds: 900,
    }),
    true,
  );
  for (const bad of [undefined, null, '', 'v1=', signature.slice(3), signature.replace('v1=', 'v2='), [signature]]) {
    assert.equal(check({ signature: bad }), false, String(bad));
  }
  for (const bad of [undefined, '', '1.5', `${at}x`, '-1', [String(at)]]) {
    assert.equal(check({ timestamp: bad }), false, String(bad));
  }
  assert.throws(() => check({}, ''), TypeError, 'an unset secret is a mistake, not a refusal');
});

function count(outcomes: WebhookOutcome[], outcome: WebhookOutcome): number {
  return outcomes.filter((o) => o === outcome).length;
}
