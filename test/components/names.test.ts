// Who is who: the name the relay knows (from the join, a join token, or a rename through the relay) is the
// one shown and the one chat is attributed to; a name a peer claims over its data channel only fills in
// where the relay knows none. A join token's name is marked verified and cannot be changed.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import type { VideoPlayer } from '../../src/components/video-player/video-player.ts';
import {
  callOf,
  nextEvent,
  protectedRelay,
  relayCommand,
  remoteTiles,
  tiles,
  uniqueRoom,
  waitFor,
  waitForDecodedVideo,
} from '../support/browser.ts';
import { forgeStateNames } from '../support/forged-names.ts';

const idOf = (element: VideoConference) => element.participants[0]!.id;
const seenBy = (element: VideoConference, id: string) => element.participants.find((p) => p.id === id);
const tileOf = (element: VideoConference, id: string) => remoteTiles(element).find((tile) => tile.peerId === id)!;
const verifiedMark = (tile: VideoPlayer) => tile.shadowRoot!.querySelector<HTMLElement>('.verified[role=img]');

/**
 * Elements in one page joining `room` on `server`, each with the given attributes, laid out as callOf() does
 * (all tiles on screen, so everyone sends everyone video); resolved once all see all.
 */
async function callWith(server: string, room: string, people: Array<{ name?: string; token?: string }>) {
  const page = await fixture<HTMLElement>(html`
    <div style="display: grid; grid-template-columns: repeat(2, 320px); grid-auto-rows: 240px; gap: 8px">
      ${people.map(
        ({ name, token }) =>
          html`<video-conference
            server=${server}
            room=${room}
            name=${name ?? ''}
            token=${token ?? ''}
          ></video-conference>`,
      )}
    </div>
  `);
  const elements = [...page.querySelectorAll('video-conference')];
  for (const element of elements) {
    await waitFor(() => remoteTiles(element).length === people.length - 1, 'everyone connected');
    for (const tile of remoteTiles(element)) await waitForDecodedVideo(tile);
  }
  return elements;
}

/** Every name `element` reported through vc-participant-change and vc-message, from now on. */
function namesReported(element: VideoConference): string[] {
  const names: string[] = [];
  element.addEventListener('vc-participant-change', ({ detail }) => names.push(detail.name));
  element.addEventListener('vc-message', ({ detail }) => names.push(detail.name));
  return names;
}

describe('names', () => {
  let undo = () => {};
  afterEach(() => undo());

  it('a join token’s name is marked verified, and a peer claiming another over its data channel changes nothing', async () => {
    const { url } = await protectedRelay();
    const room = uniqueRoom();
    const [adaToken, malloryToken] = await Promise.all(
      ['Ada', 'Mallory'].map((name) => relayCommand('mint-join-token', { room, name })),
    );
    undo = forgeStateNames({ Mallory: 'The CEO' });
    // Mallory's page asks for another name too: the token's wins, and is what Mallory sees on its own tile.
    const [ada, mallory] = (await callWith(url, room, [
      { token: adaToken },
      { token: malloryToken, name: 'The CEO' },
    ])) as [VideoConference, VideoConference];
    const malloryId = idOf(mallory);
    const reported = namesReported(ada);

    // The forged state message arrives (the hand it raises shows), its name does not.
    mallory.raiseHand(true);
    await waitFor(() => seenBy(ada, malloryId)?.hand, 'Mallory’s hand at Ada');
    const message = nextEvent<{ name: string; from: string }>(ada, 'vc-message');
    mallory.sendMessage('I approve the transfer');
    expect(await message).to.include({ from: malloryId, name: 'Mallory' });
    expect(seenBy(ada, malloryId)).to.include({ name: 'Mallory', verified: true });
    expect(reported).to.not.include('The CEO');

    await ada.updateComplete;
    const tile = tileOf(ada, malloryId);
    await tile.updateComplete;
    expect(tile.name).to.equal('Mallory');
    expect(verifiedMark(tile)?.title).to.equal('Verified name');
    await mallory.updateComplete;
    const own = tiles(mallory)[0]!;
    await own.updateComplete;
    expect(own.name).to.equal('Mallory (you)');
    expect(verifiedMark(own)).to.not.equal(null);
    expect(mallory.participants[0]).to.include({ name: 'Mallory', verified: true });
  });

  it('a plain join’s name wins over the data channel too (unmarked), which only names someone the relay knows no name for', async () => {
    const server = await relayCommand('relay-url');
    undo = forgeStateNames({ Mallory: 'The CEO', '': 'Zed' });
    const [ada, mallory, nameless] = (await callWith(server, uniqueRoom(), [
      { name: 'Ada' },
      { name: 'Mallory' },
      {},
    ])) as [VideoConference, VideoConference, VideoConference];
    const malloryId = idOf(mallory);
    const reported = namesReported(ada);

    mallory.raiseHand(true);
    await waitFor(() => seenBy(ada, malloryId)?.hand, 'Mallory’s hand at Ada');
    const message = nextEvent<{ name: string }>(ada, 'vc-message');
    mallory.sendMessage('I approve the transfer');
    expect(await message).to.include({ name: 'Mallory' });
    expect(seenBy(ada, malloryId)).to.include({ name: 'Mallory', verified: false });
    await waitFor(() => seenBy(ada, idOf(nameless))?.name === 'Zed', 'the nameless participant’s own word');
    expect(reported).to.not.include('The CEO');

    await ada.updateComplete;
    expect(tileOf(ada, malloryId).name).to.equal('Mallory');
    expect(verifiedMark(tileOf(ada, malloryId))).to.equal(null);
  });
});

