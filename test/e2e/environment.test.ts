// End to end, the failures a browser itself imposes: a page that is not a secure context, and a person who
// blocked the camera and microphone for the site.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { launchChromium, openPage, relayAndChromium, waitForView } from './harness.ts';

describe('browser-imposed failures', { timeout: 120_000 }, () => {
  // insecure.test resolves to the relay, but over plain http on a name that is not localhost.
  const started = relayAndChromium(['--host-resolver-rules=MAP insecure.test 127.0.0.1']);

  it('insecure-context: plain http on a public name says https is needed', async () => {
    const url = new URL(started.relay.url);
    url.hostname = 'insecure.test';
    url.search = '?room=insecure';
    const { page, errors } = await openPage(started.browser, url.href);
    // The overlay's wording is a chunk of its own: it follows the state by a moment.
    const view = await waitForView(page, (v) => v.state === 'error' && !!v.status?.text);
    assert.equal(view.status?.code, 'insecure-context');
    assert.match(view.status!.text, /https:\/\//);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('permission-denied: camera and microphone blocked in the site settings; the call goes on listen-only', async () => {
    // --use-fake-ui-for-media-stream grants every request whatever the settings say, so this browser runs without it.
    const strict = await launchChromium([], { fakeUi: false });
    try {
      const cdp = await strict.target().createCDPSession();
      const origin = new URL(started.relay.url).origin;
      for (const name of ['camera', 'microphone']) {
        await cdp.send('Browser.setPermission', { origin, permission: { name }, setting: 'denied' });
      }
      const { page, errors } = await openPage(strict, `${started.relay.url}?room=denied`);
      // The call goes on listen-only, with a notice that offers to ask again.
      const view = await waitForView(page, (v) => v.state === 'joined' && v.notice !== null);
      assert.equal(view.notice?.code, 'permission-denied');
      assert.match(view.notice!.text, /blocked/);
      assert.match(view.notice!.text, /Retry camera and microphone/);
      assert.deepEqual(errors, []);
    } finally {
      await strict.close();
    }
  });
});
