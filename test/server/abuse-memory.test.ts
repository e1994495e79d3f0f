// Hostile clients against the relay's memory, each attack as found in review, on a relay in a process of its
// own so that the memory it holds (after a full collection) is measured apart from the attackers: a socket
// that stops reading and floods pings, and a member that stops reading while the room floods it with signals.
// Each time the relay's growth stays bounded and a well-behaved pair keeps talking.
import assert from 'node:assert/strict';
import type { Socket as TcpSocket } from 'node:net';
import { test, type TestContext } from 'node:test';
import type { PeerLeftMessage, SignalMessage } from '../../src/protocol.ts';
import { connect, join, waitFor } from './helpers.ts';
import { RawClient } from './raw-client.ts';
import { startRelayProcess, type RelayMemory } from './relay-process.ts';

const MB = 1024 * 1024;

/** Fails unless the relay holds at most `boundMb` more than before (resident memory is only reported). */
function assertGrowth(before: RelayMemory, after: RelayMemory, boundMb: number): void {
  const [held, rss] = [(after.held - before.held) / MB, (after.rss - before.rss) / MB];
  assert.ok(held < boundMb, `the relay holds ${held.toFixed(1)} MB more (resident: ${rss.toFixed(1)} MB more)`);
}

/** Stops reading the WebSocket's TCP connection: what the relay sends it piles up on the relay's side. */
function stopReading(client: RawClient): void {
  (client.ws as unknown as { _socket: TcpSocket })._socket.pause();
}

/** Resolves once everything `client` sent has left its own buffers (bounded: at most 10 s of polling). */
async function drained(client: RawClient): Promise<void> {
  for (let polls = 0; client.isOpen && client.ws.bufferedAmount > 0 && polls < 500; polls++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Two members of a room of their own; `talk()` shows that the relay still serves them. */
async function wellBehavedPair(t: TestContext, url: string) {
  const [a, b] = [await connect(t, url), await connect(t, url)];
  await join(a, 'calm');
  const { id } = await join(b, 'calm');
  return async (): Promise<void> => {
    const delivered = waitFor<SignalMessage>(b, 'signal');
    a.emit('signal', { to: id, data: { still: 'fine' } });
    assert.deepEqual((await delivered).data, { still: 'fine' });
  };
}

test('a socket that never connects, stops reading and sends 1,000 pings of 60 KB is closed at the first: nothing is echoed', async (t) => {
  const relay = await startRelayProcess(t);
  const talk = await wellBehavedPair(t, relay.url);
  const before = await relay.memory();

  const attacker = await RawClient.open(t, relay.url);
  assert.match(await attacker.next(), /^0\{/);
  stopReading(attacker);
  const ping = `2${'x'.repeat(60_000)}`;
  for (let n = 0; n < 1_000 && attacker.isOpen; n++) attacker.send(ping);
  await drained(attacker);
  await talk();

  assertGrowth(before, await relay.settledMemory(), 8);
});

test('a member that stops reading (and pongs blindly) while 7 others send it 200 signals of 32 KB is dropped past MAX_BUFFERED_BYTES, then times out like any lost connection', async (t) => {
  const relay = await startRelayProcess(t, { resumeGraceMs: 500 });
  const talk = await wellBehavedPair(t, relay.url);
  const before = await relay.memory();

  const victim = await RawClient.open(t, relay.url);
  assert.match(await victim.next(), /^0\{/);
  victim.send('40');
  assert.match(await victim.next(), /^40/);
  victim.send('420["join",{"room":"flood"}]');
  const { id } = JSON.parse((await victim.next()).slice(3))[0] as { id: string };
  stopReading(victim);
  // Unasked pongs every 400 ms: they must not pass for a live, reading client.
  const pongs = setInterval(() => victim.isOpen && victim.send('3'), 400);
  t.after(() => clearInterval(pongs));

  const senders = [];
  for (let n = 0; n < 7; n++) {
    const sender = await connect(t, relay.url);
    await join(sender, 'flood');
    senders.push(sender);
  }
  const victimLeft = waitFor<PeerLeftMessage>(senders[0]!, 'peer-left', {
    filter: (left) => left.id === id,
    timeoutMs: 30_000,
  });
  const big = 'x'.repeat(32 * 1024 - 64);
  for (const sender of senders) for (let n = 0; n < 200; n++) sender.emit('signal', { to: id, data: { big } });

  assert.equal((await victimLeft).reason, 'timeout');
  assertGrowth(before, await relay.settledMemory(), 8);
  await talk();

  // Once it reads again, the victim finds the relay's reason after what was sent to it.
  (victim.ws as unknown as { _socket: TcpSocket })._socket.resume();
  assert.equal((await victim.waitClosed(30_000)).code, 1008);
});

test('dropping 80 members on purpose, each with a full resume buffer, leaves at most RESUME_HELD_PER_IP of them held', async (t) => {
  const relay = await startRelayProcess(t, { rateLimitPerSecond: 10_000, rateLimitBurst: 10_000 });
  const talk = await wellBehavedPair(t, relay.url);
  const before = await relay.memory();
  const filler = await connect(t, relay.url);
  const big = 'x'.repeat(32 * 1024 - 64);

  for (let n = 0; n < 80; n++) {
    const room = `held-${n}`;
    await join(filler, room);
    const { client: member } = await RawClient.connected(t, relay.url);
    member.send(`420["join",{"room":"${room}"}]`);
    const { id } = JSON.parse((await member.next()).slice(3))[0] as { id: string };
    member.ws.terminate(); // gone without a goodbye: held for a resume
    await member.closed;
    // Everything from now on is kept for its resume, up to RESUME_BUFFER_BYTES (256 KB).
    for (let signal = 0; signal < 8; signal++) filler.emit('signal', { to: id, data: { big } });
  }
  await talk();

  // 20 held members with 256 KB each is 5 MB; all 80 would be 20 MB.
  assertGrowth(before, await relay.settledMemory(), 10);
});
