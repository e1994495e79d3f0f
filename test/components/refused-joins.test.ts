// A refused join is never a dead end: a room that needs a password asks for it in the widget and joins once
// the right one is typed; an expired invitation says to ask for a new link; a full room says so and joins by
// itself when someone leaves, without opening the camera for each try.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { protectedRelay, relayCommand, remoteTiles, uniqueRoom, waitFor } from '../support/browser.ts';

const status = (element: VideoConference) => element.shadowRoot!.querySelector<HTMLElement>('[part=status]');

describe('refused joins', () => {
  it('asks for the password, says when it is wrong, and joins with the right one', async () => {
    const { url, password } = await protectedRelay();
    const element = await fixture<VideoConference>(
      html`<video-conference server=${url} room=${uniqueRoom()}></video-conference>`,
    );
    const field = await waitFor(
      () => element.shadowRoot!.querySelector<HTMLInputElement>('[part=password-input]'),
      'a password field',
    );
    expect(status(element)!.dataset.code).to.equal('unauthorized');
    expect(field.getAttribute('aria-invalid')).to.equal('false');

    field.focus();
    await sendKeys({ type: 'guess' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => status(element)?.textContent?.includes('not right'), 'the wrong password said so');
    const again = element.shadowRoot!.querySelector<HTMLInputElement>('[part=password-input]')!;
    expect(again.getAttribute('aria-invalid')).to.equal('true');

    again.value = password;
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part=status] [part=action]')!.click();
    await waitFor(() => element.state === 'joined', 'joined with the right password');
    expect(element.password).to.equal(password);
  });

  it('says an expired invitation has expired, with no password field and no pointless retry', async () => {
    const { url } = await protectedRelay();
    const room = uniqueRoom();
    const token = await relayCommand('mint-join-token', { room, expiresInSeconds: -60 });
    const element = await fixture<VideoConference>(
      html`<video-conference server=${url} room=${room} token=${token}></video-conference>`,
    );
    await waitFor(() => status(element)?.textContent?.includes('ask the host for a new link'), 'says so');
    expect(element.shadowRoot!.querySelector('[part=password-input]')).to.equal(null);
    expect(element.shadowRoot!.querySelector('[part=status] [part=action]')).to.equal(null);
  });

  it('says a room is full, keeps the camera closed while waiting, and joins when someone leaves', async () => {
    const server = await relayCommand('two-seat-relay');
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(html`
      <div>
        <video-conference server=${server} room=${room} name="Ada"></video-conference>
        <video-conference server=${server} room=${room} name="Brian"></video-conference>
      </div>
    `);
    const [ada, brian] = [...page.querySelectorAll('video-conference')] as VideoConference[];
    await waitFor(() => ada!.state === 'joined' && brian!.state === 'joined', 'two in the room');

    const chen = document.createElement('video-conference');
    Object.assign(chen, { server, room, name: 'Chen' });
    page.append(chen);
    await waitFor(() => status(chen)?.textContent?.includes('as soon as someone leaves'), 'the room is full');
    expect(status(chen)!.dataset.code).to.equal('room-full');
    expect(chen.localStream).to.equal(null);

    brian!.leave();
    await waitFor(() => chen.state === 'joined', 'Chen joined once Brian left');
    await waitFor(() => remoteTiles(ada!).some((tile) => tile.name === 'Chen'), 'Ada sees Chen');
    await waitFor(() => chen.localStream?.getVideoTracks()[0], 'the camera opened once let in');
  });
});
