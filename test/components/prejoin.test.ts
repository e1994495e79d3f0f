// The pre-join screen: a camera preview, a remembered name, microphone and camera toggles, device pickers,
// and a Join button that joins with what was chosen there.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { relayCommand, remoteTiles, uniqueRoom, waitFor, waitForDecodedVideo } from '../support/browser.ts';

describe('pre-join', () => {
  afterEach(() => localStorage.removeItem('video-conference-name'));

  it('previews, remembers the name, and joins with the camera it previewed and the microphone muted', async () => {
    const server = await relayCommand('relay-url');
    const room = uniqueRoom();
    const host = await fixture<VideoConference>(
      html`<video-conference server=${server} room=${room}></video-conference>`,
    );
    await waitFor(() => host.state === 'joined', 'the host joined');

    const guest = await fixture<VideoConference>(
      html`<video-conference server=${server} room=${room} prejoin></video-conference>`,
    );
    await waitFor(
      () => guest.shadowRoot!.querySelector('[part=prejoin]') && guest.localStream?.getVideoTracks()[0],
      'preview',
    );
    expect(guest.state).to.equal('idle');
    const preview = guest.shadowRoot!.querySelector<HTMLElement & { updateComplete: Promise<void> }>('.preview')!;
    await waitForDecodedVideo(preview as never);
    expect(remoteTiles(host)).to.have.length(0);

    const input = guest.shadowRoot!.querySelector<HTMLInputElement>('[part=name-input]')!;
    input.value = 'Dana';
    input.dispatchEvent(new InputEvent('input'));
    guest.shadowRoot!.querySelector<HTMLButtonElement>('[part~=microphone-control]')!.click();
    await waitFor(() => guest.localStream?.getAudioTracks()[0]?.enabled === false, 'muted before joining');
    const previewed = guest.localStream!.getVideoTracks()[0];
    guest.shadowRoot!.querySelector<HTMLButtonElement>('[part=join-button]')!.click();

    await waitFor(() => guest.state === 'joined', 'joined from the pre-join screen');
    expect(guest.localStream!.getVideoTracks()[0]).to.equal(previewed);
    expect(localStorage.getItem('video-conference-name')).to.equal('Dana');
    await waitFor(
      () => remoteTiles(host)[0]?.name === 'Dana' && remoteTiles(host)[0]!.micOff,
      'the host sees Dana, muted',
    );
    await waitForDecodedVideo(remoteTiles(host)[0]!);
    await waitForDecodedVideo(remoteTiles(guest)[0]!);
  });

  it('fills in the remembered name', async () => {
    localStorage.setItem('video-conference-name', 'Remembered');
    const server = await relayCommand('relay-url');
    const guest = await fixture<VideoConference>(
      html`<video-conference server=${server} room=${uniqueRoom()} prejoin></video-conference>`,
    );
    await waitFor(() => guest.shadowRoot!.querySelector('[part=name-input]'), 'the form');
    expect(guest.shadowRoot!.querySelector<HTMLInputElement>('[part=name-input]')!.value).to.equal('Remembered');
  });
});
