// The stage's <video-player> elements: one per tile key, in the tiles' order. An element is kept across
// renders and moved only when its place changes, so its video plays on: lit's repeat() in a few lines.
import type { VideoPlayer } from '../video-player/video-player.ts';

/** What one tile shows: attributes as a template binds them (strings set, booleans toggled), and properties. */
export interface TileView {
  /** Its `peer-id`. */
  key: string;
  attributes: Record<string, string | boolean>;
  properties: Partial<VideoPlayer>;
}

/** Makes `stage`'s children the tiles `views` describe, in that order. */
export function placeTiles(stage: Element, views: TileView[]): void {
  const kept = new Map<string, Element>();
  const keys = new Set(views.map((view) => view.key));
  for (const tile of [...stage.children]) {
    const key = tile.getAttribute('peer-id')!;
    if (keys.has(key)) kept.set(key, tile);
    else tile.remove();
  }
  let next = stage.firstElementChild;
  for (const { key, attributes, properties } of views) {
    let tile = kept.get(key);
    if (!tile) {
      tile = document.createElement('video-player');
      tile.setAttribute('peer-id', key);
      tile.setAttribute('part', 'tile');
      tile.setAttribute(
        'exportparts',
        'video, label, avatar, badge, hand, tile-actions, quality, info, safety-code, host-badge',
      );
    }
    for (const [name, value] of Object.entries(attributes)) {
      if (typeof value === 'boolean') tile.toggleAttribute(name, value);
      else tile.setAttribute(name, value);
    }
    Object.assign(tile, properties);
    if (tile === next) next = tile.nextElementSibling;
    else stage.insertBefore(tile, next);
  }
}
