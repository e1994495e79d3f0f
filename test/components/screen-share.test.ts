// Screen sharing in a real call (Chromium's fake screen): the others get an extra tile with the screen,
// the layout turns to spotlight with the share in the large tile, and stopping removes it.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import { callOf, nextEvent, remoteTiles, tiles, waitFor, waitForDecodedVideo } from '../support/browser.ts';

describe('screen sharing', () => {
  it('adds a screen tile for the others, in the spotlight, until stopped', async () => {
    const {
      elements: [ada, brian],
    } = await callOf(['Ada', 'Brian']);
    const adaId = ada!.participants[0]!.id;
    const sharing = nextEvent<{ id: string; screen: boolean }>(brian!, 'vc-participant-change');
    await ada!.startScreenShare();
    expect(await sharing).to.include({ id: adaId, screen: true });

    const screenTile = () => remoteTiles(brian!).find((tile) => tile.peerId === `${adaId}:screen`);
    await waitFor(() => screenTile(), 'a screen tile at Brian');
    await waitForDecodedVideo(screenTile()!);
    expect(screenTile()!.screen).to.equal(true);
    expect(screenTile()!.classList.contains('main')).to.equal(true);
    expect(brian!.shadowRoot!.querySelector('.stage')!.classList.contains('spotlight')).to.equal(true);
    expect(remoteTiles(brian!)).to.have.length(2);
    // The sharer has a tile for its share too (saying it presents: presenter.test.ts), and the toolbar says it is on.
    expect(tiles(ada!).some((tile) => tile.peerId === 'local:screen')).to.equal(true);
    expect(ada!.shadowRoot!.querySelector('[part~=screen-control]')!.getAttribute('aria-pressed')).to.equal('true');

    ada!.stopScreenShare();
    await waitFor(() => !screenTile(), 'the screen tile gone at Brian');
    expect(brian!.shadowRoot!.querySelector('.stage')!.classList.contains('grid')).to.equal(true);
    expect(brian!.participants[1]!.screen).to.equal(null);
  });

  it("the browser's own stop-sharing button ends the share", async () => {
    const {
      elements: [ada, brian],
    } = await callOf(['Ada', 'Brian']);
    await ada!.startScreenShare();
    await waitFor(() => brian!.participants[1]!.screen, 'sharing');
    const screen = ada!.participants[0]!.screen!.getVideoTracks()[0]!;
    screen.stop();
    screen.dispatchEvent(new Event('ended')); // what the browser's "Stop sharing" does
    await waitFor(() => !brian!.participants[1]!.screen, 'stopped at Brian');
    expect(ada!.shadowRoot!.querySelector('[part~=screen-control]')!.getAttribute('aria-pressed')).to.equal('false');
  });
});

describe('screen sharing that fails', () => {
  afterEach(() => delete (navigator.mediaDevices as { getDisplayMedia?: unknown }).getDisplayMedia);

  /** Makes getDisplayMedia reject with `name` (the own property shadows the prototype's until deleted). */
  const rejectWith = (name: string) =>
    Object.defineProperty(navigator.mediaDevices, 'getDisplayMedia', {
      configurable: true,
      value: () => Promise.reject(new DOMException(name, name)),
    });

  for (const [name, code, why] of [
    ['NotFoundError', 'screen-share-unavailable', 'no screen (headless Firefox)'],
    ['NotSupportedError', 'screen-share-unavailable', 'not supported'],
    ['InvalidStateError', 'screen-share-needs-click', 'no user gesture (Firefox)'],
    ['SecurityError', 'screen-share-refused', 'refused'],
  ]) {
    it(`says ${code} for ${why}, with no camera retry, and leaves the camera alone`, async () => {
      const {
        elements: [ada],
      } = await callOf(['Ada']);
      await waitFor(() => ada!.participants[0]!.video, 'the camera on');
      rejectWith(name!);
      const error = nextEvent<{ code: string; message: string }>(ada!, 'vc-error');
      await ada!.startScreenShare();
      expect((await error).code).to.equal(code);
      await ada!.updateComplete;
      const notice = await waitFor(() => ada!.shadowRoot!.querySelector<HTMLElement>('[part=notice]'), 'the notice');
      expect(notice.dataset.code).to.equal(code);
      expect(notice.querySelector('[part~=action]')).to.equal(null);
      expect(notice.textContent).not.to.match(/camera/i);
      expect(ada!.participants[0]!.video).to.equal(true);
      expect(ada!.participants[0]!.screen).to.equal(null);
      expect(ada!.shadowRoot!.querySelector('[part~=camera-control]')!.getAttribute('aria-pressed')).to.equal('true');
    });
  }

  it('a cancelled picker is a choice: no error, no notice', async () => {
    const {
      elements: [ada],
    } = await callOf(['Ada']);
    rejectWith('NotAllowedError');
    let errors = 0;
    ada!.addEventListener('vc-error', () => errors++);
    await ada!.startScreenShare();
    await ada!.updateComplete;
    expect(errors).to.equal(0);
    expect(ada!.shadowRoot!.querySelector('[part=notice]')).to.equal(null);
  });
});
