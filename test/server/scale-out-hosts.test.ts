// Hosts across relays on one Redis: a knock on one relay is seen and let in by a host on another; a removal, its
// ban, a lock and the end of the call reach members wherever they are; a killed relay's knocks leave the lobby.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Socket } from 'socket.io-client';
import type {
  DismissedMessage,
  HostAck,
  JoinAccepted,
  JoinAck,
  JoinWaiting,
  KnockMessage,
  PeerLeftMessage,
} from '../../src/protocol.ts';
import { cluster, relayProcess } from './cluster.ts';
import { connect, join, waitFor, WAIT_MS } from './helpers.ts';

function ask(socket: Socket, request: Record<string, unknown>): Promise<JoinAck> {
  return socket.timeout(WAIT_MS).emitWithAck('join', request) as Promise<JoinAck>;
}

function act(socket: Socket, request: Record<string, unknown>): Promise<HostAck> {
  return socket.timeout(WAIT_MS).emitWithAck('host', request) as Promise<HostAck>;
}

test('a host on one relay lets in, removes and dismisses people on another', async (t) => {
  const { relays } = await cluster(t);
  const [one, two] = [relays[0]!, relays[1]!];
  const host = await connect(t, one.url);
  const hostAck = await join(host, 'spanning', 'Hannah');
  assert.equal(hostAck.role, 'host');
  const cohost = await connect(t, two.url);
  const cohostAck = (await ask(cohost, { room: 'spanning', hostKey: hostAck.hostKey })) as JoinAccepted;
  assert.equal(cohostAck.role, 'host', 'the host key works on any relay');
  await act(host, { action: 'lobby', enabled: true });

  const knocker = await connect(t, two.url);
  const knocked = waitFor<KnockMessage>(host, 'knock');
  const waiting = (await ask(knocker, { room: 'spanning', name: 'Kim' })) as JoinWaiting;
  assert.deepEqual(await knocked, { id: waiting.id, name: 'Kim' });
  const admitted = waitFor<JoinAccepted>(knocker, 'admitted');
  assert.deepEqual(await act(host, { action: 'admit', id: waiting.id }), { ok: true });
  const kim = await admitted;
  assert.equal(kim.id, waiting.id);
  assert.deepEqual(kim.peers.map(({ id }) => id).sort(), [hostAck.id, cohostAck.id].sort());

  // A lock on one relay keeps newcomers out on the other.
  await act(host, { action: 'lock', locked: true });
  const locked = await ask(await connect(t, two.url), { room: 'spanning', name: 'Late' });
  assert.equal(locked.ok ? 'joined' : locked.code, 'room-locked');

  const dismissed = waitFor<DismissedMessage>(knocker, 'dismissed');
  const left = waitFor<PeerLeftMessage>(cohost, 'peer-left');
  assert.deepEqual(await act(host, { action: 'remove', id: kim.id }), { ok: true });
  assert.equal((await dismissed).code, 'removed');
  assert.deepEqual(await left, { id: kim.id, reason: 'removed' });
  // Banned on every relay (same address, no token).
  const elsewhere = await connect(t, one.url);
  const refused = await ask(elsewhere, { room: 'spanning' });
  assert.equal(refused.ok ? 'joined' : refused.code, 'removed');

  const ended = [host, cohost].map((socket) => waitFor<DismissedMessage>(socket, 'dismissed'));
  assert.deepEqual(await act(cohost, { action: 'end' }), { ok: true });
  for (const end of ended) assert.equal((await end).code, 'ended');
});

test("a killed relay's knocks leave the lobby, and the hosts hear knock-ended", async (t) => {
  const { options, relays } = await cluster(t, 1);
  const host = await connect(t, relays[0]!.url);
  await join(host, 'doomed-knock');
  await act(host, { action: 'lobby', enabled: true });
  const doomed = await relayProcess(t, options);
  const knocker = await connect(t, doomed.url);
  const knocked = waitFor<KnockMessage>(host, 'knock');
  const waiting = (await ask(knocker, { room: 'doomed-knock' })) as JoinWaiting;
  assert.equal((await knocked).id, waiting.id);
  const ended = waitFor(host, 'knock-ended');
  doomed.child.kill('SIGKILL');
  assert.deepEqual(await ended, { id: waiting.id });
  const late = await act(host, { action: 'admit', id: waiting.id });
  assert.equal(late.ok ? 'ok' : late.code, 'unknown-peer');
});
