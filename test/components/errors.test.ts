// What a person and the host page see when things go wrong: each problem has its code, a visible state in
// the widget and a vc-error event, and nobody else in the room is affected.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { nextEvent, relayCommand, remoteTiles, uniqueRoom, waitFor, waitForDecodedVideo } from '../support/browser.ts';

type ErrorDetail = { code: string; message: string };

/** Replaces a property of `target` for one test; returns the function that puts it back. */
function replace<T extends object>(target: T, key: PropertyKey, value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  return () => (own ? Object.defineProperty(target, key, own) : delete (target as Record<PropertyKey, unknown>)[key]);
}

function statusOf(element: VideoConference): HTMLElement {
  return element.shadowRoot!.querySelector('[part=status]')!;
}

/** Adds a <video-conference> to the page (removed after the test) and resolves with its first vc-error. */
async function mountForError(
  restore: Array<() => void>,
  settings: { room?: string; name?: string } = {},
): Promise<{ el: VideoConference; error: Promise<ErrorDetail> }> {
  const el = document.createElement('video-conference');
  const error = nextEvent<ErrorDetail>(el, 'vc-error');
  Object.assign(el, { server: await relayCommand('relay-url'), room: uniqueRoom(), ...settings });
  // Short enough that it and element()'s fit the test page's 600 px: a tile off screen is paused (rightly).
  el.style.height = '240px';
  document.body.append(el);
  restore.push(() => el.remove());
  return { el, error };
}

async function element(room: string, name = 'Ada'): Promise<VideoConference> {
  const server = await relayCommand('relay-url');
  return fixture<VideoConference>(
    html`<video-conference style="height: 240px" server=${server} room=${room} name=${name}></video-conference>`,
  );
}

