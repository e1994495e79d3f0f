// What a person notices without looking for it: someone alone gets a card with the invitation link (gone once
// someone joins, or when put away); who joins, leaves or raises a hand shows for a moment as a toast.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';

async function member(server: string, room: string, name: string): Promise<VideoConference> {
  return fixture<VideoConference>(
    html`<video-conference server=${server} room=${room} name=${name}></video-conference>`,
  );
}

const invite = (element: VideoConference) => element.shadowRoot!.querySelector<HTMLElement>('[part=invite]');
const toast = (element: VideoConference) => element.shadowRoot!.querySelector('[part=toast]')?.textContent?.trim();

describe('call signals', () => {
  it('someone alone sees the invitation link; it goes when someone joins', async () => {
    const server = await relayCommand('relay-url');
    const room = uniqueRoom();
    const ada = await member(server, room, 'Ada');
    const card = await waitFor(() => invite(ada), 'the invitation card');
    expect(card.textContent).to.contain('only one here');
    expect(card.querySelector<HTMLInputElement>('[part=invite-link]')!.value).to.equal(ada.shareUrl);

    await member(server, room, 'Brian');
    await waitFor(() => !invite(ada), 'the card gone once Brian joined');
  });

  it('the invitation card can be put away', async () => {
    const ada = await member(await relayCommand('relay-url'), uniqueRoom(), 'Ada');
    const card = await waitFor(() => invite(ada), 'the invitation card');
    card.querySelector<HTMLButtonElement>('.dismiss')!.click();
    await ada.updateComplete;
    expect(invite(ada)).to.equal(null);
  });

  it('shows who joins, raises a hand and leaves as a toast', async () => {
    const server = await relayCommand('relay-url');
    const room = uniqueRoom();
    const ada = await member(server, room, 'Ada');
    await waitFor(() => ada.state === 'joined', 'Ada joined');
    const brian = await member(server, room, 'Brian');
    await waitFor(() => toast(ada) === 'Brian joined', 'the join shown');
    await waitFor(() => ada.participants[1]?.connectionState === 'connected', 'Ada connected to Brian');
    brian.raiseHand(true);
    await waitFor(() => toast(ada) === 'Brian raised a hand', 'the hand shown');
    brian.leave();
    await waitFor(() => toast(ada) === 'Brian left', 'the departure shown');
    await waitFor(() => !toast(ada), 'the toast goes after a moment');
  });
});
