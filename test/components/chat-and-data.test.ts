// Chat and the host-page data API over the peer connections: messages reach everyone in the call and nobody
// else, `send()` can target one participant, HTML arrives as text, and unread messages are counted.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import type { ChatEntry } from '../../src/rtc/call.ts';
import { callOf, nextEvent, waitFor } from '../support/browser.ts';

describe('chat and data', () => {
  it('a chat message reaches everyone in the call, only them, as text, with an unread count', async () => {
    const {
      elements: [ada, brian, chen],
    } = await callOf(['Ada', 'Brian', 'Chen']);
    const {
      elements: [stranger],
    } = await callOf(['Stranger']);
    let strangerHeard = false;
    stranger!.addEventListener('vc-message', () => (strangerHeard = true));

    const atBrian = nextEvent<ChatEntry>(brian!, 'vc-message');
    const atChen = nextEvent<ChatEntry>(chen!, 'vc-message');
    const own = nextEvent<ChatEntry>(ada!, 'vc-message');
    ada!.sendMessage('<img src=x onerror=alert(1)> hello');
    for (const entry of [await atBrian, await atChen]) {
      expect(entry).to.include({ text: '<img src=x onerror=alert(1)> hello', name: 'Ada', local: false });
      expect(entry.from).to.equal(ada!.participants[0]!.id);
    }
    expect((await own).local).to.equal(true);
    expect(brian!.messages.map((entry) => entry.text)).to.deep.equal(['<img src=x onerror=alert(1)> hello']);

    const unread = brian!.shadowRoot!.querySelector('[part=unread]');
    expect(unread?.textContent?.trim()).to.equal('1');
    brian!.shadowRoot!.querySelector<HTMLButtonElement>('[part~=chat-control]')!.click();
    // The chat panel is a chunk of its own, fetched when first opened.
    const chat = await waitFor(() => brian!.shadowRoot!.querySelector('video-conference-chat'), 'the chat');
    await chat.updateComplete;
    expect(chat.shadowRoot!.textContent).to.contain('<img src=x onerror=alert(1)> hello');
    expect(chat.shadowRoot!.querySelector('img')).to.equal(null);
    expect(brian!.shadowRoot!.querySelector('[part=unread]')).to.equal(null);
    expect(strangerHeard).to.equal(false);
  });

  it('send() delivers the page’s data to everyone, or to the one participant named', async () => {
    const {
      elements: [ada, brian, chen],
    } = await callOf(['Ada', 'Brian', 'Chen']);
    const received: Record<string, unknown[]> = { brian: [], chen: [] };
    brian!.addEventListener('vc-data', ({ detail }) => received.brian!.push(detail.payload));
    chen!.addEventListener('vc-data', ({ detail }) => received.chen!.push(detail.payload));

    ada!.send({ reaction: '👍' });
    ada!.send('for Chen only', { to: chen!.participants[0]!.id });
    await waitFor(() => received.brian!.length === 1 && received.chen!.length === 2, 'data delivered');
    expect(received.brian).to.deep.equal([{ reaction: '👍' }]);
    expect(received.chen).to.deep.equal([{ reaction: '👍' }, 'for Chen only']);
    expect(() => ada!.send('x'.repeat(20_000))).to.throw(/at most/);
  });
});
