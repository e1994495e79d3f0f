// <video-player>: plays the stream it is given, mirrors and mutes on request, labels the tile, shows an
// avatar when the stream has no video, and reports how large it is shown.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/video-player/video-player.ts';
import type { VideoPlayer } from '../../src/components/video-player/video-player.ts';
import { videoOf, waitFor, waitForDecodedVideo } from '../support/browser.ts';

describe('<video-player>', () => {
  let stream: MediaStream;

  beforeEach(async () => {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  });

  afterEach(() => {
    for (const track of stream.getTracks()) track.stop();
  });

  it('plays its stream with the name on the tile', async () => {
    const tile = await fixture<VideoPlayer>(
      html`<video-player peer-id="abc" name="Ada" .stream=${stream}></video-player>`,
    );
    const video = videoOf(tile);
    expect(video.srcObject).to.equal(stream);
    expect(video.hasAttribute('playsinline')).to.equal(true);
    expect(tile.shadowRoot!.querySelector('[part=label]')!.textContent!.trim()).to.equal('Ada');
    expect(tile.shadowRoot!.querySelector('[part=avatar]')).to.equal(null);
    await waitForDecodedVideo(tile);
  });

  it('mutes and mirrors the self-view', async () => {
    const tile = await fixture<VideoPlayer>(
      html`<video-player peer-id="local" muted mirrored .stream=${stream}></video-player>`,
    );
    expect(videoOf(tile).muted).to.equal(true);
    expect(getComputedStyle(videoOf(tile)).transform).to.not.equal('none');
  });

  it('shows an avatar with the initial when there is no video', async () => {
    const audioOnly = new MediaStream(stream.getAudioTracks());
    const tile = await fixture<VideoPlayer>(html`<video-player name="brian" .stream=${audioOnly}></video-player>`);
    expect(tile.shadowRoot!.querySelector('[part=avatar]')!.textContent!.trim()).to.equal('b');
    expect(videoOf(tile).hidden).to.equal(true);
    expect(videoOf(tile).srcObject).to.equal(audioOnly);
  });

  it('follows a new stream', async () => {
    const tile = await fixture<VideoPlayer>(html`<video-player .stream=${stream}></video-player>`);
    const next = new MediaStream(stream.getVideoTracks());
    tile.stream = next;
    await tile.updateComplete;
    expect(videoOf(tile).srcObject).to.equal(next);
  });

  it('reports how large it is shown, in device pixels, and that it is hidden once it has no size', async () => {
    const views: Array<{ peerId: string; width: number; height: number; visible: boolean }> = [];
    const container = await fixture<HTMLDivElement>(html`<div style="width: 320px; height: 180px"></div>`);
    container.addEventListener('video-player-view', (event) => views.push((event as CustomEvent).detail));
    const tile = document.createElement('video-player');
    tile.peerId = 'abc';
    tile.style.cssText = 'display: block; width: 100%; height: 100%';
    container.append(tile);
    await waitFor(() => views.length > 0, 'a first view');
    const dpr = devicePixelRatio;
    expect(views[0]).to.deep.equal({ peerId: 'abc', width: 320 * dpr, height: 180 * dpr, visible: true });
    tile.style.display = 'none';
    await waitFor(() => views.at(-1)!.visible === false, 'hidden');
    expect(views.slice(1).every((view) => view.peerId === 'abc' && !view.visible)).to.equal(true);
  });
});
