// The call's state machine with a fake relay, fake peer connections and fake devices: idle → joining →
// joined ⇄ reconnecting → left, a refused join's error state, a preview's camera kept for the join, and the
// camera opened only once let in when asked.
import { expect } from '@open-wc/testing';
import type { JoinAck } from '../../src/protocol.ts';
import type { Call, CallState } from '../../src/rtc/index.ts';
import { waitFor } from '../support/browser.ts';
import { accepted, fakeCall } from '../support/rtc-fakes.ts';

describe('Call states', () => {
  const calls: Call[] = [];
  afterEach(() => {
    for (const call of calls.splice(0)) call.leave();
  });

  function callWith(answers: JoinAck[]) {
    const setup = fakeCall(answers);
    calls.push(setup.call);
    const states: CallState[] = [];
    const errors: string[] = [];
    setup.call.on('state-change', ({ state }) => states.push(state));
    setup.call.on('error', ({ code }) => errors.push(code));
    return { ...setup, states, errors };
  }

  it('goes from idle through joining to joined, and to left with a goodbye to the relay', async () => {
    const { call, states, socket } = callWith([accepted('m')]);
    expect(call.state).to.equal('idle');
    expect(call.participants).to.deep.equal([]);
    await call.join();
    await waitFor(() => call.state === 'joined', 'joined');
    expect(states).to.deep.equal(['joining', 'joined']);
    await waitFor(() => call.localStream?.getTracks().length === 2, 'camera and microphone');
    const tracks = call.localStream!.getTracks();

    await call.join();
    expect(states).to.deep.equal(['joining', 'joined']);

    const left = new Promise((resolve) => call.on('left', resolve));
    call.leave();
    await left;
    expect(states).to.deep.equal(['joining', 'joined', 'left']);
    expect(socket().sent.map(({ event }) => event)).to.include('leave');
    expect(socket().connected).to.equal(false);
    expect(tracks.map((track) => track.readyState)).to.deep.equal(['ended', 'ended']);
    expect(call.participants).to.deep.equal([]);
    expect(call.localStream).to.equal(null);
  });

  it('is reconnecting while the relay connection is down, and joined again once the membership is back', async () => {
    const { call, states, socket } = callWith([accepted('m'), accepted('m', [], true)]);
    await call.join();
    await waitFor(() => call.state === 'joined', 'joined');
    socket().drop();
    expect(call.state).to.equal('reconnecting');
    await waitFor(() => call.state === 'joined', 'joined again');
    expect(states).to.deep.equal(['joining', 'joined', 'reconnecting', 'joined']);
    expect(call.participants[0]!.id).to.equal('m');
  });

  it('ends a refused join in the error state, and joins from there when asked', async () => {
    const { call, states, errors } = callWith([
      { ok: false, code: 'room-full', message: 'the room is full' },
      accepted('m'),
    ]);
    await call.join();
    await waitFor(() => call.state === 'error', 'the error state');
    expect(call.error).to.include({ code: 'room-full' });
    expect(errors).to.deep.equal(['room-full']);
    expect(call.localStream).to.equal(null);

    await call.join();
    await waitFor(() => call.state === 'joined', 'joined');
    expect(call.error).to.equal(null);
    expect(states).to.deep.equal(['joining', 'error', 'joining', 'joined']);
  });

  it('keeps the preview camera for the join', async () => {
    const { call, states, devices } = callWith([accepted('m')]);
    await call.preview();
    expect(call.state).to.equal('idle');
    expect(call.participants.map(({ id, local }) => ({ id, local }))).to.deep.equal([{ id: 'local', local: true }]);
    const stream = call.localStream;
    await call.join();
    await waitFor(() => call.state === 'joined', 'joined');
    expect(states).to.deep.equal(['joining', 'joined']);
    expect(devices.opened).to.equal(1);
    expect(call.localStream).to.equal(stream);
  });

  it('opens the camera only once let in, with mediaOnceJoined', async () => {
    const { call, devices } = callWith([accepted('m')]);
    await call.join({ mediaOnceJoined: true });
    expect(devices.opened).to.equal(0);
    await waitFor(() => call.state === 'joined', 'joined');
    await waitFor(() => devices.opened === 1, 'the camera opened');
  });

  it('reports the relay’s errors, but not a signal that crossed a departure (unknown-peer)', async () => {
    const { call, errors, socket } = callWith([accepted('m')]);
    await call.join();
    await waitFor(() => call.state === 'joined', 'joined');
    socket().receive('error', { code: 'unknown-peer', message: 'no such peer' });
    socket().receive('error', { code: 'rate-limited', message: 'slow down' });
    expect(errors).to.deep.equal(['rate-limited']);
    expect(call.state).to.equal('joined');
  });
});
