// Firefox sharing its screen, which headless Firefox cannot (it has none): a Firefox with windows on a virtual
// display (Xvfb) shares it from the toolbar, and Chromium at the other end shows the share as a tile of its own
// with moving frames, until Firefox stops it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, ElementHandle } from 'puppeteer-core';
import { openCallPage } from './call-page.ts';
import { launchFirefox } from './firefox.ts';
import { launchChromium, startRelay, waitForRemoteVideo, waitForView, type Relay } from './harness.ts';
import { startXvfb, xvfbAvailable, type Display } from './xvfb.ts';

describe(
  'Firefox sharing a screen',
  { timeout: 180_000, skip: xvfbAvailable() ? false : 'needs Xvfb (apt-get install xvfb)' },
  () => {
    let relay: Relay;
    let display: Display;
    let chromium: Browser;
    let firefox: Browser;
    before(async () => {
      relay = await startRelay();
      display = await startXvfb();
      chromium = await launchChromium();
      firefox = await launchFirefox({ display: display.name });
    });
    after(async () => {
      await firefox?.close();
      await chromium?.close();
      display?.stop();
      await relay?.close();
    });

    it("starts from the toolbar's button, shows at the other end, and stops", async () => {
      const room = `fox-screen-${Date.now()}`;
      const fox = await openCallPage(firefox, `${relay.url}?room=${room}&name=Fox`);
      const chrome = await openCallPage(chromium, `${relay.url}?room=${room}&name=Chrome`);
      await waitForRemoteVideo(chrome.page, 1);

      const screenButton = () =>
        fox.page.evaluateHandle(() =>
          document.querySelector('video-conference')!.shadowRoot!.querySelector('[part~=screen-control]')!,
        ) as Promise<ElementHandle<HTMLButtonElement>>;
      await (await screenButton()).click();
      const shared = await waitForView(chrome.page, (view) =>
        view.remote.some((tile) => tile.id.endsWith(':screen') && tile.width > 0 && tile.time > 0),
      );
      const screen = shared.remote.find((tile) => tile.id.endsWith(':screen'))!;
      // Frames keep coming: the share plays, it is not one still picture.
      await waitForView(chrome.page, (view) =>
        view.remote.some((tile) => tile.id === screen.id && tile.time > screen.time),
      );
      assert.equal(
        await fox.page.evaluate(() => document.querySelector('video-conference')!.participants[0]!.screen !== null),
        true,
      );

      await (await screenButton()).click();
      await waitForView(chrome.page, (view) => !view.remote.some((tile) => tile.id.endsWith(':screen')));
      assert.deepEqual([...fox.errors, ...chrome.errors], []);
      await fox.close();
      await chrome.close();
    });
  },
);
