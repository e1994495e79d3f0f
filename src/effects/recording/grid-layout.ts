// Where each tile of a recording goes: the call's grid (as many columns and rows as make each 16:9 tile as
// large as possible, the last row centred), computed for the recording's canvas.

/** A tile's place on the canvas, in pixels. */
export interface TileRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const VIDEO_ASPECT = 16 / 9;

/**
 * The columns and rows for `count` tiles in a `width` × `height` area: the same choice as the call's grid
 * (src/components/video-conference/grid-layout.ts, which effects may not import): larger tiles first, then
 * fewer empty cells, then side by side in a wide area.
 */
export function gridShape(count: number, width: number, height: number): { columns: number; rows: number } {
  let best = { columns: 1, rows: 1, size: 0, empty: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const size = Math.min(width / columns, (height / rows) * VIDEO_ASPECT);
    const empty = columns * rows - count;
    const larger = Math.abs(size - best.size) < size * 1e-9 ? 0 : size - best.size;
    if (larger > 0 || (!larger && (empty < best.empty || (empty === best.empty && width >= height)))) {
      best = { columns, rows, size, empty };
    }
  }
  return { columns: best.columns, rows: best.rows };
}

/** The rectangles of `count` tiles in a `width` × `height` canvas, `gap` pixels apart, in the grid's order. */
export function tileRects(count: number, width: number, height: number, gap: number): TileRect[] {
  if (count <= 0) return [];
  const { columns, rows } = gridShape(count, width, height);
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
