// Hosts and moderation on the relay (DESIGN.md §7, docs/protocol.md): who is a host (an open room's creator and
// whoever holds its host key, or a token's role claim), the lobby (knock, admit, deny, time out, and nothing about
// the room before), and host actions (remove with a ban, mute requests, lock, end), each refused to guests with
// `forbidden` while nobody else hears of it; knock floods. Run on memory and on Redis (npm run test:server:redis).
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Socket } from 'socket.io-client';
import { mintJoinToken } from '../../server/join-token.ts';
import type {
  DismissedMessage,
  HostActionMessage,
  HostAck,
  JoinAccepted,
  JoinAck,
  JoinWaiting,
  KnockMessage,
  PeerJoinedMessage,
  PeerLeftMessage,
  WaitingMessage,
} from '../../src/protocol.ts';
import { connect, eventNames, flush, join, record, startRelay, waitFor, WAIT_MS, type Listening } from './helpers.ts';

const SECRET = 'test-join-secret';

function ask(socket: Socket, request: Record<string, unknown>): Promise<JoinAck> {
  return socket.timeout(WAIT_MS).emitWithAck('join', request) as Promise<JoinAck>;
}

function act(socket: Socket, request: Record<string, unknown>): Promise<HostAck> {
  return socket.timeout(WAIT_MS).emitWithAck('host', request) as Promise<HostAck>;
}

/** A host (the open room's creator) and `guests` guests, each on its own connection. */
async function openRoom(t: TestContext, relay: Listening, room: string, guests = 1) {
  const host = await connect(t, relay.url);
  const hostAck = await join(host, room, 'Hannah');
  const members: Array<{ socket: Socket; ack: JoinAccepted }> = [];
  for (let i = 0; i < guests; i++) {
    const socket = await connect(t, relay.url);
    const announced = waitFor(host, 'peer-joined');
    members.push({ socket, ack: await join(socket, room, `Guest ${i + 1}`) });
    // Every announcement has arrived (with Redis, it travels apart from the ack): what a test records is new.
    await announced;
  }
  return { host, hostAck, guests: members };
}

test('an open room makes its creator a host with a key; the key makes others hosts, and expires with the room', async (t) => {
  const relay = await startRelay(t);
  const { host, hostAck, guests } = await openRoom(t, relay, 'keys');
  assert.equal(hostAck.role, 'host');
  assert.equal(guests[0]!.ack.role, undefined);
  assert.deepEqual(guests[0]!.ack.peers, [{ id: hostAck.id, name: 'Hannah', role: 'host' }]);

  const cohost = await connect(t, relay.url);
  const announced = waitFor<PeerJoinedMessage>(host, 'peer-joined');
  const cohostAck = (await ask(cohost, { room: 'keys', name: 'Cole', hostKey: hostAck.hostKey })) as JoinAccepted;
  assert.equal(cohostAck.role, 'host');
  assert.equal(cohostAck.hostKey, undefined, 'only the creator is handed the key');
  assert.deepEqual(await announced, { id: cohostAck.id, name: 'Cole', role: 'host' });

  const wrong = await connect(t, relay.url);
  const wrongAck = (await ask(wrong, { room: 'keys', hostKey: 'A'.repeat(22) })) as JoinAccepted;
  assert.equal(wrongAck.role, undefined);

  // Everyone leaves: the room ends, and its key with it.
  for (const socket of [host, cohost, wrong, guests[0]!.socket]) await socket.timeout(WAIT_MS).emitWithAck('leave');
  const creator = await connect(t, relay.url);
  const late = await connect(t, relay.url);
  const creatorAck = await join(creator, 'keys');
  assert.notEqual(creatorAck.hostKey, hostAck.hostKey);
  const lateAck = (await ask(late, { room: 'keys', hostKey: hostAck.hostKey })) as JoinAccepted;
  assert.equal(lateAck.role, undefined, 'an expired host key makes nobody a host');
});

