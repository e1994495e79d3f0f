// <video-conference-chat>: shows messages as text (web addresses as links) with their sender and time, follows
// the newest one, and reports what the user sends (Enter sends, Shift+Enter starts a line) and the close button.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/chat/video-conference-chat.ts';
import type { VideoConferenceChat } from '../../src/components/chat/video-conference-chat.ts';
import type { ChatEntry } from '../../src/rtc/call.ts';

const AT = new Date(2024, 4, 17, 9, 5).getTime();

function entry(fields: Partial<ChatEntry> & { text: string }): ChatEntry {
  return { id: crypto.randomUUID(), at: AT, from: 'peer-1', name: 'Ada', local: false, ...fields };
}

function part(chat: VideoConferenceChat, name: string): HTMLElement {
  const found = chat.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

function input(chat: VideoConferenceChat): HTMLTextAreaElement {
  return part(chat, 'input') as HTMLTextAreaElement;
}

/** The text the user sent, each time they sent. */
function sent(chat: VideoConferenceChat): string[] {
  const texts: string[] = [];
  chat.addEventListener('video-conference-chat-send', (event) => texts.push(event.detail.text));
  return texts;
}

async function typeAndPress(chat: VideoConferenceChat, text: string): Promise<void> {
  input(chat).focus();
  if (text) await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

async function pressShiftEnter(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Shift' });
}

describe('<video-conference-chat>', () => {
  it('shows each sender, the time and the text', async () => {
    const messages = [
      entry({ text: 'Hello', name: 'Ada' }),
      entry({ text: 'Hi!\nHow are you?', name: 'Me', local: true, from: 'me' }),
      entry({ text: 'Hey', name: '  ' }),
    ];
    const chat = await fixture<VideoConferenceChat>(
      html`<video-conference-chat .messages=${messages}></video-conference-chat>`,
    );
    const items = [...chat.shadowRoot!.querySelectorAll('[part~=message]')];
    expect(items.map((item) => item.querySelector('.name')!.textContent)).to.deep.equal(['Ada', 'You', 'Guest']);
    expect(items.map((item) => item.querySelector('.text')!.textContent)).to.deep.equal([
      'Hello',
      'Hi!\nHow are you?',
      'Hey',
    ]);
    const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(AT);
    expect(items.map((item) => item.querySelector('time')!.textContent)).to.deep.equal([time, time, time]);
    expect(items[0]!.querySelector('time')!.getAttribute('datetime')).to.equal(new Date(AT).toISOString());
    // Your own messages look different, and line breaks are kept.
    expect(items.map((item) => item.getAttribute('part'))).to.deep.equal([
      'message',
      'message local-message',
      'message',
    ]);
    expect(getComputedStyle(items[1]!).backgroundColor).to.not.equal(getComputedStyle(items[0]!).backgroundColor);
    expect(getComputedStyle(items[1]!.querySelector('.text')!).whiteSpace).to.equal('pre-wrap');
    expect(part(chat, 'messages').getAttribute('role')).to.equal('log');
    expect(part(chat, 'messages').getAttribute('aria-live')).to.equal('polite');
    expect(chat.shadowRoot!.querySelector('h2')!.textContent).to.equal('Chat');
    expect(chat.shadowRoot!.querySelector('[part=empty]') === null).to.equal(true);
  });

  it('shows HTML in a message as text', async () => {
    const text = '<img src=x onerror=alert(1)><b>bold</b>';
    const chat = await fixture<VideoConferenceChat>(
      html`<video-conference-chat .messages=${[entry({ text, name: '<i>Eve</i>' })]}></video-conference-chat>`,
    );
    expect(chat.shadowRoot!.querySelector('.text')!.textContent).to.equal(text);
    expect(chat.shadowRoot!.querySelector('.name')!.textContent).to.equal('<i>Eve</i>');
    expect(chat.shadowRoot!.querySelectorAll('img, b, i').length).to.equal(0);
  });

  it('makes web addresses links that open in a new tab, and leaves everything else text', async () => {
    const text = 'Docs: https://example.com/guide?a=1&b=2. Not <b>bold</b>, not javascript:alert(1) (or http://x.io/y)';
    const chat = await fixture<VideoConferenceChat>(
      html`<video-conference-chat
        .messages=${[entry({ text }), entry({ text: 'javascript:alert(1)' })]}
      ></video-conference-chat>`,
    );
    const [first, second] = [...chat.shadowRoot!.querySelectorAll('.text')];
    expect(first!.textContent).to.equal(text);
    const links = [...first!.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.target, a.rel])).to.deep.equal([
      ['https://example.com/guide?a=1&b=2', 'https://example.com/guide?a=1&b=2', '_blank', 'noopener noreferrer'],
      ['http://x.io/y', 'http://x.io/y', '_blank', 'noopener noreferrer'],
    ]);
    expect(first!.querySelectorAll('b').length).to.equal(0);
    expect(second!.textContent).to.equal('javascript:alert(1)');
    expect(second!.querySelectorAll('a').length).to.equal(0);
  });

  it('says so when there are no messages yet', async () => {
    const chat = await fixture<VideoConferenceChat>(html`<video-conference-chat></video-conference-chat>`);
    expect(part(chat, 'empty').textContent).to.equal('No messages yet.');
    chat.messages = [entry({ text: 'first' })];
    await chat.updateComplete;
    expect(chat.shadowRoot!.querySelector('[part=empty]') === null).to.equal(true);
  });

  it('sends on Enter, clears the field and keeps the focus', async () => {
    const chat = await fixture<VideoConferenceChat>(html`<video-conference-chat></video-conference-chat>`);
    input(chat).focus();
    await sendKeys({ type: '  hello there ' });
    const event = oneEvent(chat, 'video-conference-chat-send');
    await sendKeys({ press: 'Enter' });
    const { detail, bubbles, composed } = await event;
    expect(detail).to.deep.equal({ text: 'hello there' });
    expect(bubbles).to.equal(true);
    expect(composed).to.equal(false);
    expect(input(chat).value).to.equal('');
    expect(chat.shadowRoot!.activeElement === input(chat)).to.equal(true);
  });

  it('starts a new line on Shift+Enter instead of sending', async () => {
    const chat = await fixture<VideoConferenceChat>(html`<video-conference-chat></video-conference-chat>`);
    const texts = sent(chat);
    input(chat).focus();
    await sendKeys({ type: 'one' });
    await pressShiftEnter();
    await sendKeys({ type: 'two' });
    expect(texts).to.deep.equal([]);
    expect(input(chat).value).to.equal('one\ntwo');
    await sendKeys({ press: 'Enter' });
    expect(texts).to.deep.equal(['one\ntwo']);
  });

  it('does not send an empty or blank message', async () => {
    const chat = await fixture<VideoConferenceChat>(html`<video-conference-chat></video-conference-chat>`);
    const texts = sent(chat);
    await typeAndPress(chat, '');
    await typeAndPress(chat, '   ');
    part(chat, 'send').click();
    expect(texts).to.deep.equal([]);
    expect(input(chat).getAttribute('maxlength')).to.equal('2000');
    expect(input(chat).getAttribute('aria-label')).to.equal('Message');
  });

  it('sends with the Send button and gives the focus back to the field', async () => {
    const chat = await fixture<VideoConferenceChat>(html`<video-conference-chat></video-conference-chat>`);
    const texts = sent(chat);
    input(chat).value = 'by click';
    part(chat, 'send').focus();
    part(chat, 'send').click();
    expect(texts).to.deep.equal(['by click']);
    expect(input(chat).value).to.equal('');
    expect(chat.shadowRoot!.activeElement === input(chat)).to.equal(true);
  });

  it('fires video-conference-chat-close from the close button', async () => {
    const chat = await fixture<VideoConferenceChat>(html`<video-conference-chat></video-conference-chat>`);
    expect(part(chat, 'close').getAttribute('aria-label')).to.equal('Close chat');
    const event = oneEvent(chat, 'video-conference-chat-close');
    part(chat, 'close').click();
    const { type, bubbles, composed } = await event;
    expect([type, bubbles, composed]).to.deep.equal(['video-conference-chat-close', true, false]);
  });

  it('follows new messages unless the user has scrolled up', async () => {
    const many = Array.from({ length: 30 }, (_, index) => entry({ text: `message ${index}` }));
    const chat = await fixture<VideoConferenceChat>(
      html`<video-conference-chat style="height: 300px" .messages=${many}></video-conference-chat>`,
    );
    const list = part(chat, 'messages');
    const atBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 2;
    expect(list.scrollHeight > list.clientHeight).to.equal(true);
    expect(atBottom()).to.equal(true);

    chat.messages = [...chat.messages, entry({ text: 'new' })];
    await chat.updateComplete;
    expect(atBottom()).to.equal(true);

    list.scrollTop = 0;
    chat.messages = [...chat.messages, entry({ text: 'while reading' })];
    await chat.updateComplete;
    expect(list.scrollTop).to.equal(0);

    // What you send yourself is shown even while you were reading older messages.
    chat.messages = [...chat.messages, entry({ text: 'mine', local: true })];
    await chat.updateComplete;
    expect(atBottom()).to.equal(true);
  });
});
