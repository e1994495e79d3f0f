// The Engine.IO v4 heartbeat: the relay pings every pingInterval, keeps a client that answers with a pong,
// and drops one that stays silent for pingTimeout after a ping. Only the relay pings, and only a pong that
// answers its ping counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startRelay } from './helpers.ts';
import { RawClient } from './raw-client.ts';

// pingTimeout is kept well above the interval so that a slow test process still answers in time;
// that costs nothing, since the silent client below only has to be closed, not closed quickly.
const HEARTBEAT = { pingIntervalMs: 100, pingTimeoutMs: 1000 };
/** More pings than fit in the silent client's lifetime, so an unbounded loop cannot happen. */
const MAX_PINGS = 50;

test('a client that answers pings outlives one that stays silent, and keeps being pinged', async (t) => {
  const { url } = await startRelay(t, HEARTBEAT);
  const { client: answering } = await RawClient.connected(t, url);
  const { client: silent } = await RawClient.connected(t, url);
  let silentGone = false;
  void silent.closed.then(() => (silentGone = true));

  // Answer every ping until the silent client has been dropped, then three more.
  let pingsAfter = 0;
  for (let pings = 0; pingsAfter < 3; pings++) {
    assert.ok(pings < MAX_PINGS, 'the silent client was never closed');
    assert.equal(await answering.next(), '2');
    answering.send('3');
    if (silentGone) pingsAfter++;
  }
  assert.equal(answering.isOpen, true);
  assert.equal(await silent.next().catch(() => 'none'), '2', 'the silent client was pinged before it was closed');
});

test("a client's ping is a protocol error (the heartbeat goes from the server): closed with 1002, nothing echoed", async (t) => {
  const { url } = await startRelay(t);
  const { client: raw } = await RawClient.connected(t, url);
  raw.send('2probe');
  assert.equal((await raw.waitClosed()).code, 1002);
  assert.equal(await raw.next().catch(() => 'none'), 'none', 'no pong came back');
});

test('pongs nobody asked for do not put off the next ping: the relay still pings on time', async (t) => {
  const { url } = await startRelay(t, { pingIntervalMs: 300, pingTimeoutMs: 5_000 });
  const { client: raw } = await RawClient.connected(t, url);
  // Far more often than the interval: each would have restarted it, so no ping would ever have come.
  const pongs = setInterval(() => raw.isOpen && raw.send('3'), 50);
  t.after(() => clearInterval(pongs));
  assert.equal(await raw.next(), '2');
  assert.equal(await raw.next(), '2');
});

test('an Engine.IO close packet from the client closes the socket normally', async (t) => {
  const { url } = await startRelay(t);
  const { client: raw } = await RawClient.connected(t, url);
  raw.send('1');
  assert.equal((await raw.waitClosed()).code, 1000);
});
