// What a tile signals at a glance, on small tiles as on large ones: a raised hand as a badge big enough to
// see and named for screen readers, and the quality bars on a scrim of their own, clear of the name.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/video-player/video-player.ts';
import type { VideoPlayer } from '../../src/components/video-player/video-player.ts';
import { EN } from '../../src/components/i18n/strings.ts';

const LONG_NAME = 'Bartholomew Featherstonehaugh-Worthington';

function part(tile: VideoPlayer, name: string): HTMLElement {
  const found = tile.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

function overlap(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function inside(inner: DOMRect, outer: DOMRect): boolean {
  return (
    inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom
  );
}

/** Whether what shows at the centre of `element` is `element` itself (or its icon), not something over it. */
function onTop(tile: VideoPlayer, element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  const hit = tile.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit !== null && element.contains(hit);
}

describe('tile signals', () => {
  for (const [width, height] of [
    [160, 120],
    [640, 360],
  ] as const) {
    it(`a raised hand is a badge of at least 24 px, named for screen readers, on a ${width}×${height} tile`, async () => {
      const tile = await fixture<VideoPlayer>(
        html`<video-player
          name=${LONG_NAME}
          hand
          badge="connecting…"
          quality="good"
          style="width: ${width}px; height: ${height}px"
        ></video-player>`,
      );
      const hand = part(tile, 'hand');
      const box = hand.getBoundingClientRect();
      expect(box.width).to.be.at.least(24);
      expect(box.height).to.be.at.least(24);
      expect(hand.getAttribute('role')).to.equal('img');
      expect(hand.getAttribute('aria-label')).to.equal(EN.handRaised);
      // Seen over the avatar, within the tile, clear of the other signals.
      expect(onTop(tile, hand)).to.equal(true);
      expect(inside(box, tile.getBoundingClientRect())).to.equal(true);
      for (const other of ['label', 'badge', 'quality']) {
        expect(overlap(box, part(tile, other).getBoundingClientRect()), other).to.equal(false);
      }

      tile.hand = false;
      await tile.updateComplete;
      expect(tile.shadowRoot!.querySelector('[part=hand]')).to.equal(null);
    });

    it(`the quality bars have a backing and stay clear of a long name on a ${width}×${height} tile`, async () => {
      const tile = await fixture<VideoPlayer>(
        html`<video-player
          name=${LONG_NAME}
          quality="fair"
          style="width: ${width}px; height: ${height}px"
        ></video-player>`,
      );
      const quality = part(tile, 'quality');
      const label = part(tile, 'label');
      const [, , , alpha = '1'] = getComputedStyle(quality).backgroundColor.match(/[\d.]+/g)!;
      expect(Number(alpha)).to.be.above(0);
      const bars = quality.getBoundingClientRect();
      expect(bars.height).to.be.at.least(20);
      expect(overlap(bars, label.getBoundingClientRect())).to.equal(false);
      expect(inside(bars, tile.getBoundingClientRect())).to.equal(true);
      expect(inside(label.getBoundingClientRect(), tile.getBoundingClientRect())).to.equal(true);
      expect(onTop(tile, quality)).to.equal(true);
    });
  }

  it('a tile without a rating gives the name the whole width', async () => {
    const tile = await fixture<VideoPlayer>(
      html`<video-player name=${LONG_NAME} style="width: 160px; height: 120px"></video-player>`,
    );
    expect(tile.shadowRoot!.querySelector('[part=quality]')).to.equal(null);
    const rated = await fixture<VideoPlayer>(
      html`<video-player name=${LONG_NAME} quality="good" style="width: 160px; height: 120px"></video-player>`,
    );
    const width = (element: VideoPlayer) => part(element, 'label').getBoundingClientRect().width;
    expect(width(tile)).to.be.above(width(rated));
  });
});
