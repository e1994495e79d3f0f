// Loads the image shown behind the person: fetched in CORS mode (WebGL may not read another origin's pixels
// otherwise) and drawn once into a canvas no larger than a video frame needs.
import type { BackgroundImage } from './compositor.ts';

/** The longest side kept: enough for a 1080p frame's background, and bounded GPU memory whatever the page gives. */
const MAX_SIDE = 1920;

/** Loads and decodes `url`; rejects when it cannot be loaded, decoded or read. */
export async function loadBackgroundImage(url: string): Promise<BackgroundImage> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = url;
  await image.decode();
  const { naturalWidth, naturalHeight } = image;
  if (!naturalWidth || !naturalHeight) throw new Error('the image has no size');
  const scale = Math.min(1, MAX_SIDE / Math.max(naturalWidth, naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(naturalHeight * scale));
  canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}