test("a guest's host action is refused with forbidden, and nobody hears of it", async (t) => {
  const relay = await startRelay(t);
  const { host, hostAck, guests } = await openRoom(t, relay, 'forbidden', 2);
  const [mallory, other] = guests as [(typeof guests)[0], (typeof guests)[0]];
  const heard = [record(host), record(other.socket)];
  for (const request of [
    { action: 'remove', id: hostAck.id },
    { action: 'mute' },
    { action: 'lock', locked: true },
    { action: 'lobby', enabled: true },
    { action: 'end' },
    { action: 'admit', id: other.ack.id },
  ]) {
    const refused = await act(mallory.socket, request);
    assert.deepEqual(refused.ok ? refused : refused.code, 'forbidden', JSON.stringify(request));
  }
  await flush(host);
  await flush(other.socket);
  assert.deepEqual(heard.map(eventNames), [[], []]);
  // And the room still works: nothing was locked.
  const newcomer = await connect(t, relay.url);
  assert.equal((await ask(newcomer, { room: 'forbidden' })).ok, true);
});

test('malformed host requests and unknown ids are refused and change nothing', async (t) => {
  const relay = await startRelay(t);
  const { host, guests } = await openRoom(t, relay, 'bad-input');
  const heard = record(guests[0]!.socket);
  for (const request of [{ action: 'ban' }, { action: 'remove' }, { action: 'lock', locked: 'yes' }, null, 'end']) {
    const refused = await act(host, request as Record<string, unknown>);
    assert.equal(refused.ok ? 'ok' : refused.code, 'invalid-request', JSON.stringify(request));
  }
  const stranger = 'B'.repeat(22);
  for (const action of ['remove', 'mute', 'admit', 'deny']) {
    const refused = await act(host, { action, id: stranger });
    assert.equal(refused.ok ? 'ok' : refused.code, 'unknown-peer', action);
  }
  await flush(guests[0]!.socket);
  assert.deepEqual(eventNames(heard), []);
  const outsider = await connect(t, relay.url);
  const refused = await act(outsider, { action: 'end' });
  assert.equal(refused.ok ? 'ok' : refused.code, 'not-joined');
});

test('lobby: a knock learns nothing of the room; hosts see it and admit it; it joins under its knock id', async (t) => {
  const relay = await startRelay(t);
  const { host, hostAck, guests } = await openRoom(t, relay, 'lobby');
  const guest = guests[0]!;
  const toggled = waitFor<HostActionMessage>(guest.socket, 'host-action');
  assert.deepEqual(await act(host, { action: 'lobby', enabled: true }), { ok: true });
  assert.deepEqual(await toggled, { by: hostAck.id, action: 'lobby', enabled: true });

  const guestHeard = record(guest.socket);
  const knocker = await connect(t, relay.url);
  const knocked = waitFor<KnockMessage>(host, 'knock');
  const waiting = (await ask(knocker, { room: 'lobby', name: 'Kim' })) as JoinWaiting;
  assert.deepEqual(waiting, { ok: true, waiting: true, id: waiting.id, host: true });
  assert.deepEqual(await knocked, { id: waiting.id, name: 'Kim' });
  await flush(guest.socket);
  assert.deepEqual(eventNames(guestHeard), [], 'guests hear nothing of knocks');

  // A second host joining sees the knock waiting.
  const cohost = await connect(t, relay.url);
  const cohostAck = (await ask(cohost, { room: 'lobby', hostKey: hostAck.hostKey })) as JoinAccepted;
  assert.deepEqual(cohostAck.knocks, [{ id: waiting.id, name: 'Kim' }]);
  assert.equal(cohostAck.lobby, true);

  const admitted = waitFor<JoinAccepted>(knocker, 'admitted');
  const ended = waitFor(cohost, 'knock-ended');
  const arrived = waitFor<PeerJoinedMessage>(guest.socket, 'peer-joined', { filter: ({ id }) => id === waiting.id });
  assert.deepEqual(await act(host, { action: 'admit', id: waiting.id }), { ok: true });
  const accepted = await admitted;
  assert.equal(accepted.id, waiting.id);
  assert.deepEqual(accepted.peers.map(({ id }) => id).sort(), [hostAck.id, guest.ack.id, cohostAck.id].sort());
  assert.equal(accepted.lobby, true);
  assert.deepEqual(await ended, { id: waiting.id });
  assert.deepEqual(await arrived, { id: waiting.id, name: 'Kim' });
  // Admitted, it is a member like any other: signals reach it.
  const signal = waitFor(knocker, 'signal');
  host.emit('signal', { to: waiting.id, data: { hello: 1 } });
  assert.deepEqual(await signal, { from: hostAck.id, data: { hello: 1 } });
});

