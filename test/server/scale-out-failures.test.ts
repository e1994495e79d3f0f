// Failures with several relays on one Redis: a relay that dies has its members removed within a bounded time
// (its heartbeat key expires) and the others hear peer-left "timeout"; Redis going away leaves the relays up,
// serving rooms whose members are all theirs, not ready on /readyz, refusing what needs Redis with
// store-unavailable, and working across relays once it is back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  ErrorMessage,
  JoinAck,
  JoinWaiting,
  PeerLeftMessage,
  RenameAck,
  SignalMessage,
} from '../../src/protocol.ts';
import { cluster, readiness, relayProcess } from './cluster.ts';
import { connect, join, waitFor, WAIT_MS } from './helpers.ts';

test('a killed relay\'s members are removed, and the others hear peer-left "timeout"', async (t) => {
  const { options, relays } = await cluster(t, 1);
  const doomed = await relayProcess(t, options);
  const victim = await connect(t, doomed.url);
  const survivor = await connect(t, relays[0]!.url);
  const { id } = await join(victim, 'fragile');
  await join(survivor, 'fragile');

  const left = waitFor<PeerLeftMessage>(survivor, 'peer-left', { timeoutMs: 4 * options.nodeTtlMs! + WAIT_MS });
  doomed.child.kill('SIGKILL');
  assert.deepEqual(await left, { id, reason: 'timeout' });
  // The room is the survivor's alone now.
  const newcomer = await connect(t, relays[0]!.url);
  assert.equal((await join(newcomer, 'fragile')).peers.length, 1);
});

test('Redis stopped and restarted: relays stay up, serve their own rooms, report not ready, then recover', async (t) => {
  const failures: unknown[] = [];
  const onFailure = (error: unknown): void => void failures.push(error);
  process.on('uncaughtException', onFailure).on('unhandledRejection', onFailure);
  t.after(() => process.off('uncaughtException', onFailure).off('unhandledRejection', onFailure));

  const { redis, relays } = await cluster(t);
  const [one, two] = [relays[0]!, relays[1]!];
  const [local1, local2, spanning1, spanning2] = [
    await connect(t, one.url),
    await connect(t, one.url),
    await connect(t, one.url),
    await connect(t, two.url),
  ];
  await join(local1, 'all-on-one');
  const { id: local2Id } = await join(local2, 'all-on-one');
  await join(spanning1, 'across');
  const { id: spanning2Id } = await join(spanning2, 'across');

  await redis.stop();
  await Promise.all([readiness(one.url, 503), readiness(two.url, 503)]);

  // A room whose members are all on one relay goes on working.
  const delivered = waitFor<SignalMessage>(local2, 'signal');
  local1.emit('signal', { to: local2Id, data: { still: 'here' } });
  assert.deepEqual((await delivered).data, { still: 'here' });
  // Across relays, the signal cannot go: the sender is told that the store is out (worth retrying), not that
  // the peer is gone. A rename, which goes through the store too, is refused the same way.
  const refused = waitFor<ErrorMessage>(spanning1, 'error');
  spanning1.emit('signal', { to: spanning2Id, data: { lost: true } });
  assert.equal((await refused).code, 'store-unavailable');
  const renamed = (await local1.timeout(WAIT_MS).emitWithAck('rename', { name: 'Ada' })) as RenameAck;
  assert.ok(!renamed.ok);
  assert.equal(renamed.code, 'store-unavailable');
  // A join is not answered but the connection closed, so that the client tries again (elsewhere, or later).
  const joiner = await connect(t, two.url);
  const closed = waitFor<string>(joiner, 'disconnect');
  joiner.emit('join', { room: 'newcomers' });
  assert.equal(await closed, 'transport close');

  // A few seconds down, so that the relays go through several reconnection attempts (not a timing assertion).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  // Redis comes back empty (no persistence): memberships it lost are closed, so that their clients join again.
  const revoked = waitFor<string>(local1, 'disconnect', { timeoutMs: 10_000 });
  await redis.start();
  await Promise.all([readiness(one.url, 200), readiness(two.url, 200)]);
  assert.equal(await revoked, 'transport close');
  const [fresh1, fresh2] = [await connect(t, one.url), await connect(t, two.url)];
  const first = await join(fresh1, 'after-the-outage');
  const second = (await fresh2.timeout(WAIT_MS).emitWithAck('join', { room: 'after-the-outage' })) as Exclude<
    JoinAck,
    JoinWaiting
  >;
  assert.ok(second.ok);
  assert.deepEqual(second.peers, [{ id: first.id, role: 'host' }]);
  const toFirst = waitFor<SignalMessage>(fresh1, 'signal');
  fresh2.emit('signal', { to: first.id, data: { back: true } });
  assert.deepEqual(await toFirst, { from: second.id, data: { back: true } });
  assert.deepEqual(failures, []);
});
