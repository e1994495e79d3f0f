// End to end through NAT: two Chromiums in homes behind their own NATs, with no direct path between them, call
// each other through Debian's coturn with the credentials the relay hands out; without it they fail visibly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { waitForRemoteVideo, waitForView } from './harness.ts';
import { buildNetwork, removeAll, unavailable, type Home } from './netns.ts';
import {
  connectivity,
  launchChromiumIn,
  openCall,
  selectedPairTypes,
  startRelay,
  startTurn,
  waitFor,
  widgetStats,
} from './net-call.ts';

const skip = await unavailable(['turnserver']);

describe('TURN through NAT', { skip: skip ?? false, timeout: 400_000 }, () => {
  let homes: Home[];
  let browsers: Browser[] = [];
  const stops: Array<() => void> = [];

  before(async () => {
    homes = await buildNetwork();
    stops.push(await startRelay());
    browsers = await Promise.all(homes.map((home) => launchChromiumIn(home.ns)));
  });
  after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    for (const stop of stops) stop();
    await removeAll();
  });

  it('connects through coturn: a relay pair on both sides, video both ways, the tiles say relayed', async () => {
    const stopTurn = await startTurn();
    try {
      const pages = await Promise.all(browsers.map((browser, i) => openCall(browser, 'nat', `home${i + 1}`)));
      for (const page of pages) {
        // Through coturn on a busy 2-core machine the first frames can take a while: a generous bound.
        await waitForView(page, (v) => v.remote.length === 1 && v.remote[0]!.width > 0, 120_000);
        await waitForRemoteVideo(page, 1);
      }
      for (const page of pages) {
        // Through the TURN server: its relayed address is one end of the pair on each side (the other end may be
        // the peer's NAT address, from which it reaches the TURN server).
        const pairs = await selectedPairTypes(page);
        assert.equal(pairs.length, 1);
        assert.ok(pairs[0]!.includes('relay'), `selected pair: ${pairs[0]}`);
        const stats = await waitFor(
          () => widgetStats(page),
          (s) => Object.values(s).some((peer) => peer.path !== 'unknown'),
        );
        assert.deepEqual(
          Object.values(stats).map((peer) => peer.path),
          ['relayed'],
        );
        const report = await connectivity(page);
        assert.equal(report.relay, true, 'TURN is reachable');
      }
      await Promise.all(pages.map((page) => page.close()));
    } finally {
      stopTurn();
    }
  });

  it('without a reachable TURN server: peer-connection-failed with the TURN hint, and the check says so', async () => {
    const pages = await Promise.all(browsers.map((browser, i) => openCall(browser, 'no-turn', `home${i + 1}`)));
    for (const page of pages) {
      // The ICE restarts run their course first.
      const view = await waitForView(page, (v) => v.notice?.code === 'peer-connection-failed', 300_000);
      assert.match(view.notice!.text, /TURN/);
      const report = await connectivity(page);
      assert.equal(report.relay, false, 'TURN is not reachable');
    }
    await Promise.all(pages.map((page) => page.close()));
  });
});
