// Hosts in a room on the SFU (sfu-relay: rooms of 3 move onto a Janus of the test run's own): a guest let in
// from the lobby takes the room onto the SFU; a host removes a guest there (it ends in `removed`, its
// connections to Janus close, its tile goes elsewhere, the two left still decode each other through Janus,
// and it cannot come back); a mute request is honoured; ending the call for everyone ends every element
// (one knocking too) and closes every connection, and the room can start again on the SFU.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import {
  nextEvent,
  recordPeerConnections,
  relayCommand,
  remoteTiles,
  uniqueRoom,
  waitFor,
  waitForDecodedVideo,
} from '../support/browser.ts';

/** A <video-conference> named `name` in `room`, added to `container`. */
function widget(container: HTMLElement, server: string, room: string, name: string): VideoConference {
  const element = document.createElement('video-conference');
  Object.assign(element, { server, room, name });
  container.append(element);
  return element;
}

const idOf = (element: VideoConference) => element.participants[0]!.id;
const microphone = (element: VideoConference) => element.participants[0]!.audio;

/** Waits until each of `elements` shows the others' tiles, and only theirs, with decoded video that plays on. */
async function everyoneSeesEveryone(elements: VideoConference[]): Promise<void> {
  // Their ids are known once they are in.
  await waitFor(() => elements.every((element) => element.state === 'joined'), 'everyone in');
  for (const element of elements) {
    const others = elements.filter((other) => other !== element).map(idOf);
    await waitFor(
      () =>
        remoteTiles(element).length === others.length &&
        remoteTiles(element).every((tile) => others.includes(tile.peerId)),
      `${element.name} seeing ${others.length} others`,
    );
    for (const tile of remoteTiles(element)) await waitForDecodedVideo(tile);
  }
}