describe('errors', () => {
  const restore: Array<() => void> = [];
  afterEach(() => {
    for (const undo of restore.splice(0)) undo();
  });

  it('permission-denied: joins listen-only, sees the others, shows a retry that sends video once allowed', async () => {
    const room = uniqueRoom();
    const brian = await element(room, 'Brian');
    await waitFor(() => brian.state === 'joined', 'Brian joined');
    // Joined comes before the camera (they start together): Brian's must be open before the page's is denied.
    await waitFor(() => brian.localStream?.getVideoTracks()[0]?.readyState === 'live', "Brian's camera");

    const undo = replace(navigator.mediaDevices, 'getUserMedia', () =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
    );
    restore.push(undo);
    const { el: ada, error } = await mountForError(restore, { room, name: 'Ada' });

    expect((await error).code).to.equal('permission-denied');
    await waitFor(() => ada.state === 'joined', 'Ada joined listen-only');
    await waitFor(() => remoteTiles(ada).length === 1, 'Ada sees Brian');
    await waitForDecodedVideo(remoteTiles(ada)[0]!);
    await waitFor(() => ada.shadowRoot!.querySelector('[part=notice]'), 'a notice');
    const notice = ada.shadowRoot!.querySelector<HTMLElement>('[part=notice]')!;
    expect(notice.dataset.code).to.equal('permission-denied');
    const retry = notice.querySelector<HTMLButtonElement>('[part=action]')!;
    expect(retry.textContent!.trim()).to.equal('Retry camera and microphone');
    await waitFor(() => remoteTiles(brian)[0]?.shadowRoot!.querySelector('[part=avatar]'), 'Brian sees an avatar');

    undo(); // the person allows access in the browser, then retries
    retry.click();
    await waitFor(() => ada.participants[0]!.video, 'Ada sends video');
    await waitForDecodedVideo(remoteTiles(brian)[0]!);
  });

  it('device-in-use: a camera held by another application joins listen-only with that code', async () => {
    restore.push(
      replace(navigator.mediaDevices, 'getUserMedia', () =>
        Promise.reject(new DOMException('Could not start video source', 'NotReadableError')),
      ),
    );
    const { el, error } = await mountForError(restore);
    expect((await error).code).to.equal('device-in-use');
    await waitFor(() => el.state === 'joined', 'joined listen-only');
    await waitFor(() => el.shadowRoot!.querySelector('[part=notice]'), 'a notice');
    expect(el.shadowRoot!.querySelector<HTMLElement>('[part=notice]')!.dataset.code).to.equal('device-in-use');
  });

  it('no-devices: joins listen-only with a notice, sees the others, and they see an avatar tile', async () => {
    const room = uniqueRoom();
    const brian = await element(room, 'Brian');
    await waitFor(() => brian.state === 'joined', 'Brian joined');

    restore.push(replace(navigator.mediaDevices, 'enumerateDevices', () => Promise.resolve([])));
    const { el, error } = await mountForError(restore, { room, name: 'Ada' });

    expect((await error).code).to.equal('no-devices');
    await waitFor(() => el.state === 'joined', 'listen-only participant joined');
    await waitFor(() => el.shadowRoot!.querySelector('[part=notice]'), 'notice shown');
    expect(el.shadowRoot!.querySelector('[part=notice]')!.textContent).to.contain('No camera or microphone was found');
    expect(el.participants[0]).to.include({ audio: false, video: false });

    await waitFor(() => remoteTiles(el).length === 1, 'Ada sees Brian');
    await waitForDecodedVideo(remoteTiles(el)[0]!);
    await waitFor(() => remoteTiles(brian).length === 1, 'Brian sees Ada');
    const adaTile = remoteTiles(brian)[0]!;
    await waitFor(() => adaTile.shadowRoot!.querySelector('[part=avatar]'), 'avatar for Ada');
    expect(adaTile.name).to.contain('Ada');
  });

  it('insecure-context: says the page must be https or localhost', async () => {
    restore.push(replace(window, 'isSecureContext', false));
    const { el, error } = await mountForError(restore);
    expect((await error).code).to.equal('insecure-context');
    await waitFor(() => statusOf(el).textContent!.includes('https://'), 'the overlay says why');
    expect(statusOf(el).querySelector('[part~=action]'), 'no "Try again" that cannot help').to.equal(null);
  });

  it('unsupported-browser: no WebRTC', async () => {
    restore.push(replace(window, 'RTCPeerConnection', undefined));
    const { el, error } = await mountForError(restore);
    expect((await error).code).to.equal('unsupported-browser');
    expect(el.state).to.equal('error');
    await waitFor(() => statusOf(el).textContent!.includes('cannot make video calls'), 'the overlay says why');
    expect(statusOf(el).querySelector('[part~=action]'), 'no "Try again" that cannot help').to.equal(null);
  });

  it('invalid-request: a room name the relay refuses', async () => {
    const { el, error } = await mountForError(restore, { room: 'not a valid room!' });
    expect((await error).code).to.equal('invalid-request');
    expect(el.state).to.equal('error');
  });

  describe('with the relay down', () => {
    afterEach(() => relayCommand('relay-start'));

    it('relay-unreachable: says the call server cannot be reached (not "reconnecting"), disables what needs it, offers "Try now", and joins once it is back', async () => {
      await relayCommand('relay-stop');
      const { el, error } = await mountForError(restore);

      expect((await error).code).to.equal('relay-unreachable');
      await el.updateComplete;
      expect(el.state).to.equal('joining');
      const status = await waitFor(
        () => el.shadowRoot!.querySelector('[part=status][data-code=relay-unreachable]'),
        'the overlay',
      );
      expect(status.textContent).to.contain('Cannot reach the call server');
      const control = (name: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~=${name}-control]`)!;
      expect([control('chat').disabled, control('hand').disabled, control('microphone').disabled]).to.deep.equal([
        true,
        true,
        false,
      ]);

      // After a while it says so plainly and offers to try now.
      const tryNow = await waitFor(
        () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=status] [part=action]'),
        '"Try now"',
      );
      expect(statusOf(el).textContent).to.contain('Still no connection');
      await relayCommand('relay-start');
      tryNow.click();
      await waitFor(() => el.state === 'joined', 'joined after the relay came back');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part=status]')).to.equal(null);
      expect(control('chat').disabled).to.equal(false);
      expect(el.shadowRoot!.querySelector('[part=notice]')?.textContent ?? null).to.equal(null);
    });

    it('a relay restart mid-call: both reconnect, rejoin and see each other again', async () => {
      const room = uniqueRoom();
      const ada = await element(room, 'Ada');
      const brian = await element(room, 'Brian');
      await waitFor(() => remoteTiles(ada).length === 1 && remoteTiles(brian).length === 1, 'both connected');

      await relayCommand('relay-stop');
      await waitFor(() => ada.state === 'reconnecting' && brian.state === 'reconnecting', 'both reconnecting');
      await relayCommand('relay-start');
      await waitFor(() => ada.state === 'joined' && brian.state === 'joined', 'both joined again');
      await waitFor(() => remoteTiles(ada).length === 1 && remoteTiles(brian).length === 1, 'both see each other');
      await waitForDecodedVideo(remoteTiles(ada)[0]!);
      await waitForDecodedVideo(remoteTiles(brian)[0]!);
      // The outage was shown as the reconnecting state; nothing about it lingers once the call is back.
      expect(ada.shadowRoot!.querySelector('[part=notice]')?.textContent ?? null).to.equal(null);
    });
  });
});
