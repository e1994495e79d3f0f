// Joining a relay that requires a password or a join token: the right one gets in; a wrong one is an
// `unauthorized` error state with its event, and the people in the room never hear of it.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { nextEvent, protectedRelay, relayCommand, remoteTiles, uniqueRoom, waitFor } from '../support/browser.ts';

describe('a protected relay', () => {
  it('admits the right password, refuses a wrong one with unauthorized, and the room hears nothing', async () => {
    const { url, password } = await protectedRelay();
    const room = uniqueRoom();
    const member = await fixture<VideoConference>(
      html`<video-conference server=${url} room=${room} password=${password} name="Ada"></video-conference>`,
    );
    await waitFor(() => member.state === 'joined', 'joined with the password');
    let heardOfIntruder = false;
    member.addEventListener('vc-peer-joined', () => (heardOfIntruder = true));

    const intruder = document.createElement('video-conference');
    const error = nextEvent<{ code: string }>(intruder, 'vc-error');
    Object.assign(intruder, { server: url, room, password: 'guess' });
    document.body.append(intruder);
    try {
      expect((await error).code).to.equal('unauthorized');
      expect(intruder.state).to.equal('error');
      await intruder.updateComplete;
      const status = intruder.shadowRoot!.querySelector<HTMLElement>('[part=status]')!;
      expect(status.dataset.code).to.equal('unauthorized');
      const text = () => intruder.shadowRoot!.querySelector('[part=status]')?.textContent ?? '';
      await waitFor(() => text().includes('password'), 'the overlay asks for the password');
    } finally {
      intruder.remove();
    }
    expect(heardOfIntruder).to.equal(false);
    expect(remoteTiles(member)).to.have.length(0);
  });

  it('admits a join token for the room, under the name the token carries', async () => {
    const { url } = await protectedRelay();
    const room = uniqueRoom();
    const [first, second] = await Promise.all(
      ['Ada', 'Brian'].map((name) => relayCommand('mint-join-token', { room, name })),
    );
    const page = await fixture<HTMLElement>(html`
      <div>
        <video-conference server=${url} room=${room} token=${first!} name="Mallory"></video-conference>
        <video-conference server=${url} room=${room} token=${second!}></video-conference>
      </div>
    `);
    const [ada, brian] = [...page.querySelectorAll('video-conference')] as VideoConference[];
    await waitFor(() => remoteTiles(ada!).length === 1 && remoteTiles(brian!).length === 1, 'both in the room');
    await waitFor(() => remoteTiles(brian!)[0]!.name === 'Ada', "the token's name, once connected");
  });
});
