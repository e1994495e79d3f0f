// <video-conference>'s public API with a real relay: joining from attributes (a new private room without a
// room), the state and events it reports, the self-view tile, leaving and rejoining, moving in the page,
// removal releasing the camera.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import {
  nextEvent,
  relayCommand,
  tiles,
  uniqueRoom,
  videoOf,
  waitFor,
  waitForDecodedVideo,
} from '../support/browser.ts';

async function joinedElement(room = uniqueRoom(), name = 'Ada'): Promise<VideoConference> {
  const server = await relayCommand('relay-url');
  const element = await fixture<VideoConference>(
    html`<video-conference server=${server} room=${room} name=${name}></video-conference>`,
  );
  await waitFor(() => element.state === 'joined', 'joined');
  return element;
}

describe('<video-conference>', () => {
  it('without a room, joins a new private room, once, and sets the attribute to it', async () => {
    const element = document.createElement('video-conference');
    element.server = await relayCommand('relay-url');
    const states: string[] = [];
    element.addEventListener('vc-state-change', ({ detail }) => states.push(detail.state));
    const joined = nextEvent<{ id: string; room: string }>(element, 'vc-joined');
    (await fixture(html`<div></div>`)).append(element);
    const detail = await joined;
    expect(detail.room).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(element.room).to.equal(detail.room);
    expect(element.getAttribute('room')).to.equal(detail.room);
    expect(element.shareUrl).to.equal(`${location.href.split('#')[0]}#room=${detail.room}`);
    expect(detail.id).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(states).to.deep.equal(['joining', 'joined']);
    expect(element.participants).to.have.length(1);
    expect(element.participants[0]).to.include({ id: detail.id, local: true });
    await waitFor(() => element.participants[0]!.audio && element.participants[0]!.video, 'camera and microphone on');
  });

  it('shows a muted, mirrored self-view with decoded video', async () => {
    const element = await joinedElement();
    // The camera may open a moment after the join.
    await waitFor(() => element.localStream?.getVideoTracks().length === 1, 'camera open');
    const [self] = tiles(element);
    expect(self!.getAttribute('peer-id')).to.equal('local');
    expect(self!.hasAttribute('mirrored')).to.equal(true);
    expect(self!.name).to.equal('Ada (you)');
    expect(videoOf(self!).muted).to.equal(true);
    // A boolean: a failed comparison of two MediaStreams cannot be serialized back to the runner.
    expect(videoOf(self!).srcObject === element.localStream).to.equal(true);
    await waitForDecodedVideo(self!);
  });

  it('leaves on leave(), releasing the camera, and joins again on join()', async () => {
    const element = await joinedElement();
    const tracks = element.localStream!.getTracks();
    const left = nextEvent(element, 'vc-left');
    element.leave();
    await left;
    expect(element.state).to.equal('left');
    expect(tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    expect(tiles(element)).to.have.length(0);
    const status = () => element.shadowRoot!.querySelector('[part=status]');
    await waitFor(() => status()?.textContent?.includes('You left the call'), 'says so');

    const joined = nextEvent(element, 'vc-joined');
    status()!.querySelector<HTMLButtonElement>('[part=action]')!.click();
    await joined;
    expect(element.state).to.equal('joined');
    // The camera starts alongside the join, so it may come a moment after vc-joined.
    await waitFor(() => element.localStream?.getVideoTracks()[0]?.readyState === 'live', 'the camera again');
  });

  it('joins the new room when the room changes', async () => {
    const element = await joinedElement();
    const next = uniqueRoom();
    const left = nextEvent(element, 'vc-left');
    const joined = nextEvent<{ room: string }>(element, 'vc-joined');
    element.room = next;
    await left;
    expect((await joined).room).to.equal(next);
  });

  it('stays in the call when moved in the page, and leaves when removed', async () => {
    const element = await joinedElement();
    // The camera may open a moment after the join: what must survive the move is the open camera and microphone.
    await waitFor(() => element.localStream?.getTracks().length === 2, 'camera and microphone open');
    const tracks = element.localStream!.getTracks();
    const other = document.createElement('div');
    document.body.append(other);
    other.append(element);
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(element.state).to.equal('joined');
    expect(element.localStream!.getTracks()).to.have.members(tracks);
    expect(tracks.every((track) => track.readyState === 'live')).to.equal(true);

    element.remove();
    other.remove();
    await waitFor(() => element.state === 'left', 'left after removal');
    expect(tracks.every((track) => track.readyState === 'ended')).to.equal(true);
  });

  it('tells the others who joined and who left, with names', async () => {
    const room = uniqueRoom();
    const ada = await joinedElement(room, 'Ada');
    const peerJoined = nextEvent<{ id: string; name: string }>(ada, 'vc-peer-joined');
    const brian = await joinedElement(room, 'Brian');
    const joinedDetail = await peerJoined;
    expect(joinedDetail.name).to.equal('Brian');
    expect(joinedDetail.id).to.equal(brian.participants[0]!.id);

    const peerLeft = nextEvent<{ id: string; reason: string }>(ada, 'vc-peer-left');
    brian.remove();
    expect(await peerLeft).to.deep.equal({ id: joinedDetail.id, reason: 'left' });
  });
});
