// Three <video-conference> elements in one page (all on screen: a tile off-screen gets no video, by design)
// join one room through the real relay: everyone sees everyone's decoded video, and when one leaves, the
// others drop its tile and its connections.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import {
  callOf,
  nextEvent,
  recordPeerConnections,
  remoteTiles,
  waitFor,
  waitForDecodedVideo,
} from '../support/browser.ts';

describe('a three-way call', () => {
  // The real connections the elements make, to see them closed.
  const connections = recordPeerConnections();

  it('connects everyone with decoded video, then drops the one who leaves', async () => {
    const names = ['Ada', 'Brian', 'Chen'];
    const { elements } = await callOf(names);
    expect(connections).to.have.length(6);

    const [ada, brian, chen] = elements as [VideoConference, VideoConference, VideoConference];
    expect(ada.state).to.equal('joined');
    expect(ada.participants.map((p) => p.name)).to.have.members(names);
    expect(ada.participants[0]!.local).to.equal(true);
    expect(remoteTiles(ada).map((tile) => tile.name)).to.have.members(['Brian', 'Chen']);

    const chenId = chen.participants[0]!.id;
    const chenTracks = chen.localStream!.getTracks();
    const adaSawLeave = nextEvent<{ id: string; reason: string }>(ada, 'vc-peer-left');
    const brianSawLeave = nextEvent<{ id: string; reason: string }>(brian, 'vc-peer-left');
    chen.leave();

    expect(await adaSawLeave).to.deep.equal({ id: chenId, reason: 'left' });
    expect(await brianSawLeave).to.deep.equal({ id: chenId, reason: 'left' });
    await waitFor(() => remoteTiles(ada).length === 1 && remoteTiles(brian).length === 1, 'one remote tile each');
    expect(remoteTiles(ada)[0]!.name).to.equal('Brian');
    expect(chen.state).to.equal('left');
    expect(chen.localStream).to.equal(null);
    expect(chenTracks.every((track) => track.readyState === 'ended')).to.equal(true);
    // Chen's two connections and the one each of the others had to Chen are closed; Ada–Brian stays up.
    expect(connections.filter((pc) => pc.signalingState === 'closed')).to.have.length(4);
    await waitForDecodedVideo(remoteTiles(ada)[0]!);
  });
});
