// Chooses the grid for N tiles: the number of columns and rows that makes each tile, kept at the video's
// aspect ratio, as large as possible inside the container.

export interface GridLayout {
  columns: number;
  rows: number;
}

const VIDEO_ASPECT = 16 / 9;

export function gridLayout(count: number, width: number, height: number): GridLayout {
  // Before the container has a size, assume a 16:9 one.
  if (width <= 0 || height <= 0) [width, height] = [VIDEO_ASPECT, 1];
  let best = { columns: 1, rows: 1, size: 0, empty: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    // The width of a tile at the video's aspect ratio, whichever of the cell's sides limits it.
    const size = Math.min(width / columns, (height / rows) * VIDEO_ASPECT);
    const empty = columns * rows - count;
    // Zero for sizes within floating-point noise of each other.
    const larger = Math.abs(size - best.size) < size * 1e-9 ? 0 : size - best.size;
    // Larger tiles first; on a tie, fewer empty cells, then side by side in a wide container (more columns
    // come later), stacked in a tall one.
    if (larger > 0 || (!larger && (empty < best.empty || (empty === best.empty && width >= height)))) {
      best = { columns, rows, size, empty };
    }
  }
  return { columns: best.columns, rows: best.rows };
}
