// Rooms on the SFU: a relay that moves rooms of 3 onto a Janus of the test run's own (deploy/janus/ config).
// Everyone ends up with the others' decoded video through Janus, on two connections each (one to send, one
// to receive), whatever the room held before; the call works there as in a mesh; and a call that moves
// there keeps playing through the move; each viewer gets the simulcast layer its tile needs.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import type { VideoPlayer } from '../../src/components/video-player/video-player.ts';
import {
  callOf,
  nextEvent,
  recordPeerConnections,
  relayCommand,
  remoteTiles,
  scaleOutRelays,
  tiles,
  uniqueRoom,
  videoOf,
  waitFor,
  waitForDecodedVideo,
} from '../support/browser.ts';
import { longestGap, recordVideoFrames } from '../support/frames.ts';

/**
 * Watches `watched` tiles through `move` and for 60 frames after it: none may wait between two frames longer
 * than about a second, counted in the frames of `own` (the page's own camera, at the pace this machine runs
 * now), not in time: a slow machine is slow for both.
 */
async function expectSmoothThrough(watched: VideoPlayer[], own: VideoPlayer, move: () => Promise<void>) {
  const recordings = watched.map((tile) => recordVideoFrames(videoOf(tile)));
  const reference = recordVideoFrames(videoOf(own));
  await move();
  const settledAt = reference.times.length;
  await waitFor(() => reference.times.length > settledAt + 60, 'frames after the move');
  for (const recording of [...recordings, reference]) recording.stop();
  const referenceFps = (reference.times.length - 1) / ((reference.times.at(-1)! - reference.times[0]!) / 1000);
  for (const { times } of recordings) {
    const gap = longestGap(times, reference.times);
    expect(gap.referenceFrames, `longest gap ${Math.round(gap.ms)} ms`).to.be.at.most(Math.ceil(referenceFps));
  }
}

describe('a room on the SFU', () => {
  const connections = recordPeerConnections();
  const open = () => connections.filter((pc) => pc.connectionState !== 'closed');
  const modeChanges: string[] = [];
  const onModeChange = (event: Event) => modeChanges.push((event.target as VideoConference).name);
  before(() => document.addEventListener('vc-mode-change', onModeChange));
  after(() => document.removeEventListener('vc-mode-change', onModeChange));

  it('takes a growing call: everyone sees everyone through Janus, on two connections each; and they can leave', async () => {
    const server = await relayCommand('sfu-relay');
    const { elements } = await callOf(['Ada', 'Brian', 'Chen', 'Dana'], server);
    const [ada, brian, chen, dana] = elements as [VideoConference, VideoConference, VideoConference, VideoConference];
    await waitFor(() => open().length === 8, 'the mesh connections closed');
    for (const element of elements) {
      expect(element.mode).to.equal('sfu');
      expect(remoteTiles(element).map((tile) => tile.name)).to.have.length(3);
    }
    expect(modeChanges).to.have.members(['Ada', 'Brian', 'Chen', 'Dana']);
    // The server decrypts and forwards: no safety code, and the tile says so.
    const stats = await waitFor(() => Object.values(ada.getStats())[0], 'figures at Ada');
    expect(stats).to.include({ viaServer: true, safetyCode: null });

    const danaId = dana.participants[0]!.id;
    const danaTracks = dana.localStream!.getTracks();
    dana.leave();
    for (const element of [ada, brian, chen]) {
      await waitFor(() => remoteTiles(element).length === 2, 'Dana gone');
      expect(remoteTiles(element).some((tile) => tile.peerId === danaId)).to.equal(false);
    }
    expect(danaTracks.every((track) => track.readyState === 'ended')).to.equal(true);
    await waitFor(() => open().length === 6, "Dana's connections closed");
    await waitForDecodedVideo(remoteTiles(ada)[0]!);
  });

  it('carries chat, mute and screen share as a mesh does', async () => {
    const server = await relayCommand('sfu-relay');
    const { elements } = await callOf(['Ada', 'Brian', 'Chen'], server);
    const [ada, brian, chen] = elements as [VideoConference, VideoConference, VideoConference];
    const adaId = ada.participants[0]!.id;

    const said = nextEvent<{ from: string; name: string; text: string }>(chen, 'vc-message');
    ada.sendMessage('hello, large room');
    expect(await said).to.include({ from: adaId, name: 'Ada', text: 'hello, large room' });

    await ada.toggleMicrophone(false);
    await waitFor(() => brian.participants.find((p) => p.id === adaId)?.audio === false, 'Ada muted at Brian');

    await ada.startScreenShare();
    const screenTile = () => remoteTiles(brian).find((tile) => tile.peerId === `${adaId}:screen`);
    await waitFor(() => screenTile(), 'a screen tile at Brian');
    await waitForDecodedVideo(screenTile()!);
    ada.stopScreenShare();
    await waitFor(() => !screenTile(), 'the screen tile gone at Brian');
    // Ada's camera still comes through.
    await waitForDecodedVideo(remoteTiles(chen).find((tile) => tile.peerId === adaId)!);
  });
});

