// When the browser blocks playback with sound, the widget plays muted, fires vc-audio-blocked once, and shows
// one button that turns the sound on for every tile.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import { callOf, remoteTiles, videoOf, waitFor } from '../support/browser.ts';

describe('audio blocked by the autoplay policy', () => {
  const nativePlay = HTMLMediaElement.prototype.play;
  let blocking = true;
  before(() => {
    // Chromium in tests allows autoplay; this plays the part of a stricter policy: unmuted play() is refused
    // until the person clicks.
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (blocking && !this.muted) return Promise.reject(new DOMException('blocked', 'NotAllowedError'));
      return nativePlay.call(this);
    };
  });
  after(() => {
    HTMLMediaElement.prototype.play = nativePlay;
  });

  it('offers one enable-audio button, which unmutes every remote tile', async () => {
    blocking = true;
    const blocked = new Promise<Event>((resolve) =>
      document.addEventListener('vc-audio-blocked', resolve, { once: true }),
    );
    const {
      elements: [ada],
    } = await callOf(['Ada', 'Brian', 'Chen']);
    await blocked;
    await waitFor(() => ada!.shadowRoot!.querySelector('[part=enable-audio]'), 'the button');
    expect(ada!.shadowRoot!.querySelectorAll('[part=enable-audio]')).to.have.length(1);
    expect(remoteTiles(ada!).every((tile) => videoOf(tile).muted)).to.equal(true);

    blocking = false; // the click is the user gesture the browser was waiting for
    ada!.shadowRoot!.querySelector<HTMLButtonElement>('[part=enable-audio]')!.click();
    await ada!.updateComplete;
    expect(ada!.shadowRoot!.querySelector('[part=enable-audio]')).to.equal(null);
    await waitFor(() => remoteTiles(ada!).every((tile) => !videoOf(tile).muted), 'sound on');
  });
});