test('lobby: a denied knock is dismissed; one that leaves or drops is withdrawn; none waits past the timeout', async (t) => {
  const relay = await startRelay(t, { lobbyTimeoutMs: 1_000 });
  const { host } = await openRoom(t, relay, 'turned-away', 0);
  await act(host, { action: 'lobby', enabled: true });
  const knock = async () => {
    const socket = await connect(t, relay.url);
    const knocked = waitFor<KnockMessage>(host, 'knock');
    const waiting = (await ask(socket, { room: 'turned-away' })) as JoinWaiting;
    assert.equal((await knocked).id, waiting.id);
    return { socket, id: waiting.id };
  };

  const denied = await knock();
  const dismissed = waitFor<DismissedMessage>(denied.socket, 'dismissed');
  assert.deepEqual(await act(host, { action: 'deny', id: denied.id }), { ok: true });
  assert.equal((await dismissed).code, 'denied');
  const again = await act(host, { action: 'admit', id: denied.id });
  assert.equal(again.ok ? 'ok' : again.code, 'unknown-peer', 'an answered knock is gone');

  const leaver = await knock();
  let ended = waitFor(host, 'knock-ended');
  await leaver.socket.timeout(WAIT_MS).emitWithAck('leave');
  assert.deepEqual(await ended, { id: leaver.id });

  const dropper = await knock();
  ended = waitFor(host, 'knock-ended');
  dropper.socket.disconnect();
  assert.deepEqual(await ended, { id: dropper.id });

  const waiter = await knock();
  const timedOut = waitFor<DismissedMessage>(waiter.socket, 'dismissed');
  ended = waitFor(host, 'knock-ended');
  assert.equal((await timedOut).code, 'lobby-timeout');
  assert.deepEqual(await ended, { id: waiter.id });
});

test('lobby: a knock with no host there is told so, and told again as hosts come and go', async (t) => {
  const relay = await startRelay(t, { joinSecret: SECRET });
  const room = 'clinic';
  const patient = await connect(t, relay.url);
  const token = mintJoinToken({ room, name: 'Pat', lobby: true }, SECRET);
  const waiting = (await ask(patient, { room, token })) as JoinWaiting;
  assert.deepEqual(waiting, { ok: true, waiting: true, id: waiting.id, host: false });

  const doctor = await connect(t, relay.url);
  const hostCame = waitFor<WaitingMessage>(patient, 'waiting');
  const doctorAck = (await ask(doctor, {
    room,
    token: mintJoinToken({ room, name: 'Dr Who', role: 'host' }, SECRET),
  })) as JoinAccepted;
  assert.equal(doctorAck.role, 'host');
  assert.equal(doctorAck.hostKey, undefined, 'no host keys where tokens give roles');
  assert.deepEqual(doctorAck.knocks, [{ id: waiting.id, name: 'Pat', verified: true }]);
  assert.deepEqual(await hostCame, { host: true });

  const hostLeft = waitFor<WaitingMessage>(patient, 'waiting');
  await doctor.timeout(WAIT_MS).emitWithAck('leave');
  assert.deepEqual(await hostLeft, { host: false });
});

