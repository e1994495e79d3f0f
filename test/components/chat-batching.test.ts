// <video-conference-chat> under a stream of messages, each arriving in a task of its own as data-channel
// messages do: it renders them together, at most once per animation frame, and still follows the newest.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/chat/video-conference-chat.ts';
import type { VideoConferenceChat } from '../../src/components/chat/video-conference-chat.ts';
import type { ChatEntry } from '../../src/rtc/call.ts';
import { waitFor } from '../support/browser.ts';
import { countFrames, countUpdates } from '../support/frames.ts';

function entry(index: number): ChatEntry {
  return { id: `${index}`, at: 0, from: 'peer-1', name: 'Ada', local: false, text: `message ${index}` };
}

describe('<video-conference-chat> under a stream of messages', () => {
  it('updates at most once per animation frame, shows every message and stays at the newest', async () => {
    const chat = await fixture<VideoConferenceChat>(
      html`<video-conference-chat style="height: 300px" .messages=${[entry(0)]}></video-conference-chat>`,
    );
    const frames = countFrames();
    const updates = countUpdates(chat);
    // One message per task, as a data channel delivers them: 300 right away, then 10 per timer tick.
    const channel = new MessageChannel();
    channel.port2.onmessage = ({ data }: MessageEvent<number>) => (chat.messages = [...chat.messages, entry(data)]);
    for (let index = 1; index <= 300; index++) channel.port1.postMessage(index);
    for (let index = 301; index <= 400; index += 10) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (let next = index; next < index + 10; next++) channel.port1.postMessage(next);
    }

    const items = () => chat.shadowRoot!.querySelectorAll('[part~=message]');
    await waitFor(() => items().length === 401 && !chat.isUpdatePending, 'every message shown');
    frames.stop();
    expect(updates.count).to.be.at.least(1);
    expect(updates.count).to.be.at.most(frames.count + 1);
    expect(items()[400]!.querySelector('.text')!.textContent).to.equal('message 400');
    const list = chat.shadowRoot!.querySelector<HTMLElement>('[part=messages]')!;
    expect(list.scrollHeight - list.scrollTop - list.clientHeight).to.be.below(2);
    channel.port1.close();
  });
});
