// <video-player>: plays the stream it is given, mirrors and mutes on request, labels the tile, and shows an
// avatar when the stream has no video.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/video-player/video-player.ts';
import type { VideoPlayer } from '../../src/components/video-player/video-player.ts';
import { videoOf, waitForDecodedVideo } from '../support/browser.ts';

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
});
