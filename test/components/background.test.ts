// The background in a call (Chromium): an image or a blur replaces what the camera sends, on the connections in
// place (replaceTrack, no new RTCPeerConnection); none sends the camera as it is again; a broken image is refused
// with effect-failed and what was sent stays. The settings panel and the pre-join screen offer it.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import {
  callOf,
  nextEvent,
  recordPeerConnections,
  relayCommand,
  remoteTiles,
  uniqueRoom,
  videoOf,
  waitFor,
  waitForDecodedVideo,
} from '../support/browser.ts';
import { checkerboardCamera, difference, play, RED, shareNear, snapshot, solidImage } from '../support/pixels.ts';
import { inPrejoin } from '../support/prejoin.ts';

const cameraOf = (element: VideoConference) => element.localStream!.getVideoTracks()[0]!;
const codeOf = (refusal: Promise<void>) =>
  refusal.then(
    () => 'applied',
    (error: { code: string }) => error.code,
  );

describe('background', () => {
  const connections = recordPeerConnections();
  const restore: Array<() => void> = [];
  afterEach(() => restore.splice(0).forEach((undo) => undo()));

  it('an image or a blur replaces what the others receive, on the same connections; none restores the camera', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada, brian] = elements as [VideoConference, VideoConference];
    const opened = connections.length;
    const raw = cameraOf(ada);
    const atBrian = videoOf(remoteTiles(brian)[0]!);
    expect(shareNear(snapshot(atBrian), RED, 48), 'the camera is not red').to.be.below(0.1);

    const changed = nextEvent<{ background: string }>(ada, 'vc-background-change');
    const image = solidImage(RED);
    await ada.setBackground(image);
    expect((await changed).background).to.equal(image);
    expect(ada.background).to.equal(image);
    const processed = cameraOf(ada);
    expect(processed === raw, 'a processed track').to.equal(false);
    expect(raw.readyState, 'the camera stays open under it').to.equal('live');
    // (Booleans asserted, not tracks: a failure's message would otherwise hold the canvas and its whole page.)
    const sending = (track: MediaStreamTrack) =>
      connections.some((pc) => pc.getSenders().some((sender) => sender.track === track));
    await waitFor(() => sending(processed) && !sending(raw), 'the processed track sent instead (replaceTrack)');
    // No person in the fake camera's picture: all of it is background, all of it red at Brian's.
    await waitFor(() => shareNear(snapshot(atBrian), RED, 48) > 0.6, 'the image at Brian');
    await waitForDecodedVideo(remoteTiles(brian)[0]!);

    // Blur instead: the same processed track, the camera's colours back.
    await ada.setBackground('blur');
    expect(cameraOf(ada) === processed, 'the same processed track').to.equal(true);
    await waitFor(() => shareNear(snapshot(atBrian), RED, 48) < 0.1, 'the blurred camera at Brian');

    await ada.setBackground('none');
    expect(cameraOf(ada) === raw, 'the camera itself again').to.equal(true);
    expect(processed.readyState).to.equal('ended');
    await waitFor(() => sending(raw), 'the camera sent again');
    await waitForDecodedVideo(remoteTiles(brian)[0]!);
    expect(connections.length, 'no new RTCPeerConnection').to.equal(opened);
  });

  it('blurs the camera’s detail: a checkerboard camera sent through it turns grey', async () => {
    // The fake camera is mostly flat green, which blurs into itself: this camera has detail to wash out.
    const devices = navigator.mediaDevices;
    const getUserMedia = devices.getUserMedia.bind(devices);
    const cameras: Array<{ stop(): void }> = [];
    devices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia({ ...constraints, video: false });
      if (!constraints?.video) return stream;
      const camera = checkerboardCamera();
      cameras.push(camera);
      stream.addTrack(camera.track);
      return stream;
    };
    restore.push(() => {
      devices.getUserMedia = getUserMedia;
      for (const camera of cameras) camera.stop();
    });

    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada] = elements as [VideoConference, VideoConference];
    const raw = cameraOf(ada);
    await ada.setBackground('blur');
    const [rawVideo, sentVideo] = await Promise.all([play(raw), play(cameraOf(ada))]);
    restore.push(() => [rawVideo, sentVideo].forEach((video) => video.remove()));
    await waitFor(() => {
      const before = snapshot(rawVideo);
      const sent = snapshot(sentVideo);
      const noise = difference(before, snapshot(rawVideo));
      return difference(before, sent) > 10 * noise + 30;
    }, 'the checkerboard washed out in what Ada sends');
  });

  it('a broken image is refused with effect-failed: what was sent stays, the page and the person are told', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada] = elements as [VideoConference, VideoConference];
    await ada.setBackground('blur');
    const processed = cameraOf(ada);
    const error = nextEvent<{ code: string }>(ada, 'vc-error');
    expect(await codeOf(ada.setBackground('/no-such-image.png'))).to.equal('effect-failed');
    expect((await error).code).to.equal('effect-failed');
    expect(ada.background).to.equal('blur');
    expect(cameraOf(ada) === processed, 'the blur still sent').to.equal(true);
    expect(processed.readyState).to.equal('live');
    await waitFor(() => ada.shadowRoot!.querySelector('[part=notice]'), 'the notice');
  });

  it('the settings panel and the pre-join screen offer it, with noise suppression and music mode', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada] = elements as [VideoConference, VideoConference];
    ada.shadowRoot!.querySelector<HTMLButtonElement>('[part~=more-control]')!.click();
    await ada.updateComplete;
    ada.shadowRoot!.querySelector<HTMLButtonElement>('[part~=settings-control]')!.click();
    const panel = await waitFor(() => ada.shadowRoot!.querySelector('video-conference-settings'), 'the settings');
    await panel.updateComplete;
    const select = panel.shadowRoot!.querySelector<HTMLSelectElement>('[part=background-select]')!;
    expect([...select.options].map((option) => option.value)).to.deep.equal(['none', 'blur', 'choose-image']);
    select.value = 'blur';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => ada.background === 'blur' && cameraOf(ada).label !== '', 'blur from the panel');
    await nextEvent(ada, 'vc-background-change');

    const music = panel.shadowRoot!.querySelector<HTMLInputElement>('[part=music-mode]')!;
    const microphone = ada.localStream!.getAudioTracks()[0]!;
    expect(microphone.getSettings().echoCancellation).to.equal(true);
    music.click();
    await nextEvent(ada, 'vc-audio-mode-change');
    expect(ada.musicMode).to.equal(true);
    await waitFor(() => ada.localStream!.getAudioTracks()[0] !== microphone, 'the microphone opened again');
    const settings = ada.localStream!.getAudioTracks()[0]!.getSettings();
    expect([settings.echoCancellation, settings.noiseSuppression, settings.autoGainControl]).to.deep.equal([
      false,
      false,
      false,
    ]);
    expect(panel.shadowRoot!.querySelector('[part=noise-suppression]'), 'offered here').to.not.equal(null);

    const server = await relayCommand('relay-url');
    const guest = await fixture<VideoConference>(
      html`<video-conference server=${server} room=${uniqueRoom()} prejoin></video-conference>`,
    );
    const pickers = await waitFor(() => inPrejoin(guest, 'video-conference-settings'), 'the pre-join pickers');
    await waitFor(() => pickers.shadowRoot?.querySelector('[part=background-select]'), 'the background there');
  });
});
