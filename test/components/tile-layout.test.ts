// Where the tiles of a real call go, measured as boxes: they keep the video's 16:9 rather than being cut to
// the shape of a cell, a short last row is centred, the spotlight's strip holds 16:9 tiles, and in a call of
// two your own camera floats small in a corner over the other person's.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { callOf, remoteTiles, settled, tiles } from '../support/browser.ts';

describe('tile layout', () => {
  it('centres the odd tile of three in a 2×2 grid, every tile 16:9', async () => {
    const {
      elements: [ada],
    } = await callOf(['Ada', 'Brian', 'Chen']);
    await resize(ada!, 800);
    const stage = stageBox(ada!);
    const boxes = tiles(ada!).map((tile) => tile.getBoundingClientRect());
    expect(boxes).to.have.length(3);
    const [first, second, third] = boxes as [DOMRect, DOMRect, DOMRect];
    // Two side by side, the third under them, centred: no empty cell beside it.
    expect(Math.abs(first.top - second.top)).to.be.below(1);
    expect(third.top).to.be.at.least(first.bottom);
    expect(Math.abs(centre(third) - centre(stage)), 'third tile centred').to.be.below(1);
    expect(Math.abs((first.left + second.right) / 2 - centre(stage)), 'first row centred').to.be.below(1);
    for (const box of boxes) {
      expect(box.width / box.height).to.be.closeTo(16 / 9, 0.02);
      expect(box.width, 'tile width').to.be.at.least(300);
      expect(box.bottom).to.be.at.most(stage.bottom);
    }
  });

  it('in a call of two, floats your own camera small in a corner over the other person', async () => {
    const {
      elements: [ada],
    } = await callOf(['Ada', 'Brian']);
    await resize(ada!, 1000);
    const stage = stageBox(ada!);
    const self = tiles(ada!)
      .find((tile) => tile.peerId === 'local')!
      .getBoundingClientRect();
    const other = remoteTiles(ada!)[0]!.getBoundingClientRect();
    expect(self.width, 'self-view small').to.be.at.most(stage.width / 4);
    expect(self.width, 'self-view still visible').to.be.at.least(100);
    expect(stage.right - self.right, 'at the right edge').to.be.within(0, 24);
    expect(stage.bottom - self.bottom, 'at the bottom edge').to.be.within(0, 24);
    // The other person gets the stage, at 16:9, under the self-view.
    expect(other.width, 'the other person large').to.be.at.least(3 * self.width);
    expect(other.width / other.height).to.be.closeTo(16 / 9, 0.02);
    expect(other.height, 'as tall as the stage allows').to.be.at.least(stage.height - 32);
  });

  it('keeps the spotlight strip tiles 16:9 and the large tile too', async () => {
    const {
      elements: [ada],
    } = await callOf(['Ada', 'Brian']);
    await resize(ada!, 1200);
    ada!.layout = 'spotlight';
    await settled(ada!);
    const stage = stageBox(ada!);
    const main = tiles(ada!).find((tile) => tile.classList.contains('main'))!;
    const strip = tiles(ada!).filter((tile) => tile !== main);
    expect(strip).to.have.length(1);
    const small = strip[0]!.getBoundingClientRect();
    const large = main.getBoundingClientRect();
    expect(small.width / small.height, 'strip tile 16:9').to.be.closeTo(16 / 9, 0.02);
    expect(small.height, 'strip tile height').to.be.at.least(56);
    expect(Math.abs(centre(small) - centre(stage)), 'strip tile centred').to.be.below(1);
    expect(large.width / large.height, 'large tile 16:9').to.be.closeTo(16 / 9, 0.02);
    expect(large.bottom).to.be.at.most(small.top);
    expect(large.width, 'large tile width').to.be.at.least(700);
  });
});

/** Gives the widget `width` CSS pixels (its height follows) and waits until it has rendered for it. */
async function resize(element: VideoConference, width: number): Promise<void> {
  element.parentElement!.style.display = 'block';
  element.style.width = `${width}px`;
  await settled(element);
}

function stageBox(element: VideoConference): DOMRect {
  return element.shadowRoot!.querySelector('.stage')!.getBoundingClientRect();
}

function centre(box: DOMRect): number {
  return (box.left + box.right) / 2;
}