test("tokens: a host token's lobby claim gives the room a lobby; forged or other-secret role claims are refused", async (t) => {
  const relay = await startRelay(t, { joinSecret: SECRET });
  const room = 'tutoring';
  const tutor = await connect(t, relay.url);
  const tutorAck = (await ask(tutor, {
    room,
    token: mintJoinToken({ room, role: 'host', lobby: true }, SECRET),
  })) as JoinAccepted;
  assert.deepEqual([tutorAck.role, tutorAck.lobby], ['host', true]);
  const student = await connect(t, relay.url);
  const waiting = (await ask(student, { room, token: mintJoinToken({ room }, SECRET) })) as JoinWaiting;
  assert.equal(waiting.waiting, true);

  // A guest token with its claims edited to say host: the signature no longer matches.
  const [body, signature] = mintJoinToken({ room }, SECRET).split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
  const forged = `${Buffer.from(JSON.stringify({ ...claims, role: 'host' })).toString('base64url')}.${signature}`;
  for (const token of [forged, mintJoinToken({ room, role: 'host' }, 'another-secret')]) {
    const intruder = await connect(t, relay.url);
    const refused = await ask(intruder, { room, token });
    assert.equal(refused.ok ? 'joined' : refused.code, 'unauthorized');
  }
  // A host key means nothing where tokens give roles.
  const keyed = await connect(t, relay.url);
  const keyedAck = await ask(keyed, { room, token: mintJoinToken({ room }, SECRET), hostKey: 'C'.repeat(22) });
  assert.equal('waiting' in keyedAck && keyedAck.waiting, true);
});

test('remove: the member is dismissed, the others told, its resume token dead, and it cannot come back', async (t) => {
  const relay = await startRelay(t, { resumeGraceMs: 5_000 });
  const { host, hostAck, guests } = await openRoom(t, relay, 'troll', 2);
  const [troll, bystander] = guests as [(typeof guests)[0], (typeof guests)[0]];
  const dismissed = waitFor<DismissedMessage>(troll.socket, 'dismissed');
  const told = waitFor<HostActionMessage>(bystander.socket, 'host-action');
  const left = waitFor<PeerLeftMessage>(bystander.socket, 'peer-left');
  assert.deepEqual(await act(host, { action: 'remove', id: troll.ack.id }), { ok: true });
  assert.equal((await dismissed).code, 'removed');
  assert.deepEqual(await told, { by: hostAck.id, action: 'remove', id: troll.ack.id });
  assert.deepEqual(await left, { id: troll.ack.id, reason: 'removed' });

  // Its connection is in no room now...
  const notJoined = waitFor<{ code: string }>(troll.socket, 'error');
  troll.socket.emit('signal', { to: hostAck.id, data: { still: 'here' } });
  assert.equal((await notJoined).code, 'not-joined');
  // ...its resume token gives nothing back, and joining again (same address, no token) is refused.
  const back = await ask(troll.socket, { room: 'troll', resume: troll.ack.resume, received: 0 });
  assert.equal(back.ok ? 'joined' : back.code, 'removed');
  const fresh = await connect(t, relay.url);
  const refused = await ask(fresh, { room: 'troll' });
  assert.equal(refused.ok ? 'joined' : refused.code, 'removed');
  // The ban is for that room only.
  assert.equal((await ask(fresh, { room: 'elsewhere' })).ok, true);
  const self = await act(host, { action: 'remove', id: hostAck.id });
  assert.equal(self.ok ? 'ok' : self.code, 'unknown-peer', 'a host cannot remove itself');
});

