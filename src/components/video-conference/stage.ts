// What the call shows and how: one tile per participant's camera and one per screen share, laid out as a
// grid, or as a spotlight (one large tile and a strip of the others) when asked for, when someone is pinned,
// or when someone shares a screen. Pure: participants in, tiles and layout out.
import type { Participant } from '../../rtc/index.ts';
import type { Layout } from '../events.ts';

export interface Tile {
  /** Stable across renders: `local`, a peer id, or either with `:screen`. */
  key: string;
  participant: Participant;
  screen: boolean;
  stream: MediaStream | null;
}

export function tilesOf(participants: Participant[]): Tile[] {
  return participants.flatMap((participant) => {
    const key = participant.local ? 'local' : participant.id;
    const camera: Tile = { key, participant, screen: false, stream: participant.stream };
    if (!participant.screen) return [camera];
    return [camera, { key: `${key}:screen`, participant, screen: true, stream: participant.screen }];
  });
}

/** The layout in effect: a pin or a screen share needs a spotlight, and one tile needs nothing else. */
export function effectiveLayout(layout: Layout, tiles: Tile[], pinned: string | null): Layout {
  if (tiles.length < 2) return 'grid';
  if (layout === 'spotlight' || tiles.some((tile) => tile.key === pinned || tile.screen)) return 'spotlight';
  return 'grid';
}

/**
 * The spotlight's large tile: the pinned one, else someone else's screen share, else your own, else the
 * active speaker (when it is someone else), else the first other participant.
 */
export function spotlightKey(tiles: Tile[], pinned: string | null, activeSpeaker: string | null): string | null {
  const find = (test: (tile: Tile) => boolean) => tiles.find(test)?.key;
  return (
    find((tile) => tile.key === pinned) ??
    find((tile) => tile.screen && !tile.participant.local) ??
    find((tile) => tile.screen) ??
    find((tile) => !tile.screen && !tile.participant.local && tile.participant.id === activeSpeaker) ??
    find((tile) => !tile.participant.local) ??
    tiles[0]?.key ??
    null
  );
}
