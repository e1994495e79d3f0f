// End to end, as a site owner and a newcomer would use it: a page on another origin embeds the widget with
// one script tag and calls someone on the relay's own demo page; the demo's form starts a call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPage, relayAndChromium, startSite, viewOf, waitForRemoteVideo, waitForView } from './harness.ts';

describe('embedding', { timeout: 120_000 }, () => {
  const started = relayAndChromium();

  it('a page on another origin calls the relay demo page with just the script tag and the element', async () => {
    const room = `embed-${Date.now()}`;
    const site = await startSite(`<!doctype html>
      <title>A site owner's page</title>
      <script type="module" src="${started.relay.url}video-conference.js"></script>
      <video-conference room="${room}" name="Site visitor"></video-conference>`);
    try {
      const embedded = await openPage(started.browser, site.url);
      const demo = await openPage(started.browser, `${started.relay.url}?room=${room}&name=Demo%20user`);

      const embeddedView = await waitForRemoteVideo(embedded.page, 1);
      const demoView = await waitForRemoteVideo(demo.page, 1);
      assert.equal(embeddedView.remote[0]!.name, 'Demo user');
      assert.equal(demoView.remote[0]!.name, 'Site visitor');
      assert.deepEqual(embedded.errors, []);
      assert.deepEqual(demo.errors, []);
      await embedded.page.close();
      await demo.page.close();
    } finally {
      await site.close();
    }
  });

  it('the demo: pick a room in the form, share the link, and the second tab joins the same call', async () => {
    const first = await openPage(started.browser, started.relay.url);
    assert.equal((await viewOf(first.page)).state, 'missing', 'the form page starts no call');
    await first.page.$eval('input[name=room]', (input) => ((input as HTMLInputElement).value = 'demo-room-form'));
    await first.page.$eval('input[name=name]', (input) => ((input as HTMLInputElement).value = 'First'));
    await Promise.all([first.page.waitForNavigation(), first.page.click('#join-form button[type=submit]')]);
    await waitForView(first.page, (view) => view.state === 'joined');

    const shareUrl = await first.page.$eval('#share-link', (link) => (link as HTMLAnchorElement).href);
    assert.equal(new URL(shareUrl).searchParams.get('room'), 'demo-room-form');
    assert.equal(new URL(shareUrl).searchParams.get('name'), null);
    const second = await openPage(started.browser, shareUrl);

    await waitForRemoteVideo(first.page, 1);
    await waitForRemoteVideo(second.page, 1);
    assert.deepEqual([...first.errors, ...second.errors], []);
    await first.page.close();
    await second.page.close();
  });
});
