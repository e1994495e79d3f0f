// End to end on a bad network (the namespaces of netns.ts, calls through coturn): one participant's link made
// slow and lossy, taken down for 5 s, and renumbered; the call adapts and recovers without a rejoin.
// Without sch_netem in the kernel the slow link has no added delay (impair.ts): the README says so.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { waitForRemoteVideo, waitForView } from './harness.ts';
import { hasNetem, impair, lift, renumber, setLink, SLOW_LOSSY } from './impair.ts';
import {
  audioReceived,
  below,
  iceFragments,
  peerConnectionsMade,
  peersLeft,
  tileQualities,
  videoEncoding,
  videoFlowing,
  type Encoding,
} from './link-probe.ts';
import { launchChromiumIn, openCall, startRelay, startTurn, waitFor } from './net-call.ts';
import { buildNetwork, removeAll, unavailable, type Home } from './netns.ts';

const skip = await unavailable(['turnserver', 'tc']);
const netem = !skip && (await hasNetem());

describe('impaired links', { skip: skip ?? false, timeout: 900_000 }, () => {
  let homes: Home[];
  let browsers: Browser[] = [];
  const stops: Array<() => void> = [];
  /** The pages of the test under way: closed after it, passed or not, so no call goes on into the next. */
  let pages: Page[] = [];

  before(async () => {
    homes = await buildNetwork();
    stops.push(await startRelay(), await startTurn());
    browsers = await Promise.all(homes.map((home) => launchChromiumIn(home.ns)));
  });
  afterEach(async () => {
    await Promise.all(pages.map((page) => page.close()));
    pages = [];
  });
  after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    for (const stop of stops) stop();
    await removeAll();
  });

  /** A call between the two homes, once video plays both ways; returns each page's peer ids. */
  async function call(room: string): Promise<string[][]> {
    pages = await Promise.all(browsers.map((browser, i) => openCall(browser, room, `home${i + 1}`)));
    const ids: string[][] = [];
    // Through coturn on a busy 2-core machine the first frames can take a while: a generous bound.
    for (const page of pages) await waitForView(page, (v) => v.remote.length === 1 && v.remote[0]!.width > 0, 120_000);
    for (const page of pages) ids.push((await waitForRemoteVideo(page, 1)).remote.map((r) => r.id));
    return ids;
  }

  /**
   * Video decodes again on both pages over the same peer connections, from the same participants, nobody left,
   * and the relay connection is back (joined).
   */
  async function recovered(ids: string[][]): Promise<void> {
    for (const [i, page] of pages.entries()) {
      await waitFor(() => videoFlowing(page), Boolean, 180_000).catch(() => {
        throw new Error(`home${i + 1} decodes no video`);
      });
      await waitForView(page, (view) => view.state === 'joined', 90_000);
      const view = await waitForRemoteVideo(page, 1);
      assert.deepEqual(
        view.remote.map((r) => r.id),
        ids[i],
      );
      assert.deepEqual(await peersLeft(page), []);
      assert.equal(await peerConnectionsMade(page), 1, 'no new peer connection: no rejoin');
    }
  }

  /** Each page's video encoding, once it is the same over 5 s (within a minute). */
  async function settledEncodings(): Promise<Encoding[]> {
    const read = () => Promise.all(pages.map(async (page) => (await videoEncoding(page))!));
    let last = await read();
    for (let tries = 0; tries < 12; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const now = await read();
      if (JSON.stringify(now) === JSON.stringify(last)) return now;
      last = now;
    }
    throw new Error(`the video encodings never settled; last: ${JSON.stringify(last)}`);
  }

  it(`${SLOW_LOSSY.rateKbit} kbit/s and ${SLOW_LOSSY.lossPercent} % loss${netem ? `, ${SLOW_LOSSY.delayMs} ms` : ''}: audio flows, video over the link steps down and the tiles show it; lifted, it steps back up`, async () => {
    await call('slow');
    // The link is slow both ways, so both participants send over it: each one's video is watched, from the
    // encoding it settled on once the other said how large it shows it.
    const full = await settledEncodings();
    await impair(homes[0]!, SLOW_LOSSY, netem);
    let stepped: number;
    let lowest: Encoding;
    try {
      const start = await Promise.all(pages.map(audioReceived));
      const down = await waitFor(
        () => Promise.all(pages.map(videoEncoding)),
        (encodings) => encodings.some((encoding, i) => below(encoding, full[i]!)),
        120_000,
      );
      stepped = down.findIndex((encoding, i) => below(encoding, full[i]!));
      for (const page of pages)
        await waitFor(
          () => tileQualities(page),
          (q) => q[0] === 'fair' || q[0] === 'poor',
          60_000,
        );
      // Audio went on all along, both ways: packets arrived and were played out since the link went bad.
      const later = await Promise.all(pages.map(audioReceived));
      for (const [i, now] of later.entries()) {
        assert.ok(now.packets > start[i]!.packets && now.samples > start[i]!.samples, `audio flowed to home${i + 1}`);
      }
      lowest = (await videoEncoding(pages[stepped]!))!;
    } finally {
      await lift(homes[0]!, SLOW_LOSSY, netem);
    }
    // Lifted: the video that had stepped down is sent better again (a step up, or more).
    await waitFor(
      () => videoEncoding(pages[stepped]!),
      (encoding) => !!encoding && below(lowest, encoding),
      180_000,
    );
  });

  it('link down for 5 s: video comes back over the same connection, same participants, nobody left', async () => {
    const ids = await call('outage');
    await setLink(homes[0]!, false);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      // The link is down: no video gets through.
      for (const page of pages) assert.equal(await videoFlowing(page), false);
    } finally {
      await setLink(homes[0]!, true);
    }
    await recovered(ids);
  });

  it('a new address: the connection recovers through an ICE restart, same participants, nobody left', async () => {
    const ids = await call('moved');
    const fragments = await iceFragments(pages[0]!);
    await renumber(homes[0]!);
    await waitFor(
      () => iceFragments(pages[0]!),
      (now) => now[0] !== fragments[0],
      120_000,
    );
    await recovered(ids);
  });
});
