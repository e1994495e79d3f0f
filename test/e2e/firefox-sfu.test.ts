// Firefox in a room on the SFU: two Chromium windows and a Firefox window join a room that moves onto Janus
// (Debian's, from deploy/janus/) at three. Firefox publishes its simulcast camera to Janus and receives the
// others' from it: everyone decodes everyone, Firefox on two connections.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openCallPage, until } from './call-page.ts';
import { relayChromiumFirefox } from './firefox.ts';
import { waitForRemoteVideo } from './harness.ts';

describe('Firefox in a room on the SFU', { timeout: 180_000 }, () => {
  const started = relayChromiumFirefox({ sfu: true });

  it('sends and receives video through Janus, with Chromium on both sides of it', async () => {
    const { relay, chromium, firefox } = started;
    const room = `sfu-${Date.now()}`;
    const pages = [
      await openCallPage(chromium, `${relay.url}?room=${room}&name=Ada`),
      await openCallPage(firefox, `${relay.url}?room=${room}&name=Fox`),
      await openCallPage(chromium, `${relay.url}?room=${room}&name=Chen`),
    ];
    for (const { page } of pages) await waitForRemoteVideo(page, 2);
    const fox = pages[1]!.page;
    assert.equal(await fox.evaluate(() => document.querySelector('video-conference')!.mode), 'sfu');
    await until(
      () => fox.evaluate(() => window.connections.filter((pc) => pc.connectionState !== 'closed').length === 2),
      'Firefox on two connections (its mesh one closed)',
    );
    assert.deepEqual(
      pages.flatMap(({ errors }) => errors),
      [],
    );
    for (const { close } of pages) await close();
  });
});
