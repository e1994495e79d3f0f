// Languages, theme, shortcuts and announcements: the widget speaks its own lang, an ancestor's, or the
// browser's; a site overrides any string; Ctrl shortcuts press the toolbar (never bare keys, never from the
// chat, not with no-shortcuts); joins and leaves are announced to screen readers; the theme attribute switches palettes.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { languageOf } from '../../src/components/i18n/locale.ts';
import { relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';

const label = (element: VideoConference, part: string) =>
  element.shadowRoot!.querySelector(`[part~=${part}]`)?.getAttribute('aria-label') ?? null;

async function joined(attributes: { lang?: string; wrapperLang?: string } = {}): Promise<VideoConference> {
  const server = await relayCommand('relay-url');
  const page = await fixture<HTMLElement>(html`
    <div lang=${attributes.wrapperLang ?? ''}>
      <video-conference server=${server} room=${uniqueRoom()} lang=${attributes.lang ?? ''}></video-conference>
    </div>
  `);
  const element = page.querySelector('video-conference')!;
  await waitFor(() => element.state === 'joined', 'joined');
  return element;
}

describe('languages', () => {
  it('speaks its own lang, else the closest ancestor’s, and falls back to English', async () => {
    const german = await joined({ lang: 'de' });
    await waitFor(() => label(german, 'microphone-control') === 'Mikrofon', 'German labels');
    const french = await joined({ wrapperLang: 'fr-CA' });
    await waitFor(() => label(french, 'leave-control') !== 'Leave call', 'French labels');
    expect(label(french, 'leave-control')).to.match(/Quitter/);
    const unknown = await joined({ lang: 'tlh' });
    expect(label(unknown, 'microphone-control')).to.equal('Microphone');
  });

  it('picks the primary subtag and knows six languages', () => {
    const element = document.createElement('div');
    for (const [lang, expected] of [
      ['pt-BR', 'pt'],
      ['ja', 'ja'],
      ['es-419', 'es'],
      ['EN-gb', 'en'],
      ['xx', 'en'],
    ]) {
      element.setAttribute('lang', lang!);
      expect(languageOf(element)).to.equal(expected);
    }
  });

  it('lets the site override any string', async () => {
    const element = await joined();
    element.strings = { leave: 'Hang up', unread: '{count} new' };
    await element.updateComplete;
    expect(label(element, 'leave-control')).to.equal('Hang up');
  });
});

describe('theme', () => {
  it('switches palettes with the theme attribute', async () => {
    const element = await joined();
    expect(element.getAttribute('theme')).to.equal('auto');
    element.theme = 'light';
    await element.updateComplete;
    const light = getComputedStyle(element).backgroundColor;
    element.theme = 'dark';
    await element.updateComplete;
    expect(getComputedStyle(element).backgroundColor).to.not.equal(light);
    expect(getComputedStyle(element).backgroundColor).to.equal('rgb(15, 17, 20)');
  });
});

describe('keyboard shortcuts and announcements', () => {
  /** A key press with Ctrl (this machine is no Mac), and Alt if asked, as the browser sends it. */
  const press = (target: EventTarget, key: string, { ctrl = true, alt = false } = {}) =>
    target.dispatchEvent(
      new KeyboardEvent('keydown', {
        key,
        code: key.length === 1 ? `Key${key.toUpperCase()}` : key,
        ctrlKey: ctrl,
        altKey: alt,
        bubbles: true,
        composed: true,
      }),
    );

  it('Ctrl+D and Ctrl+Alt+H press the toolbar; bare keys and panels never do; Escape closes a panel; not with no-shortcuts', async () => {
    const element = await joined();
    await waitFor(() => element.participants[0]!.audio, 'microphone on');
    press(element, 'm', { ctrl: false });
    press(element, 'd', { ctrl: false });
    press(element, 's', { ctrl: false });
    press(element, 'h', { ctrl: false });
    press(element, 'd');
    await waitFor(() => !element.participants[0]!.audio, 'muted by Ctrl+D');
    press(element, 'h', { alt: true });
    await waitFor(() => element.participants[0]!.hand, 'hand raised by Ctrl+Alt+H');
    expect(element.participants[0]!.screen).to.equal(null);

    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=chat-control]')!.click();
    const chat = await waitFor(() => element.shadowRoot!.querySelector('video-conference-chat'), 'the chat');
    await chat.updateComplete;
    press(chat.shadowRoot!.querySelector('textarea')!, 'd');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element.participants[0]!.audio).to.equal(false);

    press(chat.shadowRoot!.querySelector('textarea')!, 'Escape', { ctrl: false });
    await waitFor(() => !element.shadowRoot!.querySelector('video-conference-chat'), 'the chat closed by Escape');
    expect(element.shadowRoot!.activeElement?.getAttribute('part')).to.contain('chat-control');

    element.noShortcuts = true;
    press(element, 'd');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element.participants[0]!.audio).to.equal(false);
  });

  it('opening the chat by a click puts focus in its message field: typing there sends and presses nothing', async () => {
    const element = await joined();
    await waitFor(() => element.participants[0]!.audio && element.participants[0]!.video, 'microphone and camera on');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~=chat-control]')!.click();
    const chat = await waitFor(() => element.shadowRoot!.querySelector('video-conference-chat'), 'the chat');
    await waitFor(() => chat.shadowRoot?.activeElement?.localName === 'textarea', 'focus in the message field');

    await sendKeys({ type: 'yes sure, hello vms ' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => element.messages.length === 1, 'the message sent');
    expect(element.messages[0]!.text).to.equal('yes sure, hello vms');
    const self = element.participants[0]!;
    expect([self.audio, self.video, self.hand, self.screen]).to.deep.equal([true, true, false, null]);
    expect(element.shadowRoot!.querySelector('video-conference-chat')).to.not.equal(null);
  });

  it('announces who joins and who leaves', async () => {
    const server = await relayCommand('relay-url');
    const room = uniqueRoom();
    const ada = await fixture<VideoConference>(
      html`<video-conference server=${server} room=${room}></video-conference>`,
    );
    await waitFor(() => ada.state === 'joined', 'Ada joined');
    // Every announcement, in order: others (a microphone that starts) may follow a join at once.
    const region = ada.shadowRoot!.querySelector('.announcer')!;
    const heard: string[] = [];
    new MutationObserver(() => heard.push(region.textContent!.trim())).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    const brian = await fixture<VideoConference>(
      html`<video-conference server=${server} room=${room} name="Brian"></video-conference>`,
    );
    await waitFor(() => heard.includes('Brian joined'), 'the arrival announced');
    brian.leave();
    await waitFor(() => heard.includes('Brian left'), 'the departure announced');
  });
});
