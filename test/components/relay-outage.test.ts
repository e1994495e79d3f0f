// The relay going away mid-call, as a blip (connections cut, relay still up) and as a restart: media keeps
// flowing peer to peer meanwhile; after a blip everyone resumes with the same ids and nobody is seen to
// leave; after a restart everyone joins again, and a newcomer connects to all.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { callOf, relayCommand, remoteTiles, waitFor, waitForDecodedVideo } from '../support/browser.ts';

const ids = (elements: VideoConference[]) => elements.map((element) => element.participants[0]!.id);

describe('a relay outage mid-call', () => {
  afterEach(() => relayCommand('relay-start'));

  it('a blip: everyone resumes with the same ids, nobody is seen to leave, and video never stops', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const before = ids(elements);
    const departures: string[] = [];
    for (const element of elements)
      element.addEventListener('vc-peer-left', ({ detail }) => departures.push(detail.id));

    await relayCommand('relay-drop-connections');
    await waitFor(() => elements.every((element) => element.state === 'reconnecting'), 'reconnecting');
    for (const element of elements) await waitForDecodedVideo(remoteTiles(element)[0]!);
    await waitFor(() => elements.every((element) => element.state === 'joined'), 'resumed');

    expect(ids(elements)).to.deep.equal(before);
    expect(departures).to.deep.equal([]);
    for (const element of elements) await waitForDecodedVideo(remoteTiles(element)[0]!);
  });

  it('a restart: remote video keeps playing while the relay is down; then all rejoin and a newcomer meets all three', async () => {
    const { elements, room, server } = await callOf(['Ada', 'Brian', 'Chen']);

    await relayCommand('relay-stop');
    await waitFor(() => elements.every((element) => element.state === 'reconnecting'), 'reconnecting');
    // Peer to peer: frames keep coming while there is no relay at all.
    for (const element of elements) for (const tile of remoteTiles(element)) await waitForDecodedVideo(tile);
    expect(elements.every((element) => element.state === 'reconnecting')).to.equal(true);

    await relayCommand('relay-start');
    await waitFor(() => elements.every((element) => element.state === 'joined'), 'joined again');

    const newcomer = document.createElement('video-conference');
    Object.assign(newcomer, { server, room, name: 'Dana' });
    elements[0]!.parentElement!.append(newcomer);
    const everyone = [...elements, newcomer];
    for (const element of everyone) await waitFor(() => remoteTiles(element).length === 3, 'four in the call');
    for (const tile of remoteTiles(newcomer)) await waitForDecodedVideo(tile);
    expect(remoteTiles(newcomer).map((tile) => tile.name)).to.have.members(['Ada', 'Brian', 'Chen']);
  });
});
