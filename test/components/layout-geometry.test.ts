// The widget's box wherever a page puts it: whatever `display`, grid cell, flex item, height or narrow column
// the page gives it, the toolbar sits at its bottom edge (no dead band), it is tall enough (taller than 16:9
// when narrow, but no taller than the viewport), and its tile is large. Boxes are measured with
// getBoundingClientRect, not screenshots.
import { expect, fixture } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import '../../src/index.ts';
import { relayCommand, settled, tiles, uniqueRoom, waitFor } from '../support/browser.ts';

interface Case {
  name: string;
  viewport: { width: number; height: number };
  /** The page around the widget: `widget` is the element to place. */
  page(widget: TemplateResult): TemplateResult;
  /** The host is at least this tall and wide. */
  minHost: { width: number; height: number };
  /** The host is at most this tall, if given. */
  maxHostHeight?: number;
  /** The tile is at least this large. */
  minTile: { width: number; height: number };
}

const CASES: Case[] = [
  {
    name: 'display: block at 1280 wide',
    viewport: { width: 1280, height: 800 },
    page: (widget) =>
      html`<style>
          video-conference {
            display: block;
          }
        </style>
        <main style="width: 1280px">${widget}</main>`,
    minHost: { width: 1280, height: 600 },
    minTile: { width: 900, height: 500 },
  },
  {
    name: 'a grid cell beside a taller column',
    viewport: { width: 1280, height: 800 },
    page: (widget) =>
      html`<main style="display: grid; grid-template-columns: 1fr 280px; gap: 16px; width: 1200px">
        ${widget}
        <aside style="height: 760px"></aside>
      </main>`,
    minHost: { width: 900, height: 760 },
    minTile: { width: 800, height: 450 },
  },
  {
    name: 'a flex item beside a taller sidebar',
    viewport: { width: 1280, height: 800 },
    page: (widget) =>
      html`<main style="display: flex; gap: 16px; width: 1200px">
        ${widget}
        <aside style="flex: 0 0 280px; height: 760px"></aside>
      </main>`,
    minHost: { width: 900, height: 760 },
    minTile: { width: 800, height: 450 },
  },
  {
    name: 'the flexible item of a 700 px tall column under a header',
    viewport: { width: 1280, height: 800 },
    page: (widget) =>
      html`<style>
          main > video-conference {
            flex: 1;
          }
        </style>
        <main style="display: flex; flex-direction: column; width: 1200px; height: 700px">
          <header style="height: 60px"></header>
          ${widget}
        </main>`,
    minHost: { width: 1200, height: 640 },
    minTile: { width: 950, height: 530 },
  },
  {
    name: 'display: block; height: 100vh',
    viewport: { width: 1280, height: 800 },
    page: (widget) =>
      html`<style>
          video-conference {
            display: block;
            height: 100vh;
          }</style
        >${widget}`,
    minHost: { width: 1200, height: 800 },
    minTile: { width: 1100, height: 620 },
  },
  {
    name: 'display: block; aspect-ratio: 4 / 3',
    viewport: { width: 1280, height: 800 },
    page: (widget) =>
      html`<style>
          video-conference {
            display: block;
            aspect-ratio: 4 / 3;
          }
        </style>
        <main style="width: 800px">${widget}</main>`,
    minHost: { width: 800, height: 600 },
    minTile: { width: 700, height: 390 },
  },
  {
    name: 'a 360×640 sidebar',
    viewport: { width: 1280, height: 800 },
    page: (widget) => html`<aside style="width: 360px; height: 640px; overflow: auto">${widget}</aside>`,
    minHost: { width: 360, height: 440 },
    minTile: { width: 320, height: 180 },
  },
  {
    name: 'a 390×844 phone',
    viewport: { width: 390, height: 844 },
    page: (widget) =>
      html`<style>
          body {
            margin: 0;
          }</style
        >${widget}`,
    minHost: { width: 390, height: 480 },
    minTile: { width: 350, height: 196 },
  },
  {
    name: 'a 360 px column of a 400 px tall viewport',
    viewport: { width: 1000, height: 400 },
    page: (widget) => html`<aside style="width: 360px">${widget}</aside>`,
    minHost: { width: 360, height: 390 },
    maxHostHeight: 400,
    minTile: { width: 280, height: 157 },
  },
];

/** Sets the viewport, puts a joined widget where `page` says, and waits for its layout to settle. */
async function joinedIn(viewport: { width: number; height: number }, page: (widget: TemplateResult) => TemplateResult) {
  await setViewport(viewport);
  const server = await relayCommand('relay-url');
  const root = await fixture<HTMLElement>(
    html`<div>${page(html`<video-conference server=${server} room=${uniqueRoom()}></video-conference>`)}</div>`,
  );
  const element = root.querySelector('video-conference')!;
  await waitFor(() => element.state === 'joined' && tiles(element).length === 1, 'joined');
  await settled(element);
  return element;
}

describe('layout geometry', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const { name, viewport, page, minHost, maxHostHeight = Infinity, minTile } of CASES) {
    it(`in ${name}: toolbar at the bottom edge, host and tile large enough`, async () => {
      const element = await joinedIn(viewport, page);
      const host = element.getBoundingClientRect();
      const toolbar = element.shadowRoot!.querySelector('[part~=controls]')!.getBoundingClientRect();
      const tile = tiles(element)[0]!.getBoundingClientRect();
      expect(
        Math.abs(host.bottom - toolbar.bottom),
        `toolbar bottom ${toolbar.bottom} vs host ${host.bottom}`,
      ).to.be.below(1);
      expect(host.width, 'host width').to.be.at.least(minHost.width);
      expect(host.height, 'host height').to.be.at.least(minHost.height);
      expect(host.height, 'host height').to.be.at.most(maxHostHeight);
      expect(tile.width, 'tile width').to.be.at.least(minTile.width);
      expect(tile.height, 'tile height').to.be.at.least(minTile.height);
      expect(tile.bottom, 'tile above the toolbar').to.be.at.most(toolbar.top);
      // One toolbar row: every button shown sits on the same line.
      const tops = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part~=control]')]
        .filter((control) => control.checkVisibility())
        .map((control) => control.getBoundingClientRect().top);
      expect(new Set(tops).size, 'one toolbar row').to.equal(1);
    });
  }

  it('in a column narrower than its toolbar (a squeezed flex item): every control stays inside the widget', async () => {
    const element = await joinedIn(
      { width: 390, height: 844 },
      (widget) =>
        html`<div style="display: flex">
          <aside style="flex: 0 0 220px"></aside>
          ${widget}
        </div>`,
    );
    const host = element.getBoundingClientRect();
    const outside = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part~=control]')]
      .filter((control) => control.checkVisibility())
      .map((control) => control.getBoundingClientRect())
      .filter((box) => box.left < host.left - 0.5 || box.right > host.right + 0.5);
    expect(host.width, 'the column is narrower than one row of controls').to.be.below(200);
    expect(outside.length, 'controls cut off by the widget edge').to.equal(0);
    // Alone in the call, the invite card shows; all of it is inside the widget, above the toolbar.
    const invite = element.shadowRoot!.querySelector('[part=invite]')!.getBoundingClientRect();
    const toolbar = element.shadowRoot!.querySelector('[part~=controls]')!.getBoundingClientRect();
    expect(invite.left, 'invite card left edge').to.be.at.least(host.left);
    expect(invite.right, 'invite card right edge').to.be.at.most(host.right);
    expect(invite.top, 'invite card top edge').to.be.at.least(host.top);
    expect(invite.bottom, 'invite card above the toolbar').to.be.at.most(toolbar.top);
  });
});
