// Pictures for the background tests: a camera with detail to blur (a checkerboard), a plain image, a <video>
// playing a track, and what a video shows reduced to numbers (a 160 × 90 snapshot, its difference from another,
// how much of it is near a colour).
import { waitFor } from './browser.ts';

export type Colour = [number, number, number];

export const RED: Colour = [224, 48, 32];

/**
 * A camera showing a static checkerboard of 8-pixel squares, redrawn 30 times a second (the fake camera is mostly
 * flat green, which blurs into itself); `stop` ends it.
 */
export function checkerboardCamera(): { track: MediaStreamTrack; stop(): void } {
  const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 360 });
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
  return {
    track,
    stop: () => {
      clearInterval(timer);
      track.stop();
    },
  };
}

/** A 64 × 64 image of one colour, as a data: URL. */
export function solidImage([red, green, blue]: Colour): string {
  const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 64 });
  const context = canvas.getContext('2d')!;
  context.fillStyle = `rgb(${red} ${green} ${blue})`;
  context.fillRect(0, 0, 64, 64);
  return canvas.toDataURL('image/png');
}

/** A playing, muted <video> of `track` in the page, once it shows a frame (remove it when done). */
export async function play(track: MediaStreamTrack): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  await video.play();
  await waitFor(() => video.videoWidth > 0, 'a first frame');
  return video;
}

export const SNAPSHOT_WIDTH = 160;
export const SNAPSHOT_HEIGHT = 90;

/** The picture `video` shows now, at 160 × 90. */
export function snapshot(video: HTMLVideoElement): Uint8ClampedArray {
  const canvas = Object.assign(document.createElement('canvas'), { width: SNAPSHOT_WIDTH, height: SNAPSHOT_HEIGHT });
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, SNAPSHOT_WIDTH, SNAPSHOT_HEIGHT);
  return context.getImageData(0, 0, SNAPSHOT_WIDTH, SNAPSHOT_HEIGHT).data;
}

/** Mean absolute difference of two snapshots' colour channels, 0 to 255. */
export function difference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 4) {
    sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
  }
  return sum / ((a.length / 4) * 3);
}

/** The share of pixels within `tolerance` of `colour` on every channel. */
export function shareNear(pixels: Uint8ClampedArray, colour: Colour, tolerance = 40): number {
  let near = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (colour.every((value, channel) => Math.abs(pixels[i + channel]! - value) <= tolerance)) near++;
  }
  return near / (pixels.length / 4);
}