describe('hosts in a room on the SFU', () => {
  const connections = recordPeerConnections();
  /** The connections this test made that are still open (an earlier test's may still be closing). */
  let first = 0;
  const open = () => connections.slice(first).filter((pc) => pc.connectionState !== 'closed');
  let server: string;
  let room: string;
  let container: HTMLElement;

  beforeEach(async () => {
    server ??= await relayCommand('sfu-relay');
    room = uniqueRoom();
    first = connections.length;
    // A 2×2 grid of 320×240 cells, so that every tile is on screen and gets video.
    container = await fixture<HTMLElement>(html`
      <div style="display: grid; grid-template-columns: repeat(2, 320px); grid-auto-rows: 240px; gap: 8px"></div>
    `);
  });

  /** The host (the first to join) and two guests, everyone on the SFU and seeing everyone. */
  async function sfuRoom(): Promise<[VideoConference, VideoConference, VideoConference]> {
    const host = widget(container, server, room, 'Hana');
    await waitFor(() => host.state === 'joined', 'the host joined');
    expect(host.callRole).to.equal('host');
    const guests = [widget(container, server, room, 'Gil'), widget(container, server, room, 'Gus')];
    const everyone = [host, ...guests] as [VideoConference, VideoConference, VideoConference];
    await waitFor(() => everyone.every((element) => element.mode === 'sfu'), 'the room on the SFU');
    await everyoneSeesEveryone(everyone);
    await waitFor(() => open().length === 6, 'two connections each (the mesh ones closed)');
    return everyone;
  }

  it('lets a knock in: the third member takes the room onto the SFU, with video both ways', async () => {
    const host = widget(container, server, room, 'Hana');
    await waitFor(() => host.state === 'joined', 'the host joined');
    const gil = widget(container, server, room, 'Gil');
    await everyoneSeesEveryone([host, gil]);
    expect(host.mode).to.equal('mesh');
    await host.setLobby(true);

    const knock = nextEvent<{ id: string; name: string }>(host, 'vc-knock');
    const gus = widget(container, server, room, 'Gus');
    await waitFor(() => gus.state === 'waiting', 'Gus waits');
    const { id, name } = await knock;
    expect(name).to.equal('Gus');
    // Waiting, Gus counts for nothing: the room stays a mesh, and nobody there hears of him but the host.
    expect([host.mode, gil.mode]).to.deep.equal(['mesh', 'mesh']);
    expect(gus.participants.filter((p) => !p.local)).to.deep.equal([]);

    await host.admit(id);
    await waitFor(() => gus.state === 'joined', 'Gus let in');
    expect(idOf(gus)).to.equal(id);
    await waitFor(() => [host, gil, gus].every((element) => element.mode === 'sfu'), 'the room on the SFU');
    await everyoneSeesEveryone([host, gil, gus]);
    await waitFor(() => open().length === 6, 'two connections each');
  });

  it('removes a guest: it ends in `removed`, its tile goes, and the two left still see each other', async () => {
    const [host, gil, gus] = await sfuRoom();
    const gusId = idOf(gus);
    const removedAtGil = nextEvent(gil, 'vc-participant-removed');
    const leftAtGil = nextEvent(gil, 'vc-peer-left');
    const gusError = nextEvent<{ code: string }>(gus, 'vc-error');
    await host.removeParticipant(gusId);

    expect(await removedAtGil).to.deep.equal({ id: gusId, by: idOf(host) });
    expect(await leftAtGil).to.deep.equal({ id: gusId, reason: 'removed' });
    expect((await gusError).code).to.equal('removed');
    await waitFor(() => gus.state === 'removed', 'Gus removed');
    expect(gus.localStream).to.equal(null);
    expect(remoteTiles(gus)).to.have.length(0);
    for (const element of [host, gil]) {
      await waitFor(() => !remoteTiles(element).some((tile) => tile.peerId === gusId), 'Gus’s tile gone');
      expect(element.participants.some((p) => p.id === gusId)).to.equal(false);
      await waitFor(() => !(gusId in element.getStats()), 'no figures for Gus');
    }
    // Gus's two connections to Janus closed; the others keep theirs, and each other's video through it.
    await waitFor(() => open().length === 4, 'Gus’s connections closed');
    // Janus no longer forwards his media: each of the two left receives the other's audio and video, no more.
    const receiving = () =>
      open()
        .flatMap((pc) => pc.getTransceivers())
        .filter((transceiver) => transceiver.currentDirection === 'recvonly').length;
    await waitFor(() => receiving() === 4, 'Gus’s streams gone from the receiving connections');
    await everyoneSeesEveryone([host, gil]);
    expect([host.mode, gil.mode]).to.deep.equal(['sfu', 'sfu']);
    expect([host.state, gil.state]).to.deep.equal(['joined', 'joined']);

    // Coming back is refused, and nobody sees him.
    const refusal = nextEvent<{ code: string }>(gus, 'vc-error');
    void gus.join();
    expect((await refusal).code).to.equal('removed');
    expect(gus.state).to.equal('error');
    expect([remoteTiles(host).length, remoteTiles(gil).length]).to.deep.equal([1, 1]);
  });

  it('asks one guest, then everyone else, to mute: their microphones go off, as everyone sees', async () => {
    const [host, gil, gus] = await sfuRoom();
    const everyone = [host, gil, gus];
    await waitFor(() => everyone.every(microphone), 'every microphone on');
    const heardByGus = nextEvent(gus, 'vc-mute-requested');
    const heardByGil = nextEvent(gil, 'vc-mute-requested');
    await host.requestMute(idOf(gil));

    expect(await heardByGil).to.deep.equal({ by: idOf(host), id: idOf(gil) });
    expect(await heardByGus).to.deep.equal({ by: idOf(host), id: idOf(gil) });
    await waitFor(() => !microphone(gil), 'Gil muted');
    expect(gil.localStream!.getAudioTracks().some((track) => track.enabled && track.readyState === 'live')).to.equal(
      false,
    );
    expect([microphone(host), microphone(gus)]).to.deep.equal([true, true]);
    // The others see it through the relay, which carries the room's state on the SFU.
    for (const element of [host, gus]) {
      await waitFor(() => element.participants.find((p) => p.id === idOf(gil))?.audio === false, 'Gil seen muted');
    }

    await host.requestMute();
    await waitFor(() => !microphone(gus), 'Gus muted');
    for (const element of [host, gil]) {
      await waitFor(() => element.participants.find((p) => p.id === idOf(gus))?.audio === false, 'Gus seen muted');
    }
    expect(microphone(host)).to.equal(true);
    expect(gus.participants.find((p) => p.id === idOf(host))!.audio).to.equal(true);
  });

  it('ends the call for everyone: every element, one knocking too, ends in `ended`; every connection closes', async () => {
    const everyone = await sfuRoom();
    const [host] = everyone;
    const invitation = host.hostShareUrl;
    expect(invitation).to.include('host=');
    // Someone knocking is dismissed too.
    await host.setLobby(true);
    const knock = nextEvent(host, 'vc-knock');
    const knocker = widget(container, server, room, 'Kim');
    await knock;
    const ended = everyone.map((element) => nextEvent(element, 'vc-room-ended'));
    let errors = 0;
    for (const element of [...everyone, knocker]) element.addEventListener('vc-error', () => errors++);
    await host.endForAll();

    await Promise.all(ended);
    await waitFor(() => [...everyone, knocker].every((element) => element.state === 'ended'), 'everyone ended');
    for (const element of [...everyone, knocker]) {
      expect(element.localStream).to.equal(null);
      expect(remoteTiles(element)).to.have.length(0);
    }
    await waitFor(() => open().length === 0, 'every connection closed');
    expect(errors).to.equal(0);

    // The room is gone, its Janus room with it: under the same name, the next join makes a new room (with a
    // new host key), which moves onto the SFU again at three.
    for (const element of [...everyone, knocker]) element.remove();
    const next = await sfuRoom();
    expect(next[0].hostShareUrl).to.include('host=');
    expect(next[0].hostShareUrl).not.to.equal(invitation);
  });
});
