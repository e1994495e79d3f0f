// Binary attachments (BINARY_EVENT) from the real socket.io-client: decoded by the relay, then refused
// as invalid-request because the protocol carries JSON only; the connection and the relay keep working.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorMessage, JoinAck, SignalMessage } from '../../src/protocol.ts';
import { connect, eventNames, flush, join, record, startRelay, waitFor, WAIT_MS } from './helpers.ts';

test('a signal with a binary attachment is refused with invalid-request and not delivered', async (t) => {
  const { url } = await startRelay(t);
  const alice = await connect(t, url);
  const bob = await connect(t, url);
  const aliceAck = await join(alice, 'binary');
  const bobAck = await join(bob, 'binary');
  const bobLog = record(bob);

  const refused = waitFor<ErrorMessage>(alice, 'error');
  alice.emit('signal', { to: bobAck.id, data: { blob: new Uint8Array([1, 2]) } });
  assert.equal((await refused).code, 'invalid-request');
  await flush(bob);
  assert.deepEqual(eventNames(bobLog), []);

  // The same connection still relays JSON signals.
  const received = waitFor<SignalMessage>(bob, 'signal');
  alice.emit('signal', { to: bobAck.id, data: { candidate: null } });
  assert.deepEqual(await received, { from: aliceAck.id, data: { candidate: null } });
});

test('a join with a binary attachment gets a refusing ack, and the client can join afterwards', async (t) => {
  const { url } = await startRelay(t);
  const socket = await connect(t, url);
  const ack = (await socket
    .timeout(WAIT_MS)
    .emitWithAck('join', { room: 'binary', name: Buffer.from('Ada') })) as JoinAck;
  assert.deepEqual({ ok: ack.ok, code: ack.ok ? undefined : ack.code }, { ok: false, code: 'invalid-request' });
  await join(socket, 'binary', 'Ada');
});
