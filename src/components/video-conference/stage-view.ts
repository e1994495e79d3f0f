// The call's tiles: a <video-player> for each camera and each screen share, laid out as a grid or as a
// spotlight (stage.ts decides which, grid-layout.ts how many columns and rows). Pure rendering: what the
// call shows in; the stage's template, its layout's CSS custom properties and its tiles (stage-tiles.ts) out.
import { css, html, type TemplateResult } from 'lit';
import type { Participant, ParticipantStats } from '../../rtc/index.ts';
import type { Layout } from '../events.ts';
import { format, type Strings } from '../i18n/strings.ts';
import { gridLayout } from './grid-layout.ts';
import { effectiveLayout, spotlightKey, tilesOf, type Tile } from './stage.ts';
import type { TileView } from './stage-tiles.ts';

export { placeTiles } from './stage-tiles.ts';

/** The stage's styles, adopted by the element with this chunk. */
export const styles = css`
  /* Tiles keep the video's 16:9 (a cell of another shape would crop people), sized in units of the stage's
     own size (cqw, cqh). */
  .stage {
    position: relative;
    flex: 1;
    min-width: 0;
    box-sizing: border-box;
    display: grid;
    place-items: center;
    gap: var(--_gap);
    padding: var(--_gap);
    container-type: size;
  }
  .stage > * {
    aspect-ratio: 16 / 9;
  }
  /* The grid: rows of --columns tiles, each as large as --rows rows allow, the last row centred. Each tile
     is a gap narrower than its share of the width (and of the height), so that rounding never wraps a row. */
  .stage.grid {
    display: flex;
    flex-wrap: wrap;
    place-content: center;
  }
  .stage.grid > * {
    width: min(100cqw / var(--columns) - var(--_gap), (100cqh / var(--rows) - var(--_gap)) * 16 / 9);
  }
  /* The spotlight: one large tile over a strip of the others. */
  .stage.spotlight {
    grid-template-columns: repeat(var(--strip, 1), minmax(0, 1fr));
    grid-template-rows: minmax(0, 1fr) minmax(3.5rem, 22%);
  }
  .stage.spotlight > * {
    width: min(100%, max(3.5rem, 22cqh) * 16 / 9);
  }
  .stage.spotlight > .main {
    order: -1;
    grid-column: 1 / -1;
    width: min(100%, (100cqh - max(3.5rem, 22cqh) - var(--_gap)) * 16 / 9);
  }
  /* Your own camera in a call of two: small, in a corner, over the other person's. */
  .stage > .pip {
    position: absolute;
    right: 1rem;
    bottom: 1rem;
    z-index: 1;
    width: clamp(7rem, 25%, 14rem);
  }
`;

interface StageModel {
  participants: Participant[];
  layout: Layout;
  /** The pinned tile's key, or null. */
  pinned: string | null;
  activeSpeaker: string | null;
  /** The stage's size in CSS pixels. */
  width: number;
  height: number;
  /** Live figures by participant id, for the tiles' quality bars and info panels. */
  stats: Record<string, ParticipantStats>;
  /** The speaker the tiles play through ('' for the default). */
  sinkId: string;
}

/** What the stage shows: the element's call. */
export interface StageSource {
  readonly participants: Participant[];
  readonly layout: Layout;
  readonly activeSpeaker: string | null;
  getStats(): Record<string, ParticipantStats>;
}

/** The stage's own state (its controller, stage-controller.ts), and its listeners for what the tiles report. */
export interface StageState {
  readonly pinned: string | null;
  readonly call: { readonly sinkId: string };
  onPin(event: CustomEvent<{ peerId: string }>): void;
  onSoundBlocked(): void;
  onView(event: CustomEvent<{ peerId: string; width: number; height: number; visible: boolean }>): void;
  /** The presenter pressed stop on the tile standing in for their own screen. */
  onStop(): void;
}

