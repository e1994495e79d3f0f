// The pre-join screen's layout on a phone, in a sidebar and on a desktop, measured from the boxes the
// browser lays out: the preview and every control can be reached (scrolling if it must), have a size, and
// are wholly visible, neither clipped nor under another one; no control sits on the preview.
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';
import { inPrejoin, isVisible, overlap, pickersOf, prejoinOf } from '../support/prejoin.ts';

/**
 * Where the widget is embedded: a scrolling box of the page's size, where the widget takes a column's width
 * (all of it by default) and its own height, or fills the box (a height set by the page: the pre-join screen
 * scrolls inside).
 */
const PLACES = [
  { name: 'a phone', width: 390, height: 844 },
  { name: 'a sidebar', width: 360, height: 640 },
  { name: 'a sidebar it fills', width: 360, height: 640, fill: true },
  { name: 'a desktop', width: 1280, height: 720 },
  { name: 'a desktop page’s column', width: 1280, height: 720, column: 800 },
];

describe('pre-join layout', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const place of PLACES) {
    it(`in ${place.name} (${place.width}×${place.height}), every control is reachable and uncovered`, async () => {
      await setViewport({ width: place.width, height: place.height });
      const server = await relayCommand('relay-url');
      const page = await fixture<HTMLElement>(html`
        <div style="position: fixed; inset: 0; overflow: auto; width: ${place.width}px; height: ${place.height}px">
          <video-conference
            style=${place.fill ? 'height: 100%' : `width: ${place.column ?? place.width}px`}
            server=${server}
            room=${uniqueRoom()}
            prejoin
          ></video-conference>
        </div>
      `);
      const element = page.querySelector('video-conference') as VideoConference;
      await waitFor(() => pickersOf(element).length === 3, 'the pre-join screen with its pickers');
      await waitFor(() => element.localStream?.getVideoTracks()[0], 'the preview');
      const settings = inPrejoin(element, 'video-conference-settings')!;
      expect(!!settings.shadowRoot!.querySelector('[part=header]'), 'no panel header').to.equal(false);

      const preview = inPrejoin(element, '.preview')!;
      const join = inPrejoin(element, '[part~=join-button]')!;
      const name = inPrejoin(element, '[part~=name-input]')!;
      const controls = [
        preview,
        name,
        inPrejoin(element, '[part~=microphone-control]')!,
        inPrejoin(element, '[part~=camera-control]')!,
        ...pickersOf(element),
        join,
      ];
      for (const control of controls) {
        control.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const box = control.getBoundingClientRect();
        const label = control.getAttribute('part') ?? control.className;
        expect(box.width > 0 && box.height > 0, `${label} has a size`).to.equal(true);
        // Scrolling stops at whole pixels, boxes need not: a fraction of one past the edge is on screen.
        expect(box.top > -1 && box.bottom < place.height + 1, `${label} on screen`).to.equal(true);
        expect(isVisible(control), `${label} is wholly visible`).to.equal(true);
        if (control !== preview) expect(overlap(control, preview), `${label} is off the preview`).to.equal(false);
      }
      for (const picker of pickersOf(element)) {
        expect(overlap(picker, join), `${picker.getAttribute('part')} is clear of Join`).to.equal(false);
      }
      // Only the page or the pre-join screen scrolls: never the widget's clipped box.
      expect(element.scrollTop).to.equal(0);
      if (place.fill) {
        expect(element.getBoundingClientRect().height, 'the height the page set').to.equal(place.height);
      } else {
        const screen = prejoinOf(element)!;
        expect(screen.scrollHeight, 'natural height: nothing to scroll').to.be.at.most(screen.clientHeight);
      }
    });
  }
});
