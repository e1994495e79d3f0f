// Where each tile of a recording goes: the call's grid (its choice of columns and rows, which the call gives),
// each tile 16:9 and the last row centred, computed for the recording's canvas.

/** A tile's place on the canvas, in pixels. */
export interface TileRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const VIDEO_ASPECT = 16 / 9;

/** How the call lays out `count` tiles in a `width` × `height` area (its grid's choice, given by the call). */
export type GridShape = (count: number, width: number, height: number) => { columns: number; rows: number };

/** The rectangles of `count` tiles in a `width` × `height` canvas, `gap` pixels apart, in the grid's order. */
export function tileRects(count: number, width: number, height: number, gap: number, shape: GridShape): TileRect[] {
  if (count <= 0) return [];
  const { columns, rows } = shape(count, width, height);
  const tileWidth = Math.min(
    (width - gap * (columns + 1)) / columns,
    ((height - gap * (rows + 1)) / rows) * VIDEO_ASPECT,
  );
  const tileHeight = tileWidth / VIDEO_ASPECT;
  const top = (height - rows * tileHeight - (rows - 1) * gap) / 2;
  const rects: TileRect[] = [];
  for (let row = 0; row < rows; row++) {
    const inRow = Math.min(columns, count - row * columns);
    const left = (width - inRow * tileWidth - (inRow - 1) * gap) / 2;
    for (let column = 0; column < inRow; column++) {
      rects.push({
        x: Math.round(left + column * (tileWidth + gap)),
        y: Math.round(top + row * (tileHeight + gap)),
        width: Math.round(tileWidth),
        height: Math.round(tileHeight),
      });
    }
  }
  return rects;
}
