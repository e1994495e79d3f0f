// Paints one frame of a recording: the call's visible tiles on a 2D canvas, each video fitted to its tile with
// its name below, or the name alone on a dark tile while the video has no picture.
import { tileRects, type GridShape, type TileRect } from './grid-layout.ts';

/** One tile to paint: a participant's `<video>` (or none) and name. */
export interface PaintedTile {
  video: HTMLVideoElement | null;
  name: string;
}

const BACKGROUND = '#111317';
const TILE = '#1f2329';
const LABEL = 'rgb(0 0 0 / 55%)';
const TEXT = '#ffffff';
// Beyond this share of the picture cut off to fill the tile (a portrait phone camera, a screen share), the
// video is shown whole instead, as the call shows screens.
const MAX_CROP = 0.3;

/** Paints `tiles` over the whole of `context`'s canvas, laid out as the call's grid (`shape`). */
export function paintGrid(context: CanvasRenderingContext2D, tiles: readonly PaintedTile[], shape: GridShape): void {
  const { width, height } = context.canvas;
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, width, height);
  const gap = Math.round(height / 90);
  const rects = tileRects(tiles.length, width, height, gap, shape);
  tiles.forEach((tile, index) => paintTile(context, tile, rects[index]!));
}

function paintTile(context: CanvasRenderingContext2D, { video, name }: PaintedTile, rect: TileRect): void {
  context.fillStyle = TILE;
  context.fillRect(rect.x, rect.y, rect.width, rect.height);
  // HAVE_CURRENT_DATA: a frame to draw. A video without one (not started, or its track muted) reports width 0.
  const picture = video && video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0 ? video : null;
  if (picture) paintVideo(context, picture, rect);
  paintName(context, name, rect, !picture);
}

function paintVideo(context: CanvasRenderingContext2D, video: HTMLVideoElement, rect: TileRect): void {
  const scaleToCover = Math.max(rect.width / video.videoWidth, rect.height / video.videoHeight);
  const scaleToContain = Math.min(rect.width / video.videoWidth, rect.height / video.videoHeight);
  // The share of the picture that filling the tile would cut off.
  const cropped = 1 - (rect.width * rect.height) / (video.videoWidth * video.videoHeight * scaleToCover ** 2);
  const scale = cropped > MAX_CROP ? scaleToContain : scaleToCover;
  const width = video.videoWidth * scale;
  const height = video.videoHeight * scale;
  context.save();
  context.beginPath();
  context.rect(rect.x, rect.y, rect.width, rect.height);
  context.clip();
  context.drawImage(video, rect.x + (rect.width - width) / 2, rect.y + (rect.height - height) / 2, width, height);
  context.restore();
}

/** The name on a label at the tile's bottom left, or large in its middle when there is no picture. */
function paintName(context: CanvasRenderingContext2D, name: string, rect: TileRect, alone: boolean): void {
  const size = Math.max(10, Math.round(rect.height / (alone ? 9 : 16)));
  context.font = `600 ${size}px system-ui, sans-serif`;
  context.textBaseline = 'middle';
  const padding = Math.round(size / 2);
  const text = fitText(context, name, rect.width - 4 * padding);
  if (!text) return;
  const textWidth = context.measureText(text).width;
  if (alone) {
    context.fillStyle = TEXT;
    context.textAlign = 'center';
    context.fillText(text, rect.x + rect.width / 2, rect.y + rect.height / 2);
    context.textAlign = 'start';
    return;
  }
  const labelHeight = size + padding;
  const x = rect.x + padding;
  const y = rect.y + rect.height - padding - labelHeight;
  context.fillStyle = LABEL;
  context.fillRect(x, y, textWidth + 2 * padding, labelHeight);
  context.fillStyle = TEXT;
  context.fillText(text, x + padding, y + labelHeight / 2);
}

/** `text`, cut short with an ellipsis if it is wider than `width`. */
function fitText(context: CanvasRenderingContext2D, text: string, width: number): string {
  if (context.measureText(text).width <= width) return text;
  const characters = [...text];
  while (characters.length && context.measureText(`${characters.join('')}…`).width > width) characters.pop();
  return characters.length ? `${characters.join('')}…` : '';
}
