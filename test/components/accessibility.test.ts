// axe-core on the widget in its main states, in both themes: the pre-join screen, a call with a peer (a hand
// raised), the chat open (a link in it), and an error. Zero violations; the results axe cannot decide (video
// captions) are not counted.
import { expect, fixture, html } from '@open-wc/testing';
import type { AxeResults } from 'axe-core';
import 'axe-core/axe.min.js';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { callOf, relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';
import { inPrejoin, pickersOf, typeName } from '../support/prejoin.ts';

declare global {
  interface Window {
    axe: { run(context: Element, options?: object): Promise<AxeResults> };
  }
}

/** The violations axe finds in `element`, as `rule: selector` lines (empty when there are none). */
async function violations(element: Element): Promise<string[]> {
  const results = await window.axe.run(element, { resultTypes: ['violations'] });
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary}`),
  );
}

describe('accessibility (axe-core)', () => {
  for (const theme of ['dark', 'light']) {
    it(`the pre-join screen (${theme})`, async () => {
      const server = await relayCommand('relay-url');
      const element = await fixture<VideoConference>(
        html`<video-conference server=${server} room=${uniqueRoom()} prejoin theme=${theme}></video-conference>`,
      );
      await waitFor(() => inPrejoin(element, '[part~=join-button]'), 'the pre-join screen');
      await waitFor(() => pickersOf(element).length > 0, 'its device pickers');
      expect(await violations(element)).to.deep.equal([]);

      typeName(element, '   '); // a name error, with its message
      inPrejoin(element, '[part~=join-button]')!.click();
      await waitFor(() => inPrejoin(element, '[part~=name-error]'), 'the name error');
      expect(await violations(element)).to.deep.equal([]);
    });

    it(`a call with a peer and a raised hand, then with the chat open and a link in it (${theme})`, async () => {
      const {
        elements: [ada],
      } = await callOf(['Ada', 'Brian']);
      ada!.theme = theme as 'dark' | 'light';
      ada!.raiseHand(true);
      await ada!.updateComplete;
      await waitFor(
        () => ada!.shadowRoot!.querySelector('video-player')!.shadowRoot!.querySelector('[part=hand]'),
        'hand',
      );
      expect(await violations(ada!)).to.deep.equal([]);

      // Microphone and camera off (red), and the "More" menu open.
      await ada!.toggleMicrophone(false);
      await ada!.toggleCamera(false);
      ada!.shadowRoot!.querySelector<HTMLButtonElement>('[part~=more-control]')!.click();
      await ada!.updateComplete;
      expect(await violations(ada!)).to.deep.equal([]);
      ada!.shadowRoot!.querySelector<HTMLButtonElement>('[part~=more-control]')!.click();

      ada!.sendMessage('Hello, the notes: https://example.com/notes.');
      ada!.shadowRoot!.querySelector<HTMLButtonElement>('[part~=chat-control]')!.click();
      const chat = await waitFor(() => ada!.shadowRoot!.querySelector('video-conference-chat'), 'the chat');
      await waitFor(() => chat.shadowRoot?.querySelector('a[href="https://example.com/notes"]'), 'the link');
      expect(await violations(ada!)).to.deep.equal([]);
    });
  }

  it('an error', async () => {
    const element = await fixture<VideoConference>(
      html`<video-conference server="http://127.0.0.1:9/" room="not a room!"></video-conference>`,
    );
    await waitFor(() => element.shadowRoot!.querySelector('[part=status][role=alert]'), 'an error shown');
    await element.updateComplete;
    expect(await violations(element)).to.deep.equal([]);
  });
});
