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
import { checkerboardCamera, difference, play, RED, shareNear, snapshot, solidImage } from '../support/pixels.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function camera(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 } });
  const track = stream.getVideoTracks()[0]!;
  cleanups.push(() => track.stop());
  return track;
}

/** The checkerboard camera, ended after the test. */
function checkerboard(): MediaStreamTrack {
  const camera = checkerboardCamera();
  cleanups.push(camera.stop);
  return camera.track;
}

/** A playing <video> of `track`, removed after the test. */
async function shown(track: MediaStreamTrack): Promise<HTMLVideoElement> {
  const video = await play(track);
  cleanups.push(() => video.remove());
  return video;
}

async function start(raw: MediaStreamTrack, background = 'blur'): Promise<BackgroundEffect> {
  const assets = new URL('effects/background/', await relayCommand('relay-url'));
  const effect = await startBackgroundEffect(raw, background, assets);
  cleanups.push(() => effect.stop());
  return effect;
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
    const raw = checkerboard();
    const effect = await start(raw);
    const [rawVideo, processedVideo] = await Promise.all([shown(raw), shown(effect.track)]);
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
    const video = await shown(effect.track);
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
    await shown(effect.track);
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
    const [rawVideo] = await Promise.all([shown(raw), shown(effect.track)]);
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
    await shown(effect.track);
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
      await shown(effect.track);
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
