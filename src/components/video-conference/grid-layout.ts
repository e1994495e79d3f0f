// Chooses the grid for N tiles: the number of columns and rows that makes each tile, kept at the video's
// aspect ratio, as large as possible inside the container.

export interface GridLayout {
  columns: number;
  rows: number;
}

const VIDEO_ASPECT = 16 / 9;

export function gridLayout(count: number, width: number, height: number, tileAspect = VIDEO_ASPECT): GridLayout {
  if (count <= 1) return { columns: 1, rows: 1 };
  // Before the container has a size, assume a 16:9 one.
  if (width <= 0 || height <= 0) [width, height] = [VIDEO_ASPECT, 1];
  const candidates = Array.from({ length: count }, (_, i) => {
    const columns = i + 1;
    const rows = Math.ceil(count / columns);
    const tileWidth = Math.min(width / columns, (height / rows) * tileAspect);
    return { columns, rows, area: tileWidth * (tileWidth / tileAspect), empty: columns * rows - count };
  });
  // Largest tiles first; on a tie, fewer empty cells, then side by side in a wide container, stacked in a tall one.
  const wide = width >= height;
  candidates.sort(
    (a, b) =>
      relativeDifference(b.area, a.area) || a.empty - b.empty || (wide ? b.columns - a.columns : a.columns - b.columns),
  );
  const { columns, rows } = candidates[0]!;
  return { columns, rows };
}

/** Zero for values within floating-point noise of each other. */
function relativeDifference(a: number, b: number): number {
  const difference = (a - b) / Math.max(a, b);
  return Math.abs(difference) < 1e-9 ? 0 : difference;
}
