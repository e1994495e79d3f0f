// The pre-join screen: a camera preview with a microphone level, a remembered name checked by the relay's
// own rule, microphone and camera toggles, device pickers (or why there are none), and a Join button that
// joins with what was chosen there.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import {
  recordInstances,
  relayCommand,
  remoteTiles,
  uniqueRoom,
  waitFor,
  waitForDecodedVideo,
} from '../support/browser.ts';
import { inPrejoin, isVisible, pickersOf, prejoinOf, typeName } from '../support/prejoin.ts';

/** A <video-conference> with a pre-join screen in a new room (or `room`), once its Join button shows. */
async function prejoined(server: string, room = uniqueRoom()): Promise<VideoConference> {
  const element = await fixture<VideoConference>(
    html`<video-conference server=${server} room=${room} prejoin></video-conference>`,
  );
  await waitFor(() => inPrejoin(element, '[part~=join-button]'), 'the pre-join screen');
  return element;
}

/** Replaces a property of `target` for one test; returns the function that puts it back. */
function replace<T extends object>(target: T, key: PropertyKey, value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  return () => (own ? Object.defineProperty(target, key, own) : delete (target as Record<PropertyKey, unknown>)[key]);
}

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
    await waitFor(() => prejoinOf(guest) && guest.localStream?.getVideoTracks()[0], 'preview');
    expect(guest.state).to.equal('idle');
    const preview = await waitFor(() => inPrejoin(guest, '.preview'), 'the preview tile');
    await waitForDecodedVideo(preview as never);
    expect(remoteTiles(host)).to.have.length(0);

    typeName(guest, '  Dana ');
    inPrejoin(guest, '[part~=microphone-control]')!.click();
    await waitFor(() => guest.localStream?.getAudioTracks()[0]?.enabled === false, 'muted before joining');
    const previewed = guest.localStream!.getVideoTracks()[0];
    inPrejoin(guest, '[part~=join-button]')!.click();

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
    const guest = await prejoined(server);
    expect(inPrejoin<HTMLInputElement>(guest, '[part~=name-input]')!.value).to.equal('Remembered');
  });

  it('shows and joins where storage throws (a sandboxed iframe, storage blocked), keeping no name', async () => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const own = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', { get: blocked, configurable: true });
    try {
      const server = await relayCommand('relay-url');
      const guest = await prejoined(server);
      typeName(guest, 'Sandboxed');
      inPrejoin(guest, '[part~=join-button]')!.click();
      await waitFor(() => guest.state === 'joined', 'joined from the pre-join screen');
    } finally {
      Object.defineProperty(window, 'localStorage', own);
    }
    expect(localStorage.getItem('video-conference-name')).to.equal(null);
  });

  it('joins without a name as the localized "Guest", with no error', async () => {
    const server = await relayCommand('relay-url');
    const room = uniqueRoom();
    const host = await fixture<VideoConference>(
      html`<video-conference server=${server} room=${room} name="Host"></video-conference>`,
    );
    await waitFor(() => host.state === 'joined', 'the host joined');
    const guest = await prejoined(server, room);
    expect(inPrejoin<HTMLInputElement>(guest, '[part~=name-input]')!.placeholder).to.equal('Guest');

    inPrejoin(guest, '[part~=join-button]')!.click();
    await waitFor(() => guest.state === 'joined', 'joined without a name');
    await waitFor(() => remoteTiles(host)[0]?.name === 'Guest', 'the host sees a guest');
    expect(!!guest.shadowRoot!.querySelector('[part=status]')).to.equal(false);
  });

  for (const [what, name] of [
    ['only spaces', '   '],
    ['a control character', 'Ada\u0007'],
  ]) {
    it(`says a name of ${what} is not one, on the form, and does not join`, async () => {
      const server = await relayCommand('relay-url');
      const guest = await prejoined(server);
      const input = typeName(guest, name!);
      inPrejoin(guest, '[part~=join-button]')!.click();
      await guest.updateComplete;
      await (prejoinOf(guest) as (HTMLElement & { updateComplete?: Promise<void> }) | null)?.updateComplete;

      expect(guest.state).to.equal('idle');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const error = inPrejoin(guest, `#${input.getAttribute('aria-describedby')}`)!;
      expect(error.getAttribute('part')).to.equal('name-error');
      expect(error.textContent).to.contain('64');
      expect(!!guest.shadowRoot!.querySelector('[part=status]')).to.equal(false);

      typeName(guest, 'Ada');
      await (prejoinOf(guest) as (HTMLElement & { updateComplete?: Promise<void> }) | null)?.updateComplete;
      expect(input.hasAttribute('aria-invalid')).to.equal(false);
      inPrejoin(guest, '[part~=join-button]')!.click();
      await waitFor(() => guest.state === 'joined', 'joined once the name is fixed');
      expect(guest.participants[0]!.name).to.equal('Ada');
    });
  }

  it('says in the card that the camera is blocked, how to allow it, and retries', async () => {
    // What Chromium does for a page whose camera and microphone were blocked: getUserMedia refuses, and the
    // devices are listed without ids or labels.
    const restore = [
      replace(navigator.mediaDevices, 'getUserMedia', () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
      ),
      replace(navigator.mediaDevices, 'enumerateDevices', () =>
        Promise.resolve(
          (['audioinput', 'videoinput', 'audiooutput'] as const).map((kind) => ({
            kind,
            deviceId: '',
            label: '',
            groupId: '',
          })),
        ),
      ),
    ];
    try {
      const server = await relayCommand('relay-url');
      const guest = await prejoined(server);
      const notice = await waitFor(() => inPrejoin(guest, '[part~=prejoin-notice]'), 'the notice in the card');
      expect(notice.dataset.code).to.equal('permission-denied');
      expect(notice.textContent).to.contain('address bar');
      expect(isVisible(notice), 'the notice is visible').to.equal(true);
      expect(!!guest.shadowRoot!.querySelector('[part=notice]'), 'no notice under the card').to.equal(false);
      const pickers = pickersOf(guest);
      expect(pickers).to.have.length(3);
      for (const picker of pickers) {
        expect(picker.disabled).to.equal(true);
        expect(picker.selectedOptions[0]!.textContent!.trim()).to.equal('Blocked');
      }

      for (const undo of restore.splice(0)) undo(); // the person allows access in the address bar
      const retry = notice.querySelector<HTMLButtonElement>('[part~=action]')!;
      expect(retry.textContent!.trim()).to.equal('Retry camera and microphone');
      retry.click();
      await waitFor(() => guest.localStream?.getVideoTracks()[0], 'the preview after a retry');
      await waitFor(() => !inPrejoin(guest, '[part~=prejoin-notice]'), 'the notice gone');
      await waitFor(() => pickersOf(guest).every((picker) => !picker.disabled), 'the devices listed');
    } finally {
      for (const undo of restore) undo();
    }
  });

  describe('microphone level', () => {
    const contexts = recordInstances<AudioContext>('AudioContext');

    it('moves with the microphone, rests when it is off, and stops listening on joining', async () => {
      const server = await relayCommand('relay-url');
      const guest = await prejoined(server);
      const level = await waitFor(() => inPrejoin(guest, '[part~=level]'), 'the level meter');
      expect(level.getAttribute('role')).to.equal('meter');
      // Chromium's fake microphone beeps: the level rises with each beep and falls between them.
      const seen = new Set<number>();
      await waitFor(() => {
        seen.add(Number(level.getAttribute('aria-valuenow')));
        return Math.max(...seen) > 0 && seen.size > 2;
      }, 'a moving level');

      inPrejoin(guest, '[part~=microphone-control]')!.click();
      await waitFor(() => level.getAttribute('aria-valuenow') === '0', 'silence with the microphone off');
      inPrejoin(guest, '[part~=microphone-control]')!.click();

      inPrejoin(guest, '[part~=join-button]')!.click();
      await waitFor(() => guest.state === 'joined', 'joined');
      expect(level.isConnected).to.equal(false);
      expect(contexts.length).to.be.greaterThan(0);
      await waitFor(() => contexts.every((context) => context.state === 'closed'), 'the audio graph closed');
    });
  });
});
