// A chunk of the widget that does not come the first time (a network blip, or the widget redeployed while the
// page is open) is asked for again: a guest whose host-view chunk failed still gets its lobby card, and the
// page throws nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openCallPage, until } from './call-page.ts';
import { relayAndChromium } from './harness.ts';

describe('lazy chunks', () => {
  const started = relayAndChromium();

  it('a chunk that failed to load is fetched again', async () => {
    const { relay, browser } = started;
    const room = `retry-${Date.now()}`;
    const host = await openCallPage(browser, `${relay.url}?room=${room}&name=Hana`);
    try {
      await until(
        () =>
          host.page.evaluate(
            () =>
              document.querySelector<HTMLElement & { callRole: string }>('video-conference')?.callRole === 'host' ||
              null,
          ),
        'the host in the room',
      );
      await host.page.evaluate(() =>
        document
          .querySelector<HTMLElement & { setLobby(on: boolean): Promise<void> }>('video-conference')!
          .setLobby(true),
      );

      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        let refused = 0;
        await page.setRequestInterception(true);
        page.on('request', (request) => {
          if (request.url().includes('/chunks/hosts-') && refused === 0) {
            refused++;
            return void request.abort('connectionfailed');
          }
          void request.continue();
        });
        await page.goto(`${relay.url}?room=${room}&name=Gil`);
        const card = await until(
          () =>
            page.evaluate(
              () =>
                document
                  .querySelector('video-conference')
                  ?.shadowRoot?.querySelector('[part=lobby]')
                  ?.textContent?.trim() || null,
            ),
          'the lobby card, from the chunk fetched again',
        );
        assert.equal(refused, 1, 'the first request for the chunk was refused');
        assert.match(card, /wait/i);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    } finally {
      await host.close();
    }
  });
});
