// Who is in the call, and who makes the first offer to whom, with a fake relay and fake peer connections: the
// newer member offers (on our join to everyone already there; on a peer-joined and after a resume, they do),
// peer-left and renames follow the relay, and a join that could not resume reports everyone as gone.
import { expect } from '@open-wc/testing';
import type { JoinAck } from '../../src/protocol.ts';
import type { Call } from '../../src/rtc/index.ts';
import { waitFor } from '../support/browser.ts';
import { accepted, fakeCall, type FakeSocket } from '../support/rtc-fakes.ts';

/** A call whose relay answers each join with the next of `answers`, and a log of its membership events. */
function callWith(answers: JoinAck[]) {
  const setup = fakeCall(answers, { name: 'Me' });
  const events: string[] = [];
  setup.call.on('peer-joined', ({ id, name }) => events.push(`joined ${id} ${name}`));
  setup.call.on('peer-left', ({ id, reason }) => events.push(`left ${id} ${reason}`));
  setup.call.on('joined', ({ id }) => events.push(`we joined as ${id}`));
  return { ...setup, events };
}

const offersTo = (socket: FakeSocket, id: string) =>
  socket.signals(id).filter(({ data }) => (data.description as { type?: string } | undefined)?.type === 'offer');
const remoteIds = (call: Call) => call.participants.filter((p) => !p.local).map((p) => p.id);
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('Membership', () => {
  const calls: Call[] = [];
  afterEach(() => {
    for (const call of calls.splice(0)) call.leave();
  });

  async function joined(answers: JoinAck[]) {
    const setup = callWith(answers);
    calls.push(setup.call);
    await setup.call.join();
    await waitFor(() => setup.call.state === 'joined', 'joined');
    return setup;
  }

  it('on joining, lists everyone already here and makes the first offer to each of them', async () => {
    const { call, events, socket, connections } = await joined([
      accepted('m', [
        { id: 'b', name: 'Brian' },
        { id: 'c', name: 'Cleo' },
      ]),
    ]);
    expect(events).to.deep.equal(['joined b Brian', 'joined c Cleo', 'we joined as m']);
    expect(remoteIds(call)).to.deep.equal(['b', 'c']);
    expect(call.participants[0]).to.include({ id: 'm', local: true, name: 'Me' });
    await waitFor(() => offersTo(socket(), 'b').length && offersTo(socket(), 'c').length, 'offers');
    expect(connections.map((pc) => pc.initiated)).to.deep.equal([true, true]);
  });

  it('lets whoever joins after us make the offer, and answers it', async () => {
    const { call, events, socket, connections } = await joined([accepted('m')]);
    socket().receive('peer-joined', { id: 'd', name: 'Dana' });
    expect(events).to.deep.equal(['we joined as m', 'joined d Dana']);
    expect(remoteIds(call)).to.deep.equal(['d']);
    await settle();
    expect(offersTo(socket(), 'd')).to.deep.equal([]);
    expect(connections[0]!.initiated).to.equal(false);

    socket().receive('signal', { from: 'd', data: { description: { type: 'offer', sdp: 'their offer' } } });
    const answer = await waitFor(() => socket().signals('d')[0], 'an answer');
    expect(answer.data.description).to.deep.equal({ type: 'answer', sdp: 'fake answer' });
  });

  it('follows the relay on who left and on renames', async () => {
    const { call, events, socket, connections } = await joined([accepted('m', [{ id: 'b', name: 'Brian' }])]);
    const changes: string[] = [];
    call.on('participant-change', ({ id, name }) => changes.push(`${id} ${name}`));
    socket().receive('peer-renamed', { id: 'b', name: 'Bri' });
    expect(changes).to.deep.equal(['b Bri']);
    expect(call.participants[1]!.name).to.equal('Bri');

    socket().receive('peer-left', { id: 'b', reason: 'timeout' });
    expect(events.at(-1)).to.equal('left b timeout');
    expect(remoteIds(call)).to.deep.equal([]);
    expect(connections[0]!.closed).to.equal(true);
    socket().receive('peer-left', { id: 'b', reason: 'left' });
    expect(events.filter((event) => event.startsWith('left'))).to.have.length(1);
  });

  it('after a resume, keeps the connections, drops who left meanwhile, and lets newcomers offer', async () => {
    const { call, events, socket, connections } = await joined([
      accepted('m', [
        { id: 'b', name: 'Brian' },
        { id: 'c', name: 'Cleo' },
      ]),
      accepted(
        'm',
        [
          { id: 'b', name: 'Brian' },
          { id: 'e', name: 'Eve' },
        ],
        true,
      ),
    ]);
    const states: string[] = [];
    call.on('state-change', ({ state }) => states.push(state));
    socket().drop();
    await waitFor(() => states.includes('joined'), 'joined again');
    expect(states).to.deep.equal(['reconnecting', 'joined']);
    expect(events.slice(3)).to.deep.equal(['left c left', 'joined e Eve', 'we joined as m']);
    expect(remoteIds(call)).to.deep.equal(['b', 'e']);
    expect(connections.map((pc) => pc.closed)).to.deep.equal([false, true, false]);
    await settle();
    expect(offersTo(socket(), 'e')).to.deep.equal([]);
    expect(connections[2]!.initiated).to.equal(false);
    expect(socket().joins[1]).to.include({ resume: 'resume-m' });
  });

  it('after a join that could not resume, reports everyone as gone and starts over with a new id', async () => {
    const { call, events, socket, connections } = await joined([
      accepted('m', [{ id: 'b', name: 'Brian' }]),
      accepted('n', [{ id: 'c', name: 'Cleo' }]),
    ]);
    socket().drop();
    await waitFor(() => events.includes('we joined as n'), 'joined anew');
    expect(events.slice(2)).to.deep.equal(['left b disconnected', 'joined c Cleo', 'we joined as n']);
    expect(call.participants.map((p) => p.id)).to.deep.equal(['n', 'c']);
    expect(connections[0]!.closed).to.equal(true);
    await waitFor(() => offersTo(socket(), 'c').length, 'an offer to Cleo');
    expect(connections[1]!.initiated).to.equal(true);
  });

  it('hands each signal to the connection of the peer it came from, and drops those from strangers', async () => {
    const { socket, connections } = await joined([accepted('m', [{ id: 'b', name: 'Brian' }])]);
    const candidate = { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    socket().receive('signal', { from: 'x', data: { description: { type: 'offer', sdp: 'stranger' } } });
    socket().receive('signal', { from: 'b', data: { candidate } });
    await waitFor(() => offersTo(socket(), 'b').length, 'our offer');
    socket().receive('signal', { from: 'b', data: { description: { type: 'answer', sdp: 'their answer' } } });
    await waitFor(() => connections[0]!.candidates.length, 'the candidate, once the answer is in');
    expect(connections[0]!.remoteDescription).to.deep.equal({ type: 'answer', sdp: 'their answer' });
    expect(connections).to.have.length(1);
    expect(socket().signals('x')).to.deep.equal([]);
  });
});
