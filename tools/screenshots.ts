// `npm run screenshots`: the demo with two participants, at a desktop (1280×800) and a phone (375×812) width,
// saved as docs/screenshots/demo-desktop.png and demo-phone.png. Starts its own relay on a loopback port and
// uses headless Chromium with the fake camera, as the end-to-end tests do.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Viewport } from 'puppeteer-core';
import { launchChromium, openPage, startRelay, waitForRemoteVideo } from '../test/e2e/harness.ts';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const shots: Array<{ name: string; viewport: Viewport }> = [
  { name: 'demo-desktop', viewport: { width: 1280, height: 800 } },
  { name: 'demo-phone', viewport: { width: 375, height: 812, isMobile: true, hasTouch: true } },
];

await mkdir(outDir, { recursive: true });
const relay = await startRelay();
// Sound may play without a click, so the "enable audio" button does not cover the call.
const browser = await launchChromium(['--autoplay-policy=no-user-gesture-required', '--hide-scrollbars']);
try {
  for (const { name, viewport } of shots) {
    const room = `screenshots-${name}`;
    const other = await openPage(browser, `${relay.url}?room=${room}&name=Grace`);
    const { page } = await openPage(browser, 'about:blank');
    await page.setViewport(viewport);
    await page.goto(`${relay.url}?room=${room}&name=Ada`);
    await waitForRemoteVideo(page, 1);
    await waitForRemoteVideo(other.page, 1);
    await page.$eval('video-conference', (element) => element.scrollIntoView({ block: 'center' }));
    const path = `${outDir}${name}.png`;
    await page.screenshot({ path, type: 'png' });
    process.stdout.write(`${path}\n`);
    await page.close();
    await other.page.close();
  }
} finally {
  await browser.close();
  await relay.close();
}
