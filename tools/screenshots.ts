// `npm run screenshots`: the demo with two participants, at a desktop (1280×800) and a phone (390×844) size;
// the element in a 360 px support sidebar of a plain page (1280×800); and the pre-join screen on a phone:
// docs/screenshots/demo-desktop.png, demo-phone.png, sidebar.png and prejoin-phone.png. Starts its own relay
// on a loopback port and uses headless Chromium with the fake camera, as the end-to-end tests do.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Viewport } from 'puppeteer-core';
import { launchChromium, openPage, startRelay, waitForRemoteVideo } from '../test/e2e/harness.ts';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const desktop: Viewport = { width: 1280, height: 800 };
const phone: Viewport = { width: 390, height: 844, isMobile: true, hasTouch: true };
/** Each picture: the demo page, or a page of a site's own (`page`); `prejoin` waits for that screen, alone. */
const shots: Array<{ name: string; viewport: Viewport; page?: (room: string) => string; prejoin?: boolean }> = [
  { name: 'demo-desktop', viewport: desktop },
  { name: 'demo-phone', viewport: phone },
  { name: 'sidebar', viewport: desktop, page: (room) => sidebarPage(`<video-conference room="${room}" name="Ada">`) },
  {
    name: 'prejoin-phone',
    viewport: phone,
    page: (room) => sidebarPage(`<video-conference room="${room}" prejoin>`),
    prejoin: true,
  },
];

/** A site's help page with the call (`element`'s opening tag) in a 360 px sidebar, as a site owner would embed it. */
function sidebarPage(element: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <script type="module" src="/video-conference.js"></script>
    <style>
      body { margin: 0; display: flex; min-height: 100vh; font: 16px/1.5 system-ui, sans-serif; color: #1f2328; }
      main { flex: 1; padding: 2rem 3rem; background: #f6f8fa; }
      aside { width: 360px; max-width: 100%; padding: 1rem; box-sizing: border-box; border-left: 1px solid #d0d7de; }
      @media (width < 700px) { body { flex-direction: column; } main { flex: none; } aside { width: auto; } }
      h1 { margin-top: 0; }
    </style>
  </head>
  <body>
    <main>
      <h1>Help centre</h1>
      <p>Your order #1042 shipped on Monday. Talk to our support team in the sidebar.</p>
    </main>
    <aside>
      <h2>Support call</h2>
      ${element}</video-conference>
    </aside>
  </body>
</html>`;
}

await mkdir(outDir, { recursive: true });
const relay = await startRelay();
// Sound may play without a click, so the "enable audio" button does not cover the call.
const browser = await launchChromium(['--autoplay-policy=no-user-gesture-required', '--hide-scrollbars']);
try {
  for (const { name, viewport, page: sitePage, prejoin } of shots) {
    const room = `screenshots-${name}`;
    const other = prejoin ? null : await openPage(browser, `${relay.url}?room=${room}&name=Grace`);
    const { page } = await openPage(browser, 'about:blank');
    await page.setViewport(viewport);
    await page.goto(`${relay.url}?room=${room}&name=Ada`);
    // The relay's origin (a secure one) with the site's own page in place of the demo.
    if (sitePage) await page.setContent(sitePage(room));
    if (prejoin) {
      await page.waitForFunction(() =>
        document
          .querySelector('video-conference')
          ?.shadowRoot?.querySelector('video-conference-prejoin')
          ?.shadowRoot?.querySelector('[part=join-button]'),
      );
    } else {
      await waitForRemoteVideo(page, 1);
      await waitForRemoteVideo(other!.page, 1);
    }
    await page.$eval('video-conference', (element) => element.scrollIntoView({ block: 'center' }));
    const path = `${outDir}${name}.png`;
    await page.screenshot({ path, type: 'png' });
    process.stdout.write(`${path}\n`);
    await page.close();
    await other?.page.close();
  }
} finally {
  await browser.close();
  await relay.close();
}
