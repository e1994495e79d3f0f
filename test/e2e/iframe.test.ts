// End to end, the widget inside iframes: a site on another origin frames the relay's demo with the allow
// attribute and calls someone on the relay's iframe demo (demo/iframe.html); a frame without it must say so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frameOf, openPage, relayAndChromium, startSite, waitForRemoteVideo, waitForView } from './harness.ts';

const ALLOW = 'camera; microphone; display-capture; autoplay; fullscreen';

describe('inside an iframe', { timeout: 120_000 }, () => {
  const started = relayAndChromium();

  it('a cross-origin frame that grants the devices calls someone on the relay iframe demo', async () => {
    const room = `iframe-${Date.now()}`;
    const framedUrl = `${started.relay.url}?room=${room}&name=Framed`;
    const site = await startSite(`<!doctype html>
      <title>A site that frames the call</title>
      <iframe src="${framedUrl}" allow="${ALLOW}" width="800" height="600"></iframe>`);
    try {
      const host = await openPage(started.browser, site.url);
      const demo = await openPage(started.browser, `${started.relay.url}iframe.html?room=${room}&name=Demo%20frame`);
      const framed = await frameOf(host.page, framedUrl);
      const demoFrame = await frameOf(demo.page, `${started.relay.url}?room=${room}`);
      assert.notEqual(new URL(site.url).origin, new URL(framed.url()).origin, 'the frame is cross-origin');

      const framedView = await waitForRemoteVideo(framed, 1);
      const demoView = await waitForRemoteVideo(demoFrame, 1);
      assert.equal(framedView.remote[0]!.name, 'Demo frame');
      assert.equal(demoView.remote[0]!.name, 'Framed');
      assert.equal(framedView.notice, null, 'no notice: camera and microphone were granted');
      assert.deepEqual([...host.errors, ...demo.errors], []);
      await host.page.close();
      await demo.page.close();
    } finally {
      await site.close();
    }
  });

  it('a cross-origin frame without allow= reports permission-denied naming the missing allow attribute', async () => {
    const framedUrl = `${started.relay.url}?room=iframe-denied-${Date.now()}`;
    const site = await startSite(`<!doctype html>
      <title>A site that frames the call without allow</title>
      <iframe src="${framedUrl}" width="800" height="600"></iframe>`);
    try {
      const host = await openPage(started.browser, site.url);
      const framed = await frameOf(host.page, framedUrl);
      // The frame's Permissions Policy refuses the devices, whatever the browser's own settings say.
      const allowed = await framed.evaluate(() => {
        const policy = (document as Document & { featurePolicy?: { allowsFeature(name: string): boolean } })
          .featurePolicy;
        return [policy?.allowsFeature('camera'), policy?.allowsFeature('microphone')];
      });
      assert.deepEqual(allowed, [false, false]);

      const view = await waitForView(
        framed,
        (v) => (v.notice ?? v.status)?.code === 'permission-denied' || v.state === 'error',
      );
      const shown = view.notice ?? view.status;
      assert.equal(shown?.code, 'permission-denied');
      // Needs a change in src/rtc/devices.ts (see the issue 7 report): today the message is the generic
      // "Camera and microphone access was blocked.", which sends people to site settings that cannot help.
      assert.match(
        shown!.text,
        /allow="camera; microphone/,
        `WIDGET CHANGE NEEDED: in a frame without the permission, the message must name the missing allow= attribute; it says: ${shown!.text}`,
      );
      assert.deepEqual(host.errors, []);
      await host.page.close();
    } finally {
      await site.close();
    }
  });
});