describe('the call on the SFU', () => {
  it('knows who speaks, rates each connection and carries the page’s data', async () => {
    const server = await relayCommand('sfu-relay');
    const { elements } = await callOf(['Ada', 'Brian', 'Chen'], server);
    const [ada, brian, chen] = elements as [VideoConference, VideoConference, VideoConference];
    await waitFor(() => elements.every((element) => element.mode === 'sfu'), 'the room on the SFU');
    const [brianId, chenId] = [brian, chen].map((element) => element.participants[0]!.id) as [string, string];

    // Only Brian's fake microphone beeps: at Ada, he is the active speaker, his level read through Janus.
    await ada.toggleMicrophone(false);
    await chen.toggleMicrophone(false);
    await waitFor(() => ada.activeSpeaker === brianId, 'Brian the active speaker at Ada');
    await waitFor(() => remoteTiles(ada).find((tile) => tile.peerId === brianId)!.speaking, 'his tile outlined');

    // Figures for each participant, from their streams on the shared receiving connection.
    const figures = () => ada.getStats()[chenId];
    const stats = await waitFor(() => (figures()?.video?.fps ? figures() : null), 'figures');
    expect(stats.quality).to.be.oneOf(['good', 'fair', 'poor']);
    expect(stats.video!.height).to.be.greaterThan(0);

    const data = nextEvent<{ from: string; payload: unknown }>(chen, 'vc-data');
    brian.send({ slide: 3 });
    expect(await data).to.deep.equal({ from: brianId, payload: { slide: 3 } });
  });
});

describe('a call moving onto the SFU', () => {
  const connections = recordPeerConnections();

  it('keeps every tile playing: a mesh connection closes only once its media come through the SFU', async () => {
    const server = await relayCommand('sfu-relay');
    const { elements, room } = await callOf(['Ada', 'Brian'], server);
    const [ada, brian] = elements as [VideoConference, VideoConference];
    const chen = document.createElement('video-conference');
    await expectSmoothThrough([remoteTiles(ada)[0]!, remoteTiles(brian)[0]!], tiles(ada)[0]!, async () => {
      Object.assign(chen, { server, room, name: 'Chen' });
      ada.parentElement!.append(chen);
      await waitFor(() => ada.mode === 'sfu' && brian.mode === 'sfu', 'the room on the SFU');
      await waitFor(() => connections.filter((pc) => pc.connectionState !== 'closed').length === 6, 'mesh closed');
    });
    chen.remove();
  });
});

describe('a call moving back to the mesh', () => {
  const connections = recordPeerConnections();

  it('keeps the tiles of those who stay playing as the SFU hands them back to the mesh', async () => {
    const server = await relayCommand('shrinking-relay');
    const { elements } = await callOf(['Ada', 'Brian', 'Chen', 'Dana'], server);
    const [ada, brian, chen, dana] = elements as [VideoConference, VideoConference, VideoConference, VideoConference];
    await waitFor(() => elements.every((element) => element.mode === 'sfu'), 'the room on the SFU');
    const brianId = brian.participants[0]!.id;
    const adaId = ada.participants[0]!.id;
    const tileOf = (viewer: VideoConference, id: string) => remoteTiles(viewer).find((tile) => tile.peerId === id)!;
    await expectSmoothThrough([tileOf(ada, brianId), tileOf(brian, adaId)], tiles(ada)[0]!, async () => {
      chen.leave();
      dana.leave();
      await waitFor(() => ada.mode === 'mesh' && brian.mode === 'mesh', 'back on the mesh');
      await waitFor(() => connections.filter((pc) => pc.connectionState !== 'closed').length === 2, 'the SFU left');
    });
  });
});