describe('renaming mid-call', () => {
  afterEach(() => relayCommand('relay-start'));

  it('reaches the others through the relay, and someone joining later hears the new name', async () => {
    const { elements, room, server } = await callOf(['Ada', 'Brian']);
    const [ada, brian] = elements as [VideoConference, VideoConference];
    const changes: Array<{ id: string; name: string; verified: boolean }> = [];
    ada.addEventListener('vc-participant-change', ({ detail }) => changes.push(detail));
    brian.name = 'Bob';
    const change = await waitFor(() => changes.find((detail) => detail.name === 'Bob'), 'vc-participant-change');
    expect(change).to.include({ id: idOf(brian), verified: false });
    await waitFor(() => tileOf(ada, idOf(brian)).name === 'Bob', 'Bob on Ada’s tile');
    expect(tiles(brian)[0]!.name).to.equal('Bob (you)');

    const late = document.createElement('video-conference');
    Object.assign(late, { server, room, name: 'Chen' });
    ada.parentElement!.append(late);
    await waitFor(() => seenBy(late, idOf(brian))?.name === 'Bob', 'Bob, from the relay’s peer list');
  });

  it('asked for while the relay connection is down goes out once the membership is resumed', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada, brian] = elements as [VideoConference, VideoConference];
    await relayCommand('relay-drop-connections');
    await waitFor(() => brian.state === 'reconnecting', 'Brian reconnecting');
    brian.name = 'Bob';
    await waitFor(() => brian.state === 'joined', 'Brian resumed');
    await waitFor(() => seenBy(ada, idOf(brian))?.name === 'Bob', 'Bob at Ada');
  });

  it('is refused for a join token’s name: unauthorized, shown as a notice, and the name stays everywhere', async () => {
    const { url } = await protectedRelay();
    const room = uniqueRoom();
    const [adaToken, brianToken] = await Promise.all(
      ['Ada', 'Brian'].map((name) => relayCommand('mint-join-token', { room, name })),
    );
    const [ada, brian] = (await callWith(url, room, [{ token: adaToken }, { token: brianToken }])) as [
      VideoConference,
      VideoConference,
    ];
    const refused = nextEvent<{ code: string }>(brian, 'vc-error');
    brian.name = 'Bob';
    expect((await refused).code).to.equal('unauthorized');
    expect(brian.state).to.equal('joined');
    expect(brian.participants[0]).to.include({ name: 'Brian', verified: true });
    const notice = await waitFor(() => brian.shadowRoot!.querySelector<HTMLElement>('[part=notice]'), 'the notice');
    expect(notice.dataset.code).to.equal('unauthorized');
    expect(notice.textContent).to.contain('invitation');
    expect(tiles(brian)[0]!.name).to.equal('Brian (you)');
    expect(seenBy(ada, idOf(brian))?.name).to.equal('Brian');
  });
});
