// Who is speaking, and where tiles go: Chromium's fake microphone beeps, so the one participant left unmuted
// is detected as the active speaker and outlined; pinning a tile puts it in the spotlight.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import { callOf, nextEvent, remoteTiles, tiles, waitFor } from '../support/browser.ts';

describe('active speaker and layout', () => {
  it('marks the one unmuted participant as speaking and active speaker', async () => {
    const {
      elements: [ada, brian],
    } = await callOf(['Ada', 'Brian']);
    const [adaId, brianId] = [ada!.participants[0]!.id, brian!.participants[0]!.id];
    // Whoever was the active speaker while the call was set up (however slowly, on a busy machine), it is Ada
    // (her own microphone) once she alone is unmuted: from there, only an event can make it Brian.
    await brian!.toggleMicrophone(false);
    await waitFor(() => ada!.activeSpeaker === adaId, 'Ada alone speaking');
    const active = nextEvent<{ id: string | null }>(ada!, 'vc-active-speaker', 30_000, ({ id }) => id !== adaId);
    await brian!.toggleMicrophone(true);
    await ada!.toggleMicrophone(false);
    expect((await active).id).to.equal(brianId);
    await waitFor(() => remoteTiles(ada!)[0]!.speaking, "Brian's tile outlined at Ada");
    expect(ada!.activeSpeaker).to.equal(brianId);
    expect(tiles(ada!)[0]!.speaking).to.equal(false);
  });

  it('hears your own microphone where the stats lack its level, as in Firefox', async () => {
    // Firefox reports no audioLevel in its media-source stats: take it out of Chromium's the same way.
    const getStats = RTCPeerConnection.prototype.getStats;
    RTCPeerConnection.prototype.getStats = async function (this: RTCPeerConnection, ...args: [MediaStreamTrack?]) {
      const reports = new Map<string, RTCStats & { audioLevel?: number }>();
      (await getStats.apply(this, args)).forEach((report: RTCStats & { audioLevel?: number }) =>
        reports.set(report.id, report.type === 'media-source' ? { ...report, audioLevel: undefined } : report),
      );
      return reports as unknown as RTCStatsReport;
    };
    try {
      const {
        elements: [ada, brian],
      } = await callOf(['Ada', 'Brian']);
      const adaId = ada!.participants[0]!.id;
      await brian!.toggleMicrophone(false);
      await waitFor(() => ada!.activeSpeaker === adaId, 'Ada the active speaker at her own end');
      await waitFor(() => tiles(ada!)[0]!.speaking, 'her own tile outlined');
      await ada!.toggleMicrophone(false);
      await waitFor(() => !ada!.participants[0]!.speaking, 'muted, Ada no longer speaking');
    } finally {
      RTCPeerConnection.prototype.getStats = getStats;
    }
  });

  it('pins a tile into the spotlight and back; the layout attribute switches too', async () => {
    const {
      elements: [ada],
    } = await callOf(['Ada', 'Brian', 'Chen']);
    const stage = () => ada!.shadowRoot!.querySelector('.stage')!;
    expect(stage().classList.contains('grid')).to.equal(true);

    const changed = nextEvent<{ layout: string; pinned: string | null }>(ada!, 'vc-layout-change');
    const chenTile = remoteTiles(ada!).find((tile) => tile.name.startsWith('Chen'))!;
    chenTile.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label^="Pin"]')!.click();
    expect((await changed).pinned).to.equal(chenTile.peerId);
    await ada!.updateComplete;
    expect(stage().classList.contains('spotlight')).to.equal(true);
    expect(stage().getAttribute('part')).to.equal('stage spotlight');
    expect(chenTile.classList.contains('main')).to.equal(true);
    expect(chenTile.pinned).to.equal(true);

    // What the page itself sets fires no event (it knows already); what the person does, does.
    const fired: unknown[] = [];
    ada!.addEventListener('vc-layout-change', ({ detail }) => fired.push(detail));
    ada!.pin(null);
    await ada!.updateComplete;
    expect(stage().classList.contains('grid')).to.equal(true);
    ada!.layout = 'spotlight';
    await ada!.updateComplete;
    expect(stage().classList.contains('spotlight')).to.equal(true);
    expect(tiles(ada!).filter((tile) => tile.classList.contains('main'))).to.have.length(1);
    expect(fired).to.deep.equal([]);
    ada!.shadowRoot!.querySelector<HTMLButtonElement>('[part~=layout-control]')!.click();
    await ada!.updateComplete;
    expect(ada!.layout).to.equal('grid');
    expect(fired).to.deep.equal([{ layout: 'grid', pinned: null }]);
  });
});
