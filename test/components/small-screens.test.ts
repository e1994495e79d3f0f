// From a 320 px phone up: the toolbar keeps one row inside the widget (microphone, camera, screen, "More",
// leave), every control keeps a usable size and an accessible name, the rest is in the "More" menu, and all
// of them can be reached with the Tab key. In a wide widget the hand and the chat are back in the row.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';

async function joinedAt(width: number): Promise<VideoConference> {
  const server = await relayCommand('relay-url');
  const element = await fixture<VideoConference>(
    html`<video-conference style="width: ${width}px" server=${server} room=${uniqueRoom()}></video-conference>`,
  );
  await waitFor(() => element.state === 'joined', 'joined');
  await element.updateComplete;
  return element;
}

const visibleControls = (element: VideoConference) =>
  [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=control]')].filter((control) =>
    control.checkVisibility(),
  );

const partsOf = (controls: HTMLElement[]) => controls.map((control) => control.getAttribute('part')!.split(' ')[1]);

describe('small screens and keyboard', () => {
  it('keeps one toolbar row in 320 px; the rest is in "More"; every control has a name and a tab stop', async () => {
    const element = await joinedAt(320);
    const host = element.getBoundingClientRect();
    const row = visibleControls(element);
    expect(partsOf(row)).to.deep.equal([
      'microphone-control',
      'camera-control',
      'screen-control',
      'more-control',
      'leave-control',
    ]);
    for (const control of row) {
      const box = control.getBoundingClientRect();
      expect(box.left >= host.left && box.right <= host.right, `${control.ariaLabel} inside`).to.equal(true);
      expect(box.top, `${control.ariaLabel} in the same row`).to.equal(row[0]!.getBoundingClientRect().top);
      expect(box.width).to.be.at.least(40);
    }

    const more = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=more-control]')!;
    more.click();
    await element.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    const all = visibleControls(element);
    expect(partsOf(all)).to.include.members([
      'hand-control',
      'reactions-control',
      'chat-control',
      'settings-control',
      'record-control',
      'layout-control',
    ]);
    for (const control of all) {
      const box = control.getBoundingClientRect();
      expect(box.left >= host.left && box.right <= host.right, `${control.ariaLabel} inside`).to.equal(true);
      expect(box.height).to.be.at.least(40);
      expect(control.getAttribute('aria-label')).to.not.equal(null);
    }

    const reached = new Set<string>();
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=microphone-control]')!.focus();
    for (let step = 0; step < all.length + 6; step++) {
      const focused = element.shadowRoot!.activeElement;
      if (focused?.getAttribute('part')?.includes('control')) reached.add(focused.getAttribute('aria-label')!);
      await sendKeys({ press: 'Tab' });
    }
    expect([...reached]).to.have.members(all.map((control) => control.getAttribute('aria-label')!));

    // Escape closes the menu, and focus goes back to "More"; an item closes it too.
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=layout-control]')!.focus();
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    expect(element.shadowRoot!.activeElement).to.equal(more);
    more.click();
    await element.updateComplete;
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=layout-control]')!.click();
    await element.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    expect(element.layout).to.equal('spotlight');
  });

  it('in a 360 px sidebar, the chat is a sheet over the whole stage, with a usable message field', async () => {
    const element = await joinedAt(360);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=chat-control]')!.click();
    const chat = await waitFor(() => element.shadowRoot!.querySelector('video-conference-chat'), 'the chat');
    const field = await waitFor(() => chat.shadowRoot?.querySelector('textarea'), 'its message field');
    const body = element.shadowRoot!.querySelector('.body')!.getBoundingClientRect();
    const sheet = chat.getBoundingClientRect();
    expect([sheet.left, sheet.top, sheet.width, sheet.height]).to.deep.equal([
      body.left,
      body.top,
      body.width,
      body.height,
    ]);
    expect(field.getBoundingClientRect().width).to.be.at.least(200);
    const send = chat.shadowRoot!.querySelector('[part=send]')!.getBoundingClientRect();
    const toolbar = element.shadowRoot!.querySelector('[part~=controls]')!.getBoundingClientRect();
    expect(send.bottom, 'Send above the toolbar').to.be.at.most(toolbar.top);
  });

  it('a wide widget shows the hand, the reactions, the chat and the participants in the row, with tooltips naming the shortcuts', async () => {
    const element = await joinedAt(900);
    expect(partsOf(visibleControls(element))).to.deep.equal([
      'microphone-control',
      'camera-control',
      'screen-control',
      'hand-control',
      'reactions-control',
      'chat-control',
      'participants-control',
      'more-control',
      'leave-control',
    ]);
    const tip = (part: string) => element.shadowRoot!.querySelector(`[part~=${part}]`)!.getAttribute('data-tip');
    expect(tip('microphone-control')).to.equal('Microphone (Ctrl+D)');
    expect(tip('hand-control')).to.equal('Raise hand (Ctrl+Alt+H)');
    expect(tip('screen-control')).to.equal('Share screen');
  });

  it('says on and off apart: the microphone is neutral when on and solid red with a white icon when off', async () => {
    const element = await joinedAt(900);
    const microphone = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=microphone-control]')!;
    const chat = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=chat-control]')!;
    const on = getComputedStyle(microphone).backgroundColor;
    chat.click();
    await waitFor(() => chat.getAttribute('aria-pressed') === 'true', 'the chat open');
    expect(getComputedStyle(chat).backgroundColor, 'on is not the blue of an open chat').to.not.equal(on);
    await element.toggleMicrophone(false);
    await element.updateComplete;
    expect(getComputedStyle(microphone).backgroundColor).to.equal('rgb(217, 48, 37)');
    expect(getComputedStyle(microphone).color).to.equal('rgb(255, 255, 255)');
  });
});
