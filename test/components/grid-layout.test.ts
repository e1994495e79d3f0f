// gridLayout: the columns and rows that make N tiles as large as possible in a container.
import { expect } from '@open-wc/testing';
import { gridLayout } from '../../src/components/video-conference/grid-layout.ts';

describe('gridLayout', () => {
  it('uses one cell for zero or one tile', () => {
    expect(gridLayout(0, 800, 450)).to.deep.equal({ columns: 1, rows: 1 });
    expect(gridLayout(1, 800, 450)).to.deep.equal({ columns: 1, rows: 1 });
  });

  it('puts two tiles side by side in a wide container and stacks them in a tall one', () => {
    expect(gridLayout(2, 800, 450)).to.deep.equal({ columns: 2, rows: 1 });
    expect(gridLayout(2, 360, 640)).to.deep.equal({ columns: 1, rows: 2 });
  });

  it('makes a 2×2 grid for four tiles in a 16:9 container and a 3×2 one for six', () => {
    expect(gridLayout(4, 1280, 720)).to.deep.equal({ columns: 2, rows: 2 });
    expect(gridLayout(6, 1280, 720)).to.deep.equal({ columns: 3, rows: 2 });
  });

  it('uses a single row in a very wide strip and a single column in a narrow phone', () => {
    expect(gridLayout(3, 1600, 200)).to.deep.equal({ columns: 3, rows: 1 });
    expect(gridLayout(3, 320, 900)).to.deep.equal({ columns: 1, rows: 3 });
  });

  it('always has room for every tile', () => {
    for (let count = 1; count <= 12; count++) {
      for (const [width, height] of [
        [1280, 720],
        [320, 568],
        [1000, 1000],
        [0, 0],
      ] as const) {
        const { columns, rows } = gridLayout(count, width, height);
        expect(columns * rows).to.be.at.least(count);
        expect((columns - 1) * rows).to.be.below(count);
      }
    }
  });
});
