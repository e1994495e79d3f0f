// The rtc layer on its own, without any element: two Calls join one room through the real relay, receive
// each other's media, and see each other leave.
import { expect } from '@open-wc/testing';
import { Call } from '../../src/rtc/call.ts';
import { relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';

describe('Call', () => {
  const calls: Call[] = [];
  afterEach(() => {
    for (const call of calls.splice(0)) call.leave();
  });

  async function joined(server: string, room: string, name: string): Promise<Call> {
    const call = new Call({ server, room, name });
    calls.push(call);
    await call.join();
    await waitFor(() => call.state === 'joined', `${name} joined`);
    return call;
  }

  it('connects two participants with audio and video flowing, and reports a leave', async () => {
    const server = await relayCommand('relay-url');
    const room = uniqueRoom();
    const ada = await joined(server, room, 'Ada');
    const events: string[] = [];
    ada.on('peer-joined', ({ name }) => events.push(`joined ${name}`));
    ada.on('peer-left', ({ reason }) => events.push(`left ${reason}`));
    const brian = await joined(server, room, 'Brian');

    const remote = (call: Call) => call.participants.find((p) => !p.local);
    await waitFor(() => remote(ada)?.video && remote(ada)?.audio, 'Ada receives Brian');
    await waitFor(() => remote(brian)?.video && remote(brian)?.audio, 'Brian receives Ada');
    expect(remote(ada)).to.include({ name: 'Brian', connectionState: 'connected' });
    expect(remote(brian)!.name).to.equal('Ada');

    brian.leave();
    await waitFor(() => ada.participants.length === 1, 'Brian gone');
    expect(events).to.deep.equal(['joined Brian', 'left left']);
    expect(brian.state).to.equal('left');
    expect(brian.participants).to.deep.equal([]);
  });
});
