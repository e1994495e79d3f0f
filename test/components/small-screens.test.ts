// From a 320 px phone up: the toolbar wraps inside the widget rather than overflowing, every control keeps a
// usable size and an accessible name, and all of them can be reached with the Tab key.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';

describe('small screens and keyboard', () => {
  it('fits the toolbar in 320 px, and every control has a name and a tab stop', async () => {
    const server = await relayCommand('relay-url');
    const element = await fixture<VideoConference>(
      html`<video-conference style="width: 320px" server=${server} room=${uniqueRoom()}></video-conference>`,
    );
    await waitFor(() => element.state === 'joined', 'joined');
    await element.updateComplete;
    const host = element.getBoundingClientRect();
    const controls = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=control]')];
    expect(controls.length).to.be.at.least(8);
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      expect(box.left >= host.left && box.right <= host.right, `${control.ariaLabel} inside`).to.equal(true);
      expect(box.width).to.be.at.least(40);
      expect(control.getAttribute('aria-label')).to.not.equal(null);
    }

    const reached = new Set<string>();
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=microphone-control]')!.focus();
    for (let step = 0; step < controls.length + 6; step++) {
      const focused = element.shadowRoot!.activeElement;
      if (focused?.getAttribute('part')?.includes('control')) reached.add(focused.getAttribute('aria-label')!);
      await sendKeys({ press: 'Tab' });
    }
    expect([...reached]).to.have.members(controls.map((control) => control.getAttribute('aria-label')!));
  });
});
