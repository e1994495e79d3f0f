// Names as the relay knows them: the one a join token carries is marked verified and cannot be changed; any
// other member may rename itself, and the room hears it (peer-renamed, kept for a resume like every event).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mintJoinToken } from '../../server/join-token.ts';
import type { JoinAccepted, PeerJoinedMessage, PeerRenamedMessage, RenameAck } from '../../src/protocol.ts';
import { connect, eventNames, flush, join, record, startRelay, waitFor, WAIT_MS } from './helpers.ts';

const SECRET = 'test-join-secret';

test("a join token's name is the one everybody sees, marked verified, in the peer list, peer-joined and the ack", async (t) => {
  const { url } = await startRelay(t, { roomPassword: 'pw', joinSecret: SECRET });
  const guest = await connect(t, url);
  const guestAck = (await guest
    .timeout(WAIT_MS)
    .emitWithAck('join', { room: 'r', name: 'Guest', password: 'pw' })) as JoinAccepted;
  assert.equal(guestAck.name, 'Guest');
  assert.equal(guestAck.verified, undefined);

  const joined = waitFor<PeerJoinedMessage>(guest, 'peer-joined');
  const ada = await connect(t, url);
  const token = mintJoinToken({ room: 'r', name: 'Ada' }, SECRET);
  const adaAck = (await ada
    .timeout(WAIT_MS)
    .emitWithAck('join', { room: 'r', name: 'The CEO', token })) as JoinAccepted;
  assert.equal(adaAck.name, 'Ada');
  assert.equal(adaAck.verified, true);
  assert.deepEqual(adaAck.peers, [{ id: guestAck.id, name: 'Guest' }]);
  assert.deepEqual(await joined, { id: adaAck.id, name: 'Ada', verified: true });

  const late = await connect(t, url);
  const lateAck = (await late.timeout(WAIT_MS).emitWithAck('join', { room: 'r', password: 'pw' })) as JoinAccepted;
  assert.deepEqual(
    lateAck.peers.find((peer) => peer.id === adaAck.id),
    { id: adaAck.id, name: 'Ada', verified: true },
  );
});

test('a verified name cannot be renamed; the room hears nothing', async (t) => {
  const { url } = await startRelay(t, { joinSecret: SECRET });
  const other = await connect(t, url);
  await other.timeout(WAIT_MS).emitWithAck('join', { room: 'r', token: mintJoinToken({ room: 'r' }, SECRET) });
  const log = record(other);
  const ada = await connect(t, url);
  await ada
    .timeout(WAIT_MS)
    .emitWithAck('join', { room: 'r', token: mintJoinToken({ room: 'r', name: 'Ada' }, SECRET) });
  const ack = (await ada.timeout(WAIT_MS).emitWithAck('rename', { name: 'The CEO' })) as RenameAck;
  assert.deepEqual(ack, {
    ok: false,
    code: 'unauthorized',
    message: 'Your name comes from your join token: it cannot be changed.',
  });
  await flush(other);
  assert.deepEqual(eventNames(log), ['peer-joined']);
});

test('rename: the others get peer-renamed, newcomers the new name; a bad name or no room is refused', async (t) => {
  const { url } = await startRelay(t);
  const outsider = await connect(t, url);
  assert.deepEqual(await outsider.timeout(WAIT_MS).emitWithAck('rename', { name: 'X' }), {
    ok: false,
    code: 'not-joined',
    message: 'join a room before renaming',
  });
  const bob = await connect(t, url);
  const ada = await connect(t, url);
  await join(bob, 'r', 'Bob');
  const { id } = await join(ada, 'r', 'Ada');
  for (const name of ['', ' ', 'x'.repeat(65), 'a\u0000b', 42]) {
    const refused = (await ada.timeout(WAIT_MS).emitWithAck('rename', { name })) as RenameAck;
    assert.equal(!refused.ok && refused.code, 'invalid-request', JSON.stringify(name));
  }
  const renamed = waitFor<PeerRenamedMessage>(bob, 'peer-renamed');
  assert.deepEqual(await ada.timeout(WAIT_MS).emitWithAck('rename', { name: '  Ada L.  ' }), { ok: true });
  assert.deepEqual(await renamed, { id, name: 'Ada L.' });
  const { peers } = await join(await connect(t, url), 'r', 'Chen');
  assert.ok(peers.some((peer) => peer.id === id && peer.name === 'Ada L.'));
});

test('a peer-renamed missed while away is replayed on resume', async (t) => {
  const { url } = await startRelay(t);
  const bob = await connect(t, url);
  const ada = await connect(t, url);
  const bobAck = await join(bob, 'r', 'Bob');
  const { id } = await join(ada, 'r', 'Ada');
  const gone = waitFor(bob, 'disconnect');
  bob.io.engine.close();
  await gone;
  assert.deepEqual(await ada.timeout(WAIT_MS).emitWithAck('rename', { name: 'Ada L.' }), { ok: true });

  const back = await connect(t, url);
  const renamed = waitFor<PeerRenamedMessage>(back, 'peer-renamed');
  const ack = (await back
    .timeout(WAIT_MS)
    .emitWithAck('join', { room: 'r', resume: bobAck.resume, received: 1 })) as JoinAccepted;
  assert.equal(ack.resumed, true);
  assert.deepEqual(await renamed, { id, name: 'Ada L.' });
});
