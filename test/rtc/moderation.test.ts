// Roles, the lobby and host actions in the rtc layer, with a fake relay: a join that waits in the lobby and is
// let in (or not), what the relay says hosts did (a mute honoured only when it is meant for us), knocks, host
// requests and their refusals, and a dismissal that ends the call without a rejoin.
import { expect } from '@open-wc/testing';
import type { JoinAck, JoinAccepted } from '../../src/protocol.ts';
import type { Call, CallState } from '../../src/rtc/index.ts';
import { waitFor } from '../support/browser.ts';
import { accepted, fakeCall } from '../support/rtc-fakes.ts';

const KEY = 'k'.repeat(22);
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('Moderation', () => {
  const calls: Call[] = [];
  afterEach(() => {
    for (const call of calls.splice(0)) call.leave();
  });

  async function started(answers: JoinAck[], options = {}) {
    const setup = fakeCall(answers, { name: 'Me', ...options });
    calls.push(setup.call);
    const states: CallState[] = [];
    const errors: string[] = [];
    setup.call.on('state-change', ({ state }) => states.push(state));
    setup.call.on('error', ({ code }) => errors.push(code));
    await setup.call.join();
    await waitFor(() => setup.call.state !== 'joining', 'an answer');
    return { ...setup, states, errors };
  }

  it('takes our role, the host key and the room’s switches from the join, and each peer’s role', async () => {
    const ack: JoinAccepted = {
      ...(accepted('m', [
        { id: 'h', name: 'Hana', role: 'host' },
        { id: 'g', name: 'Gil' },
      ]) as JoinAccepted),
      role: 'host',
      hostKey: KEY,
      locked: true,
      lobby: true,
      knocks: [{ id: 'k1', name: 'Kim' }],
    };
    const { call } = await started([ack]);
    expect(call.role).to.equal('host');
    expect(call.hostKey).to.equal(KEY);
    expect([call.locked, call.lobby]).to.deep.equal([true, true]);
    expect(call.knocks).to.deep.equal([{ id: 'k1', name: 'Kim' }]);
    expect(call.participants.map((p) => [p.id, p.role])).to.deep.equal([
      ['m', 'host'],
      ['h', 'host'],
      ['g', 'guest'],
    ]);
  });

  it('sends the host key it was given, and holds it once a host', async () => {
    const { call, socket } = await started([{ ...(accepted('m') as JoinAccepted), role: 'host' }], { hostKey: KEY });
    expect(socket().joins[0]!.hostKey).to.equal(KEY);
    expect(call.hostKey).to.equal(KEY);
  });

  it('holds no key when the one it joined with did not make it a host', async () => {
    const { call } = await started([accepted('m')], { hostKey: KEY });
    expect([call.role, call.hostKey]).to.deep.equal(['guest', '']);
  });

  it('waits in the lobby, knowing only whether a host is there, until a host lets it in', async () => {
    const { call, socket, states } = await started([{ ok: true, waiting: true, id: 'm', host: false }]);
    expect(call.state).to.equal('waiting');
    expect(call.hostPresent).to.equal(false);
    expect(call.participants.filter((p) => !p.local)).to.deep.equal([]);
    socket().receive('waiting', { host: true });
    expect(call.hostPresent).to.equal(true);

    socket().receive('admitted', { ...(accepted('m', [{ id: 'h', role: 'host' }]) as JoinAccepted), lobby: true });
    expect(call.state).to.equal('joined');
    expect(call.lobby).to.equal(true);
    expect(call.participants.map((p) => p.id)).to.deep.equal(['m', 'h']);
    expect(states).to.deep.equal(['joining', 'waiting', 'joined']);
  });

  it('ends in `denied` when turned down, with the error, and never joins again', async () => {
    const { call, socket, errors, connections } = await started([{ ok: true, waiting: true, id: 'm', host: true }]);
    const relay = socket();
    relay.receive('dismissed', { code: 'denied', message: 'No.' });
    expect(call.state).to.equal('denied');
    expect(call.error?.code).to.equal('denied');
    expect(errors).to.deep.equal(['denied']);
    expect(call.localStream).to.equal(null);
    expect(relay.connected).to.equal(false);
    // No goodbye for a membership the relay already ended, and no new join.
    expect(relay.sent.filter(({ event }) => event === 'leave')).to.deep.equal([]);
    await settle();
    expect(relay.joins).to.have.length(1);
    expect(connections).to.deep.equal([]);
  });

  it('ends in `removed` when a host removes it, closing every connection', async () => {
    const { call, socket, errors, connections } = await started([accepted('m', [{ id: 'h', role: 'host' }])]);
    await waitFor(() => connections.length === 1, 'a connection');
    socket().receive('dismissed', { code: 'removed', message: 'Removed.' });
    expect(call.state).to.equal('removed');
    expect(errors).to.deep.equal(['removed']);
    expect(connections[0]!.closed).to.equal(true);
    expect(call.participants).to.deep.equal([]);
  });

  it('ends in `ended`, without an error, when a host ends the call; a lobby timeout is an error', async () => {
    const ended = await started([accepted('m')]);
    ended.socket().receive('dismissed', { code: 'ended', message: 'Ended.' });
    expect(ended.call.state).to.equal('ended');
    expect(ended.call.error).to.equal(null);
    expect(ended.errors).to.deep.equal([]);

    const late = await started([{ ok: true, waiting: true, id: 'n', host: false }]);
    late.socket().receive('dismissed', { code: 'lobby-timeout', message: 'Too late.' });
    expect(late.call.state).to.equal('error');
    expect(late.errors).to.deep.equal(['lobby-timeout']);
  });

  it('mutes its microphone when a host asks it, or everyone but that host; not for a request of its own', async () => {
    const { call, socket } = await started([accepted('m', [{ id: 'h', role: 'host' }, { id: 'g' }])]);
    await waitFor(() => call.media?.microphoneOn, 'the microphone on');
    const actions: string[] = [];
    call.on('host-action', ({ action, by }) => actions.push(`${action} by ${by}`));

    socket().receive('host-action', { by: 'h', action: 'mute', id: 'g' });
    await settle();
    expect(call.media!.microphoneOn).to.equal(true);
    socket().receive('host-action', { by: 'm', action: 'mute' });
    await settle();
    expect(call.media!.microphoneOn).to.equal(true);
    socket().receive('host-action', { by: 'h', action: 'mute' });
    await waitFor(() => !call.media!.microphoneOn, 'muted by the host');

    await call.toggleMicrophone(true);
    socket().receive('host-action', { by: 'h', action: 'mute', id: 'm' });
    await waitFor(() => !call.media!.microphoneOn, 'muted again');
    expect(actions).to.deep.equal(['mute by h', 'mute by m', 'mute by h', 'mute by h']);
  });

  it('follows locks, the lobby and knocks, counts those events for a resume, and keeps them across it', async () => {
    const { call, socket } = await started([
      { ...(accepted('m') as JoinAccepted), role: 'host' },
      { ...(accepted('m', [], true) as JoinAccepted), role: 'host' },
    ]);
    socket().receive('host-action', { by: 'm', action: 'lock', locked: true });
    socket().receive('host-action', { by: 'm', action: 'lobby', enabled: true });
    expect([call.locked, call.lobby]).to.deep.equal([true, true]);
    const knocked: string[] = [];
    call.on('knock', ({ id }) => knocked.push(`knock ${id}`));
    call.on('knock-ended', ({ id }) => knocked.push(`ended ${id}`));
    socket().receive('knock', { id: 'k1', name: 'Kim' });
    socket().receive('knock', { id: 'k2' });
    socket().receive('knock-ended', { id: 'k1' });
    expect(call.knocks).to.deep.equal([{ id: 'k2' }]);
    expect(knocked).to.deep.equal(['knock k1', 'knock k2', 'ended k1']);

    socket().drop();
    await waitFor(() => socket().joins.length === 2, 'a resume');
    expect(socket().joins[1]!.received).to.equal(5);
    // The resume's answer says nothing of them: what we knew stands (anything missed is replayed).
    await waitFor(() => call.state === 'joined', 'resumed');
    expect([call.role, call.locked, call.lobby]).to.deep.equal(['host', true, true]);
    expect(call.knocks).to.deep.equal([{ id: 'k2' }]);
  });

  it('sends host requests, and rejects with the relay’s code when refused or when not in a call', async () => {
    const { call, socket } = await started([accepted('m')]);
    await call.host({ action: 'lock', locked: true });
    const hostAsks = socket().asks.filter(({ event }) => event === 'host');
    expect(hostAsks).to.deep.equal([{ event: 'host', request: { action: 'lock', locked: true } }]);

    socket().answerAsk = () => ({ ok: false, code: 'forbidden', message: 'Hosts only.' });
    const refused = await call.host({ action: 'end' }).catch((error: { code: string }) => error.code);
    expect(refused).to.equal('forbidden');

    call.leave();
    const outside = await call.host({ action: 'mute' }).catch((error: { code: string }) => error.code);
    expect(outside).to.equal('not-joined');
  });
});
