// The widget's status banner and overlay hide what is behind them: opaque, in the theme's colours, so no
// tile or control shows through as a faint ghost.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';

/** The alpha of a computed `rgb()` or `rgba()` colour. */
function alpha(color: string): number {
  const [, , , value = '1'] = color.match(/[\d.]+/g)!;
  return Number(value);
}

function statusOf(element: VideoConference): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>('[part=status]')!;
}

describe('status overlays', () => {
  afterEach(() => relayCommand('relay-start'));

  for (const theme of ['dark', 'light']) {
    it(`the reconnecting banner, the unreachable overlay and the one after leaving are opaque (${theme} theme)`, async () => {
      const server = await relayCommand('relay-url');
      const element = await fixture<VideoConference>(
        html`<video-conference theme=${theme} server=${server} room=${uniqueRoom()} name="Ada"></video-conference>`,
      );
      await waitFor(() => element.state === 'joined', 'joined');
      await relayCommand('relay-stop');
      await waitFor(() => element.state === 'reconnecting', 'reconnecting');
      await element.updateComplete;
      const banner = statusOf(element);
      expect(banner.textContent).to.contain('Reconnecting');
      const style = getComputedStyle(banner);
      expect(alpha(style.backgroundColor)).to.equal(1);
      expect(style.color).to.equal(getComputedStyle(element).color);
      expect(style.color).to.not.equal(style.backgroundColor);

      // Nothing listens on the discard port: this one never reaches a relay.
      const unreachable = await fixture<VideoConference>(
        html`<video-conference theme=${theme} server="http://127.0.0.1:9" room=${uniqueRoom()}></video-conference>`,
      );
      await waitFor(() => unreachable.shadowRoot!.querySelector('[data-code=relay-unreachable]'), 'unreachable');
      expect(alpha(getComputedStyle(statusOf(unreachable)).backgroundColor)).to.equal(1);

      element.leave();
      await waitFor(() => statusOf(element)?.textContent?.includes('You left the call'), 'left');
      const overlay = statusOf(element);
      expect(alpha(getComputedStyle(overlay).backgroundColor)).to.equal(1);
      const [box, host] = [overlay.getBoundingClientRect(), element.getBoundingClientRect()];
      expect([box.left, box.top, box.right, box.bottom]).to.deep.equal([host.left, host.top, host.right, host.bottom]);
    });
  }
});
