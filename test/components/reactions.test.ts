// Reactions: one sent reaches every participant of the room and nobody else, floats over the sender's tile and is
// said to screen readers; a flood is cut to the reaction rate, by the sender's widget and at each receiver.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { Call } from '../../src/rtc/call.ts';
import { REACTIONS_BURST, REACTIONS_PER_SECOND, type Reaction } from '../../src/rtc/packets.ts';
import { callOf, remoteTiles, uniqueRoom, waitFor } from '../support/browser.ts';

type Received = { id: string; emoji: string; local: boolean };

const idOf = (element: VideoConference) => element.participants[0]!.id;

/** Every vc-reaction `element` fires from now on. */
function reactionsAt(element: VideoConference): Received[] {
  const received: Received[] = [];
  element.addEventListener('vc-reaction', ({ detail }) => received.push(detail));
  return received;
}

/** Rejects with the Error's `code`, or resolves with 'sent'. */
const outcome = (sent: Promise<void>) =>
  sent.then(
    () => 'sent',
    (error: { code: string }) => error.code,
  );

describe('reactions', () => {
  it('reach everyone in the room and nobody else, float over the sender’s tile, and are said', async () => {
    const { elements, server } = await callOf(['Ada', 'Brian', 'Cleo']);
    const [ada, brian, cleo] = elements as [VideoConference, VideoConference, VideoConference];
    const elsewhere = await fixture<VideoConference>(
      html`<video-conference server=${server} room=${uniqueRoom()} name="Dan"></video-conference>`,
    );
    await waitFor(() => elsewhere.state === 'joined', 'Dan in a room of his own');
    const [atAda, atBrian, atCleo, atDan] = [ada, brian, cleo, elsewhere].map(reactionsAt);

    await ada.react('🎉');
    await waitFor(() => atBrian.length && atCleo.length, 'the reaction at Brian and Cleo');
    const sent = { id: idOf(ada), emoji: '🎉' };
    expect(atAda).to.deep.equal([{ ...sent, local: true }]);
    expect(atBrian).to.deep.equal([{ ...sent, local: false }]);
    expect(atCleo).to.deep.equal([{ ...sent, local: false }]);
    expect(atDan).to.deep.equal([]);

    // At Brian: over Ada's tile, and said.
    const float = await waitFor(
      () => brian.shadowRoot!.querySelector<HTMLElement>(`[part=reaction][data-from="${idOf(ada)}"]`),
      'the reaction over Ada’s tile',
    );
    expect(float.textContent!.trim()).to.equal('🎉');
    const tile = remoteTiles(brian)
      .find((t) => t.peerId === idOf(ada))!
      .getBoundingClientRect();
    const box = float.getBoundingClientRect();
    const middle = (box.left + box.right) / 2;
    expect(middle, 'over the tile, across').to.be.within(tile.left, tile.right);
    expect(box.bottom, 'over the tile, down').to.be.within(tile.top, tile.bottom);
    await waitFor(
      () => brian.shadowRoot!.querySelector('.announcer')!.textContent!.includes('Ada reacted 🎉'),
      'the reaction said at Brian',
    );
    // At Ada, over her own tile.
    await waitFor(() => ada.shadowRoot!.querySelector(`[part=reaction][data-from="${idOf(ada)}"]`), 'Ada’s own');
    // Gone after a few seconds.
    await waitFor(() => !brian.shadowRoot!.querySelector('[part=reaction]'), 'the reaction gone');
  });

  it('from the toolbar’s menu; anything else than the six is refused, and so is sending outside a call', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada, brian] = elements as [VideoConference, VideoConference];
    const atBrian = reactionsAt(brian);
    ada.shadowRoot!.querySelector<HTMLButtonElement>('[part~=reactions-control]')!.click();
    const menu = await waitFor(() => ada.shadowRoot!.querySelector('[part=reactions]'), 'the reactions menu');
    const buttons = [...menu.querySelectorAll('button')];
    expect(buttons.map((button) => button.textContent!.trim())).to.deep.equal(['👍', '👏', '😂', '❤️', '🎉', '😮']);
    buttons[0]!.click();
    await waitFor(() => atBrian.length === 1, 'the reaction at Brian');
    expect(atBrian[0]!.emoji).to.equal('👍');
    await ada.updateComplete;
    expect(ada.shadowRoot!.querySelector('[part=reactions]'), 'the menu closed').to.equal(null);

    expect(await outcome(ada.react('💩' as Reaction))).to.equal('invalid-request');
    ada.leave();
    expect(await outcome(ada.react('👍'))).to.equal('not-joined');
  });

  it('a flood is cut to the reaction rate by the sender’s widget and by each receiver; the call goes on', async () => {
    const { elements, room, server } = await callOf(['Ada', 'Brian']);
    const [ada, brian] = elements as [VideoConference, VideoConference];
    // The widget's own button or method: a burst goes, the rest is refused.
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => outcome(ada.react('👏'))));
    expect(outcomes.filter((o) => o === 'sent').length).to.be.within(REACTIONS_BURST, REACTIONS_BURST + 1);
    expect(outcomes).to.include('rate-limited');

    // A modified client sends without a limit: each receiver drops what goes over it, and counts it.
    const mallory = new Call({ server, room, name: 'Mallory' });
    try {
      await mallory.join();
      const malloryId = await waitFor(() => brian.participants.find((p) => p.name === 'Mallory')?.id, 'Mallory');
      await waitFor(() => brian.getStats()[malloryId], 'Mallory connected to Brian');
      const atBrian = reactionsAt(brian);
      const start = performance.now();
      const sent = 200;
      for (let i = 0; i < sent; i++) mallory.react('😂');
      const dropped = () => brian.getStats()[malloryId]?.dropped.messages ?? 0;
      const fromMallory = () => atBrian.filter((r) => r.id === malloryId).length;
      await waitFor(() => fromMallory() + dropped() >= sent, 'every reaction shown or dropped');
      const bound = REACTIONS_BURST + REACTIONS_PER_SECOND * ((performance.now() - start) / 1000);
      expect(fromMallory()).to.be.at.most(bound);
      expect(dropped()).to.be.at.least(sent - bound);
      // Only so many float at once, whatever came.
      expect(brian.shadowRoot!.querySelectorAll('[part=reaction]').length).to.be.at.most(12);

      // Ada is not held back by Mallory's flood (her own bucket has refilled since her burst: Mallory took seconds
      // to join).
      await ada.react('❤️');
      await waitFor(() => atBrian.some((r) => r.id === idOf(ada) && r.emoji === '❤️'), 'Ada’s reaction at Brian');
    } finally {
      mallory.leave();
    }
  });
});
