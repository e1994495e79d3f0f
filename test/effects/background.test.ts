// Background blur and replacement in Chromium. No picture here shows a person, so all of it is background: the fake
// camera (a green field with a turning disc: the effect's frames and images), and a camera made of a fine
// checkerboard, whose detail a blur must wash out (the fake camera is mostly flat green, which blurs into itself).
import { expect } from '@open-wc/testing';
import {
  backgroundSupported,
  startBackgroundEffect,
  type BackgroundEffect,
} from '../../src/effects/background/background-effect.ts';
import type { RtcError } from '../../src/rtc/errors.ts';
import { relayCommand, waitFor } from '../support/browser.ts';
import { recordVideoFrames } from '../support/frames.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A camera showing a static checkerboard of 8-pixel squares, redrawn 30 times a second. */
function checkerboardCamera(): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const context = canvas.getContext('2d')!;
  const draw = () => {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#000';
    for (let y = 0; y < canvas.height; y += 8) {
      for (let x = (y / 8) % 2 ? 8 : 0; x < canvas.width; x += 16) context.fillRect(x, y, 8, 8);
    }
  };
  draw();
  const timer = setInterval(draw, 33);
  const track = canvas.captureStream().getVideoTracks()[0]!;
  cleanups.push(() => {
    clearInterval(timer);
    track.stop();
  });
  return track;
}

async function camera(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 } });
  const track = stream.getVideoTracks()[0]!;
  cleanups.push(() => track.stop());
  return track;
}

async function start(raw: MediaStreamTrack, background = 'blur'): Promise<BackgroundEffect> {
  const assets = new URL('effects/background/', await relayCommand('relay-url'));
  const effect = await startBackgroundEffect(raw, background, assets);
  cleanups.push(() => effect.stop());
  return effect;
}

/** A playing <video> of `track`, once it shows a frame. */
async function play(track: MediaStreamTrack): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  cleanups.push(() => video.remove());
  await video.play();
  await waitFor(() => video.videoWidth > 0, 'a first frame');
  return video;
}

const SNAPSHOT_WIDTH = 160;
const SNAPSHOT_HEIGHT = 90;

/** The picture `video` shows now, at 160 × 90. */
function snapshot(video: HTMLVideoElement): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = SNAPSHOT_WIDTH;
  canvas.height = SNAPSHOT_HEIGHT;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, SNAPSHOT_WIDTH, SNAPSHOT_HEIGHT);
  return context.getImageData(0, 0, SNAPSHOT_WIDTH, SNAPSHOT_HEIGHT).data;
}

/** Mean absolute difference of two snapshots' colour channels, 0 to 255. */
function difference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 4) {
    sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
  }
  return sum / ((a.length / 4) * 3);
}

/** The share of pixels within `tolerance` of `colour` on every channel. */
function shareNear(pixels: Uint8ClampedArray, colour: [number, number, number], tolerance = 40): number {
  let near = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (colour.every((value, channel) => Math.abs(pixels[i + channel]! - value) <= tolerance)) near++;
  }
  return near / (pixels.length / 4);
}

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

/** Waits for `count` more frames presented by `video`. */
async function frames(video: HTMLVideoElement, count: number): Promise<void> {
  const recorded = recordVideoFrames(video);
  try {
    await waitFor(() => recorded.times.length >= count, `${count} frames`);
  } finally {
    recorded.stop();
  }
}

