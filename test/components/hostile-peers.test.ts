// A participant who attacks the others through the real relay cannot hurt their tabs: endless oversized or
// pending ICE candidates are bounded and counted, a chat and data flood is cut to the rate limit and rendered
// at most once per frame, and the well-behaved participants' call goes on.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import type { JoinAccepted } from '../../src/protocol.ts';
import { INBOUND_BURST, INBOUND_PER_SECOND } from '../../src/rtc/peer-channel.ts';
import { PENDING_CANDIDATES_LIMIT } from '../../src/rtc/peer.ts';
import { SignalingClient } from '../../src/rtc/signaling.ts';
import { callOf, nextEvent, remoteTiles, waitFor, waitForDecodedVideo } from '../support/browser.ts';
import { countFrames, countUpdates } from '../support/frames.ts';

const idOf = (element: VideoConference) => element.participants[0]!.id;

/** Everyone's video from everyone but `stranger` still has frames coming. */
async function videoGoesOn(elements: VideoConference[], stranger: string): Promise<void> {
  for (const element of elements) {
    for (const tile of remoteTiles(element).filter((tile) => tile.peerId !== stranger)) await waitForDecodedVideo(tile);
  }
}

describe('a hostile participant', () => {
  const clients: SignalingClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  it('who sends ICE candidates without end and never an offer is held to a bounded queue', async () => {
    const { elements, room, server } = await callOf(['Ada', 'Brian']);
    const [ada] = elements as [VideoConference, VideoConference];
    // A bare relay connection, as a hostile script would use: it joins, then only sends candidates.
    const mallory = new SignalingClient({ server, join: { room, name: 'Mallory' } });
    clients.push(mallory);
    const joined = new Promise<JoinAccepted>((resolve) => mallory.on('joined', resolve));
    mallory.open();
    mallory.join();
    const { id: malloryId } = await joined;

    // Within the relay's own burst (200 events per connection), so all of them reach Ada.
    const oversized = 60;
    const wellFormed = 100;
    for (let i = 0; i < oversized; i++) {
      mallory.send(idOf(ada), { candidate: { candidate: 'x'.repeat(30_000), sdpMid: '0', sdpMLineIndex: 0 } });
    }
    for (let i = 0; i < wellFormed; i++) {
      const candidate = `candidate:${i} 1 udp 2113937151 192.0.2.1 ${1024 + i} typ host`;
      mallory.send(idOf(ada), { candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } });
    }

    // Every oversized candidate refused, and all but the first PENDING_CANDIDATES_LIMIT of the others.
    const expected = oversized + wellFormed - PENDING_CANDIDATES_LIMIT;
    await waitFor(() => ada.getStats()[malloryId]?.dropped?.candidates === expected, `${expected} dropped at Ada`);
    expect(ada.getStats()[malloryId]!.dropped).to.deep.equal({ candidates: expected, messages: 0 });
    await videoGoesOn(elements, malloryId);
  });

  it('who floods chat and data is cut to the rate limit, the chat panel renders once per frame, the call goes on', async () => {
    const { elements } = await callOf(['Ada', 'Brian', 'Mallory']);
    const [ada, brian, mallory] = elements as [VideoConference, VideoConference, VideoConference];
    const malloryId = idOf(mallory);
    ada.shadowRoot!.querySelector<HTMLButtonElement>('[part~=chat-control]')!.click();
    const panel = await waitFor(() => ada.shadowRoot!.querySelector('video-conference-chat'), 'the chat');
    await panel.updateComplete;

    const accepted = { chat: 0, data: 0 };
    ada.addEventListener('vc-message', ({ detail }) => detail.from === malloryId && accepted.chat++);
    ada.addEventListener('vc-data', ({ detail }) => detail.from === malloryId && accepted.data++);
    const frames = countFrames();
    const updates = countUpdates(panel);
    // Ada's bucket for Mallory holds at most a burst now, and refills at the rate from here on.
    const start = performance.now();
    const sent = 1000;
    for (let i = 0; i < sent / 2; i++) mallory.sendMessage(`spam ${i}`);
    for (let i = 0; i < sent / 2; i++) mallory.send({ spam: i }, { to: idOf(ada) });

    const dropped = () => ada.getStats()[malloryId]?.dropped?.messages ?? Number.NaN;
    await waitFor(() => accepted.chat + accepted.data + dropped() >= sent, 'every message accepted or dropped');
    const bound = INBOUND_BURST + INBOUND_PER_SECOND * ((performance.now() - start) / 1000);
    expect(accepted.chat + accepted.data).to.be.at.most(bound);
    expect(dropped()).to.be.at.least(sent - bound);

    // The panel shows what was accepted, having updated at most once per frame meanwhile.
    const fromMallory = () =>
      [...panel.shadowRoot!.querySelectorAll('[part~=message] .name')].filter((name) => name.textContent === 'Mallory');
    await waitFor(() => fromMallory().length === accepted.chat && !panel.isUpdatePending, 'the panel caught up');
    frames.stop();
    expect(updates.count).to.be.at.most(frames.count + 1);

    // Brian's messages and everyone's video still get through.
    const atAda = nextEvent<{ from: string; text: string }>(ada, 'vc-message');
    brian.sendMessage('still here');
    expect(await atAda).to.include({ from: idOf(brian), text: 'still here' });
    await waitFor(() => panel.shadowRoot!.textContent!.includes('still here'), 'Brian’s message in the panel');
    await videoGoesOn(elements, '');
  });
});
