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
import { inPrejoin } from '../support/prejoin.ts';

const RED: [number, number, number] = [224, 48, 32];

/** A 64 × 64 image of one colour, as a data: URL. */
function solidImage([red, green, blue]: [number, number, number]): string {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  const context = canvas.getContext('2d')!;
  context.fillStyle = `rgb(${red} ${green} ${blue})`;
  context.fillRect(0, 0, 64, 64);
  return canvas.toDataURL('image/png');
}

/** The picture `video` shows now, at 160 × 90. */
function snapshot(video: HTMLVideoElement): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 90;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, 160, 90);
  return context.getImageData(0, 0, 160, 90).data;
}

/** The share of pixels within 48 of `colour` on every channel. */
function shareNear(pixels: Uint8ClampedArray, colour: [number, number, number]): number {
  let near = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (colour.every((value, channel) => Math.abs(pixels[i + channel]! - value) <= 48)) near++;
  }
  return near / (pixels.length / 4);
}

/** Mean absolute difference of two snapshots' colour channels, 0 to 255. */
function difference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 4) {
    for (let channel = 0; channel < 3; channel++) sum += Math.abs(a[i + channel]! - b[i + channel]!);
  }
  return sum / ((a.length / 4) * 3);
}

/** A playing, muted <video> of `track`, once it shows a frame. */
async function play(track: MediaStreamTrack): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  await video.play();
  await waitFor(() => video.videoWidth > 0, 'a first frame');
  return video;
}

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
    expect(shareNear(snapshot(atBrian), RED), 'the camera is not red').to.be.below(0.1);

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
    await waitFor(() => shareNear(snapshot(atBrian), RED) > 0.6, 'the image at Brian');
    await waitForDecodedVideo(remoteTiles(brian)[0]!);

    // Blur instead: the same processed track, the camera's colours back.
    await ada.setBackground('blur');
    expect(cameraOf(ada) === processed, 'the same processed track').to.equal(true);
    await waitFor(() => shareNear(snapshot(atBrian), RED) < 0.1, 'the blurred camera at Brian');

    await ada.setBackground('none');
    expect(cameraOf(ada) === raw, 'the camera itself again').to.equal(true);
    expect(processed.readyState).to.equal('ended');
    await waitFor(() => sending(raw), 'the camera sent again');
    await waitForDecodedVideo(remoteTiles(brian)[0]!);
    expect(connections.length, 'no new RTCPeerConnection').to.equal(opened);
  });

  it('blurs the camera’s detail: a checkerboard camera sent through it turns grey', async () => {
    // The fake camera is mostly flat green, which blurs into itself: this camera has detail to wash out.
    const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 360 });
    const draw = () => {
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, 640, 360);
      context.fillStyle = '#000';
      for (let y = 0; y < 360; y += 8) for (let x = (y / 8) % 2 ? 8 : 0; x < 640; x += 16) context.fillRect(x, y, 8, 8);
    };
    draw();
    const timer = setInterval(draw, 33);
    const devices = navigator.mediaDevices;
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia({ ...constraints, video: false });
      if (constraints?.video) stream.addTrack(canvas.captureStream().getVideoTracks()[0]!);
      return stream;
    };
    restore.push(() => {
      devices.getUserMedia = getUserMedia;
      clearInterval(timer);
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