describe('background effect', () => {
  it('is supported in Chromium', () => {
    expect(backgroundSupported()).to.equal(true);
  });

  it('blurs the background: the processed track is live, the same size, and washes out detail', async () => {
    const raw = checkerboardCamera();
    const effect = await start(raw);
    const [rawVideo, processedVideo] = await Promise.all([play(raw), play(effect.track)]);
    await frames(processedVideo, 10);
    expect(effect.track.readyState).to.equal('live');
    expect([processedVideo.videoWidth, processedVideo.videoHeight]).to.deep.equal([640, 360]);

    const before = snapshot(rawVideo);
    const processed = snapshot(processedVideo);
    const after = snapshot(rawVideo);
    const noise = difference(before, after);
    // A checkerboard of black and white averages to grey: every pixel moves by about half the range.
    expect(difference(before, processed)).to.be.above(10 * noise + 30);
    await waitFor(() => effect.stats.fps > 0 && effect.stats.segmentationsPerSecond > 0, 'nonzero rates in stats');
  });

  it('shows an image behind the person, keeps it when another fails to load, and keeps running', async () => {
    const raw = await camera();
    const effect = await start(raw);
    const video = await play(effect.track);
    await effect.setBackground(solidImage(RED));
    await waitFor(() => shareNear(snapshot(video), RED) > 0.5, 'most of the picture red');

    const error = await effect.setBackground(`${await relayCommand('relay-url')}no-such-image.png`).then(
      () => null,
      (error: RtcError) => error,
    );
    expect(error?.code).to.equal('effect-failed');
    await frames(video, 5);
    expect(shareNear(snapshot(video), RED)).to.be.above(0.5);
    expect(effect.track.readyState).to.equal('live');

    await effect.setBackground('blur');
    await waitFor(() => shareNear(snapshot(video), RED) < 0.01, 'the red gone with the blur back');
  });

  it('segments every other frame while constrained, and every frame again after', async () => {
    const raw = await camera();
    const effect = await start(raw);
    await play(effect.track);
    await waitFor(() => effect.stats.segmentationsPerSecond > 0.9 * effect.stats.fps, 'a segmentation per frame');
    effect.setConstrained(true);
    expect(effect.stats.constrained).to.equal(true);
    await waitFor(() => {
      const { fps, segmentationsPerSecond } = effect.stats;
      return fps > 0 && segmentationsPerSecond < 0.6 * fps;
    }, 'segmentations at half the frame rate');
    effect.setConstrained(false);
    await waitFor(() => effect.stats.segmentationsPerSecond > 0.9 * effect.stats.fps, 'a segmentation per frame');
  });

  it('stop() ends the processed track, leaves the camera live, and can be called again', async () => {
    const raw = await camera();
    const effect = await start(raw);
    const [rawVideo] = await Promise.all([play(raw), play(effect.track)]);
    effect.stop();
    effect.stop();
    expect(effect.track.readyState).to.equal('ended');
    expect(raw.readyState).to.equal('live');
    await frames(rawVideo, 5);
    await effect.setBackground('blur');
  });

  it('throws nothing into the page when the camera is stopped under it', async () => {
    const raw = await camera();
    const effect = await start(raw);
    await play(effect.track);
    await waitFor(() => effect.stats.fps > 0, 'frames');
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      raw.stop();
      await waitFor(() => effect.stats.fps === 0, 'the frames to stop');
      effect.stop();
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(effect.track.readyState).to.equal('ended');
  });

  it('sends nothing anywhere but to the relay (tasks-vision would post usage reports to Google)', async () => {
    const relay = await relayCommand('relay-url');
    const requested: string[] = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      requested.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    try {
      const effect = await start(await camera());
      await play(effect.track);
      effect.stop();
    } finally {
      window.fetch = fetch;
    }
    expect(requested.filter((url) => !url.startsWith(relay))).to.deep.equal([]);
  });

  it('rejects with effect-failed when the model or the first image cannot load, or the camera has ended', async () => {
    const raw = await camera();
    const relay = await relayCommand('relay-url');
    const missing = new URL('effects/no-such-effect/', relay);
    const noModel = await startBackgroundEffect(raw, 'blur', missing).catch((error: RtcError) => error);
    expect((noModel as RtcError).code).to.equal('effect-failed');
    const noImage = await start(raw, `${relay}no-such-image.png`).catch((error: RtcError) => error);
    expect((noImage as RtcError).code).to.equal('effect-failed');
    raw.stop();
    const ended = await start(raw).catch((error: RtcError) => error);
    expect((ended as RtcError).code).to.equal('effect-failed');
  });
});
