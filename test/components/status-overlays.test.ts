// The widget's status banner and overlay hide what is behind them: opaque, in the theme's colours, so no
// tile or control shows through as a faint ghost.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { uniqueRoom, waitFor } from '../support/browser.ts';

/** The alpha of a computed `rgb()` or `rgba()` colour. */
function alpha(color: string): number {
  const [, , , value = '1'] = color.match(/[\d.]+/g)!;
  return Number(value);
}

function statusOf(element: VideoConference): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>('[part=status]')!;
}

describe('status overlays', () => {
  for (const theme of ['dark', 'light']) {
    it(`the reconnecting banner and the overlay after leaving are opaque (${theme} theme)`, async () => {
      // Nothing listens on the discard port: the relay is unreachable, so the widget keeps reconnecting.
      const element = await fixture<VideoConference>(
        html`<video-conference
          theme=${theme}
          server="http://127.0.0.1:9"
          room=${uniqueRoom()}
          name="Ada"
        ></video-conference>`,
      );
      await waitFor(() => element.state === 'reconnecting', 'reconnecting');
      await element.updateComplete;
      const banner = statusOf(element);
      expect(banner.textContent).to.contain('Reconnecting');
      const style = getComputedStyle(banner);
      expect(alpha(style.backgroundColor)).to.equal(1);
      expect(style.color).to.equal(getComputedStyle(element).color);
      expect(style.color).to.not.equal(style.backgroundColor);

      element.leave();
      await waitFor(() => element.state === 'left', 'left');
      await element.updateComplete;
      const overlay = statusOf(element);
      expect(overlay.textContent).to.contain('You left the call');
      expect(alpha(getComputedStyle(overlay).backgroundColor)).to.equal(1);
      const [box, host] = [overlay.getBoundingClientRect(), element.getBoundingClientRect()];
      expect([box.left, box.top, box.right, box.bottom]).to.deep.equal([host.left, host.top, host.right, host.bottom]);
    });
  }
});