export interface RenderedStage {
  template: TemplateResult;
  /** Custom properties to set on the `.stage` element (through the CSSOM, which a strict CSP allows). */
  layout: Record<string, string>;
  /** Its tiles, in order, for placeTiles() once the template is rendered. */
  tiles: TileView[];
}

/** The stage of `source`'s call, `size` CSS pixels large. */
export function renderStage(
  source: StageSource,
  stage: StageState,
  { width, height }: { width: number; height: number },
  t: Strings,
): RenderedStage {
  const model: StageModel = {
    participants: source.participants,
    layout: source.layout,
    pinned: stage.pinned,
    activeSpeaker: source.activeSpeaker,
    width,
    height,
    stats: source.getStats(),
    sinkId: stage.call.sinkId,
  };
  const tiles = tilesOf(model.participants);
  const pinned = tiles.some((tile) => tile.key === model.pinned) ? model.pinned : null;
  const spotlight = effectiveLayout(model.layout, tiles, pinned) === 'spotlight';
  const main = spotlight ? spotlightKey(tiles, pinned, model.activeSpeaker) : null;
  // In a call of two, your own camera floats small in a corner (picture in picture) over the other person's.
  const pip = !spotlight && tiles.length === 2 ? tiles.find((tile) => tile.participant.local)?.key : null;
  const { columns, rows } = gridLayout(pip ? 1 : tiles.length, model.width, model.height);
  const layout: Record<string, string> = spotlight
    ? { '--strip': String(Math.max(1, tiles.length - 1)) }
    : { '--columns': String(columns), '--rows': String(rows) };
  const template = html`
    <div
      class="stage ${spotlight ? 'spotlight' : 'grid'}"
      part="stage ${spotlight ? 'spotlight' : 'grid'}"
      @video-player-pin=${stage.onPin}
      @video-player-sound-blocked=${stage.onSoundBlocked}
      @video-player-view=${stage.onView}
      @video-player-stop=${stage.onStop}
    ></div>
  `;
  return {
    template,
    layout,
    tiles: tiles.map((tile) =>
      viewOf(tile, model, tile.key === main ? 'main' : tile.key === pip ? 'pip' : '', tile.key === pinned, t),
    ),
  };
}

function viewOf(
  { key, participant, screen, stream }: Tile,
  model: StageModel,
  /** `main` for the spotlight's large tile, `pip` for the floating self-view. */
  place: string,
  pinned: boolean,
  t: Strings,
): TileView {
  const { local, connectionState } = participant;
  const label = labelOf(participant, screen, t);
  const badge = participant.reconnecting
    ? t.reconnecting
    : !local && connectionState !== undefined && connectionState !== 'connected'
      ? t.connecting
      : '';
  const stats = local || screen ? null : (model.stats[participant.id] ?? null);
  // Your own screen share is not played back to you: shown inside the screen it shares, it repeats without
  // end, and you have the screen in front of you anyway. Its tile (the large one, unless someone else shares
  // too) says that you are presenting instead, with the button to stop.
  const presenting = local && screen;
  return {
    key,
    attributes: {
      class: place,
      name: label,
      badge,
      quality: screen ? '' : (participant.quality ?? ''),
      muted: local || screen,
      mirrored: local && !screen,
      screen,
      'mic-off': !screen && !participant.audio,
      'video-off': !screen && !participant.video,
      hand: !screen && participant.hand,
      verified: !screen && participant.verified,
      host: !screen && participant.role === 'host',
      speaking: !screen && participant.speaking,
      pinned,
      presenting,
    },
    properties: { stats, strings: t, stream: presenting ? null : stream, sinkId: model.sinkId },
  };
}

/** A tile's name: yours says "(you)" after your name, and is plain "You" without one (never "You (you)"). */
function labelOf({ local, name }: Participant, screen: boolean, t: Strings): string {
  if (screen) return format(t.screenTile, { name: local ? t.you : name || t.guest });
  if (!local) return name || t.guest;
  return name ? format(t.yourTile, { name }) : t.you;
}
