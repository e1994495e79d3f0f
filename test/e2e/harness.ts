// What the end-to-end tests run: the relay (the real one, serving the built bundle and the demo) on a
// loopback port, a plain web site on another origin, Chromium driven by puppeteer-core, and a look into
// the <video-conference> on a page.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { buildRelay, type RelayOptions } from '../../server/app.ts';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

export interface Relay {
  /** The relay's base URL, ending with `/`. */
  url: string;
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions = {}): Promise<Relay> {
  const relay = buildRelay(options);
  await relay.listen({ port: 0, host: '127.0.0.1' });
  const { port } = relay.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => relay.close() };
}

/**
 * The relay and a Chromium for the tests of a `describe` block: started before them and closed after them.
 * Read `relay` and `browser` from the returned object inside the tests.
 */
export function relayAndChromium(extraArgs: string[] = []): { relay: Relay; browser: Browser } {
  const started = {} as { relay: Relay; browser: Browser };
  before(async () => {
    started.relay = await startRelay();
    started.browser = await launchChromium(extraArgs);
  });
  after(async () => {
    await started.browser?.close();
    await started.relay?.close();
  });
  return started;
}

/** Serves one HTML page at `/` from http://localhost:PORT, an origin other than the relay's. */
export async function startSite(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps its keep-alive connection open
      }),
  };
}

/** Chromium as the tests run it; `fakeUi: false` leaves camera and microphone permission to the site settings. */
export function launchChromium(extraArgs: string[] = [], { fakeUi = true } = {}): Promise<Browser> {
  const args = chromiumArgs.filter((arg) => fakeUi || arg !== '--use-fake-ui-for-media-stream');
  return puppeteer.launch({ executablePath: chromiumPath, headless: true, args: [...args, ...extraArgs] });
}

/**
 * Opens a page in a window of its own (and a browser context of its own): a background tab is a hidden page,
 * and the widget (rightly) stops receiving video for a page nobody sees.
 */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.createBrowserContext()).newPage({ type: 'window' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  return { page, errors };
}

export interface CallView {
  state: string;
  status: { code?: string; text: string } | null;
  notice: { code?: string; text: string } | null;
  remote: Array<{ id: string; name: string; width: number; time: number }>;
}

/** What the first <video-conference> on the page (or in the frame) shows. */
export function viewOf(page: Page | Frame): Promise<CallView> {
  return page.evaluate(() => {
    const element = document.querySelector('video-conference') as (HTMLElement & { state: string }) | null;
    const root = element?.shadowRoot;
    const status = root?.querySelector<HTMLElement>('[part=status]');
    const notice = root?.querySelector<HTMLElement>('[part=notice]');
    const remote = [...(root?.querySelectorAll<HTMLElement & { name: string }>('video-player') ?? [])]
      .filter((tile) => tile.getAttribute('peer-id') !== 'local')
      .map((tile) => {
        const video = tile.shadowRoot!.querySelector('video')!;
        return { id: tile.getAttribute('peer-id')!, name: tile.name, width: video.videoWidth, time: video.currentTime };
      });
    return {
      state: element?.state ?? 'missing',
      status: status ? { code: status.dataset.code, text: status.textContent!.trim() } : null,
      notice: notice ? { code: notice.dataset.code, text: notice.textContent!.trim() } : null,
      remote,
    };
  });
}

/** Polls `viewOf(page)` until `check` accepts it; fails with the last view after `timeoutMs`. */
export async function waitForView(
  page: Page | Frame,
  check: (view: CallView) => boolean,
  timeoutMs = 30_000,
): Promise<CallView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await viewOf(page);
    if (check(view)) return view;
    if (Date.now() > deadline) throw new Error(`timed out; last view: ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the page shows `count` remote tiles whose video has frames and keeps playing. */
export async function waitForRemoteVideo(page: Page | Frame, count: number): Promise<CallView> {
  const first = await waitForView(
    page,
    (view) => view.remote.length === count && view.remote.every((r) => r.width > 0 && r.time > 0),
  );
  return waitForView(
    page,
    (view) =>
      view.remote.length === count && view.remote.every((r) => r.time > first.remote.find((f) => f.id === r.id)!.time),
  );
}

/** The page's frame whose address starts with `url`, once that document has loaded (bounded by `timeoutMs`). */
export async function frameOf(page: Page, url: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame() && candidate.url().startsWith(url));
    if (frame) {
      await frame.waitForFunction(() => document.readyState === 'complete', { timeout: timeoutMs });
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`no frame at ${url}; frames: ${page.frames().map((f) => f.url())}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