test('remove bans the join token, not just the connection', async (t) => {
  const relay = await startRelay(t, { joinSecret: SECRET });
  const room = 'support';
  const agent = await connect(t, relay.url);
  await ask(agent, { room, token: mintJoinToken({ room, role: 'host' }, SECRET) });
  const token = mintJoinToken({ room, name: 'Spammer' }, SECRET);
  const spammer = await connect(t, relay.url);
  const spammerAck = (await ask(spammer, { room, token })) as JoinAccepted;
  assert.deepEqual(await act(agent, { action: 'remove', id: spammerAck.id }), { ok: true });
  const again = await connect(t, relay.url);
  const refused = await ask(again, { room, token });
  assert.equal(refused.ok ? 'joined' : refused.code, 'removed');
  const customer = await connect(t, relay.url);
  assert.equal((await ask(customer, { room, token: mintJoinToken({ room }, SECRET) })).ok, true);
});

test('lock: nobody new joins or knocks (room-locked), hosts still do; unlock opens it again', async (t) => {
  const relay = await startRelay(t);
  const { host, hostAck, guests } = await openRoom(t, relay, 'locked');
  const told = waitFor<HostActionMessage>(guests[0]!.socket, 'host-action');
  assert.deepEqual(await act(host, { action: 'lock', locked: true }), { ok: true });
  assert.deepEqual(await told, { by: hostAck.id, action: 'lock', locked: true });
  const late = await connect(t, relay.url);
  const refused = await ask(late, { room: 'locked' });
  assert.equal(refused.ok ? 'joined' : refused.code, 'room-locked');
  await act(host, { action: 'lobby', enabled: true });
  const knock = await ask(late, { room: 'locked' });
  assert.equal(knock.ok ? 'knocked' : knock.code, 'room-locked');
  const cohost = await connect(t, relay.url);
  const cohostAck = (await ask(cohost, { room: 'locked', hostKey: hostAck.hostKey })) as JoinAccepted;
  assert.deepEqual([cohostAck.role, cohostAck.locked], ['host', true]);

  await act(host, { action: 'lock', locked: false });
  await act(host, { action: 'lobby', enabled: false });
  assert.equal((await ask(late, { room: 'locked' })).ok, true);

  // Each action is counted.
  const metrics = await (await fetch(`${relay.url}/metrics`)).text();
  for (const action of ['lock', 'unlock', 'lobby-on', 'lobby-off']) {
    assert.match(metrics, new RegExp(`vc_relay_host_actions_total\\{action="${action}"\\} 1`), action);
  }
});

test('mute: one member or everyone else is asked, and every member hears the request', async (t) => {
  const relay = await startRelay(t);
  const { host, hostAck, guests } = await openRoom(t, relay, 'muting', 2);
  const one = guests[0]!;
  const heard = guests.map(({ socket }) => waitFor<HostActionMessage>(socket, 'host-action'));
  assert.deepEqual(await act(host, { action: 'mute', id: one.ack.id }), { ok: true });
  for (const told of heard) assert.deepEqual(await told, { by: hostAck.id, action: 'mute', id: one.ack.id });
  const everyone = waitFor<HostActionMessage>(one.socket, 'host-action');
  assert.deepEqual(await act(host, { action: 'mute' }), { ok: true });
  assert.deepEqual(await everyone, { by: hostAck.id, action: 'mute' });
});

test('end: every member and every knock is dismissed, and the room is gone', async (t) => {
  const relay = await startRelay(t);
  const { host, hostAck, guests } = await openRoom(t, relay, 'ending', 2);
  await act(host, { action: 'lobby', enabled: true });
  const knocker = await connect(t, relay.url);
  await ask(knocker, { room: 'ending' });
  const dismissals = [host, knocker, ...guests.map(({ socket }) => socket)].map((socket) =>
    waitFor<DismissedMessage>(socket, 'dismissed'),
  );
  assert.deepEqual(await act(host, { action: 'end' }), { ok: true });
  for (const dismissed of dismissals) assert.equal((await dismissed).code, 'ended');

  const next = await connect(t, relay.url);
  const nextAck = await join(next, 'ending');
  assert.deepEqual([nextAck.peers, nextAck.role, nextAck.lobby], [[], 'host', undefined], 'a new room');
  assert.notEqual(nextAck.hostKey, hostAck.hostKey);
  const stale = await act(host, { action: 'end' });
  assert.equal(stale.ok ? 'ok' : stale.code, 'not-joined');
});