describe('simulcast on the SFU', () => {
  it('sends each viewer the layer its tile needs: a pinned tile the top one, a thumbnail the lowest, a hidden one none', async () => {
    const server = await relayCommand('sfu-relay');
    const room = uniqueRoom();
    // Ada fills the viewport; the others' own views do not matter here.
    const page = await fixture<HTMLElement>(html`
      <div>
        <video-conference
          server=${server}
          room=${room}
          name="Ada"
          style="width: 800px; height: 600px"
        ></video-conference>
        <video-conference server=${server} room=${room} name="Brian" style="width: 160px"></video-conference>
        <video-conference server=${server} room=${room} name="Chen" style="width: 160px"></video-conference>
      </div>
    `);
    const [ada, brian, chen] = [...page.querySelectorAll('video-conference')] as VideoConference[];
    await waitFor(() => ada!.mode === 'sfu' && remoteTiles(ada!).length === 2, 'Ada in the SFU room with two others');
    const [brianId, chenId] = [brian!, chen!].map((element) => element.participants[0]!.id) as [string, string];
    const received = (id: string) => ada!.getStats()[id]?.video ?? null;

    ada!.pin(brianId);
    await waitFor(() => received(brianId)?.height === 720, 'the top layer (720 lines) of Brian, pinned');
    await waitFor(() => received(chenId)?.height === 180, 'the lowest layer (180 lines) of Chen, a thumbnail');

    remoteTiles(ada!).find((tile) => tile.peerId === chenId)!.style.display = 'none';
    await waitFor(() => received(chenId)?.kbps === 0, 'no video of Chen while his tile is hidden');
    await waitFor(() => (received(brianId)?.kbps ?? 0) > 0, 'Brian still coming');
  });
});

describe('an SFU room across relays', () => {
  const connections = recordPeerConnections();

  it('sends the members of both relays to one Janus room (the placement is in Redis)', async () => {
    const [first, second] = await scaleOutRelays('scale-out-sfu-relays');
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(html`
      <div style="display: grid; grid-template-columns: repeat(2, 320px); grid-auto-rows: 240px; gap: 8px">
        <video-conference server=${first} room=${room} name="Ada"></video-conference>
        <video-conference server=${second} room=${room} name="Brian"></video-conference>
        <video-conference server=${second} room=${room} name="Chen"></video-conference>
      </div>
    `);
    const elements = [...page.querySelectorAll('video-conference')] as VideoConference[];
    for (const element of elements) {
      await waitFor(() => element.mode === 'sfu' && remoteTiles(element).length === 2, 'on the SFU with two others');
      for (const tile of remoteTiles(element)) await waitForDecodedVideo(tile);
    }
    await waitFor(() => connections.filter((pc) => pc.connectionState !== 'closed').length === 6, 'two each');

    // Its Janus dies (the last test of this Janus): both relays see it, one moves the room back to the mesh.
    const moves = elements.map((element) => nextEvent<{ mode: string }>(element, 'vc-mode-change'));
    await relayCommand('scale-out-janus-stop');
    for (const move of moves) expect((await move).mode).to.equal('mesh');
    for (const element of elements) {
      await waitFor(() => remoteTiles(element).length === 2, 'two tiles');
      for (const tile of remoteTiles(element)) await waitForDecodedVideo(tile);
      expect(element.mode).to.equal('mesh');
    }
  });
});

describe('an SFU that goes away', () => {
  it('takes the call back to the mesh: everyone sees everyone again, and each element says why', async () => {
    const server = await relayCommand('failover-relay');
    const { elements } = await callOf(['Ada', 'Brian', 'Chen'], server);
    await waitFor(() => elements.every((element) => element.mode === 'sfu'), 'the room on the SFU');
    const errors = elements.map((element) => nextEvent<{ code: string }>(element, 'vc-error'));
    const back = elements.map((element) => nextEvent<{ mode: string }>(element, 'vc-mode-change'));

    await relayCommand('failover-janus-stop');
    for (const error of errors) expect((await error).code).to.equal('sfu-unavailable');
    for (const mode of back) expect((await mode).mode).to.equal('mesh');
    for (const element of elements) {
      await waitFor(() => remoteTiles(element).length === 2, 'two remote tiles');
      for (const tile of remoteTiles(element)) await waitForDecodedVideo(tile);
      expect(element.mode).to.equal('mesh');
    }
  });

  it('moves a room too large for a mesh onto another node, where everyone publishes again', async () => {
    const server = await relayCommand('two-node-relay');
    const { elements } = await callOf(['Ada', 'Brian', 'Chen'], server);
    await waitFor(() => elements.every((element) => element.mode === 'sfu'), 'the room on the SFU');
    const errors = elements.map((element) => nextEvent<{ code: string }>(element, 'vc-error'));
    const streamsBefore = new Set(elements.flatMap((element) => remoteTiles(element).map((tile) => tile.stream)));

    await relayCommand('two-node-janus-stop');
    // Meanwhile the tiles say so.
    await waitFor(
      () => elements.some((element) => element.participants.some((participant) => participant.reconnecting)),
      'a tile reconnecting',
    );
    for (const error of errors) expect((await error).code).to.equal('sfu-unavailable');
    for (const element of elements) {
      // Each tile plays a new stream, through the other node.
      await waitFor(
        () => remoteTiles(element).every((tile) => tile.stream && !streamsBefore.has(tile.stream)),
        'new streams',
      );
      for (const tile of remoteTiles(element)) await waitForDecodedVideo(tile);
      expect(element.mode).to.equal('sfu');
    }
  });
});