test('knock floods are bounded per room (MAX_KNOCKS_PER_ROOM) and per address (MAX_KNOCKS_PER_IP)', async (t) => {
  const relay = await startRelay(t, { maxKnocksPerRoom: 3, maxKnocksPerIp: 4 });
  const { host } = await openRoom(t, relay, 'flooded', 0);
  await act(host, { action: 'lobby', enabled: true });
  const outcomes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const socket = await connect(t, relay.url);
    const answer = await ask(socket, { room: 'flooded' });
    outcomes.push('waiting' in answer ? 'waiting' : answer.ok ? 'joined' : answer.code);
  }
  assert.deepEqual(outcomes, ['waiting', 'waiting', 'waiting', 'rate-limited', 'rate-limited']);

  // The room's lobby is full; another room's is not, until this address has 4 knocks waiting.
  const { host: other } = await openRoom(t, relay, 'next-door', 0);
  await act(other, { action: 'lobby', enabled: true });
  const more: string[] = [];
  for (let i = 0; i < 2; i++) {
    const socket = await connect(t, relay.url);
    const answer = await ask(socket, { room: 'next-door' });
    more.push('waiting' in answer ? 'waiting' : answer.ok ? 'joined' : answer.code);
  }
  assert.deepEqual(more, ['waiting', 'rate-limited']);
});

test('knocking again and again is rate-limited per address (KNOCKS_PER_MINUTE_PER_IP): a knock withdrawn still counts', async (t) => {
  const relay = await startRelay(t, { knocksPerMinutePerIp: 5 });
  const { host } = await openRoom(t, relay, 'doorbell', 0);
  await act(host, { action: 'lobby', enabled: true });
  const prankster = await connect(t, relay.url);
  const outcomes: string[] = [];
  for (let i = 0; i < 6; i++) {
    const answer = await ask(prankster, { room: 'doorbell' });
    outcomes.push('waiting' in answer ? 'waiting' : answer.ok ? 'joined' : answer.code);
    await prankster.timeout(WAIT_MS).emitWithAck('leave');
  }
  assert.deepEqual(outcomes, ['waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'rate-limited']);
});

test('a member who knocks at another room leaves the one it was in', async (t) => {
  const relay = await startRelay(t);
  const { host } = await openRoom(t, relay, 'gated', 0);
  await act(host, { action: 'lobby', enabled: true });
  const { host: stayer, guests } = await openRoom(t, relay, 'before', 1);
  const mover = guests[0]!;
  const left = waitFor<PeerLeftMessage>(stayer, 'peer-left');
  const waiting = (await ask(mover.socket, { room: 'gated' })) as JoinWaiting;
  assert.equal(waiting.waiting, true);
  assert.deepEqual(await left, { id: mover.ack.id, reason: 'left' });
});

test('a knock let in when the room has filled meanwhile is dismissed with room-full, saying how large the room is', async (t) => {
  const relay = await startRelay(t, { maxPeersPerRoom: 2 });
  const { host, hostAck } = await openRoom(t, relay, 'small', 0);
  await act(host, { action: 'lobby', enabled: true });
  const knocker = await connect(t, relay.url);
  const waiting = (await ask(knocker, { room: 'small' })) as JoinWaiting;
  const cohost = await connect(t, relay.url);
  assert.equal((await ask(cohost, { room: 'small', hostKey: hostAck.hostKey })).ok, true);
  const dismissed = waitFor<DismissedMessage>(knocker, 'dismissed');
  await act(host, { action: 'admit', id: waiting.id });
  assert.deepEqual(await dismissed, { code: 'room-full', message: 'This room is full (2 people).' });
});
