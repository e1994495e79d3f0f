// What Firefox cannot do here, and how the widget says so: headless Firefox has no screen to share, so the
// toolbar's screen button ends in a screen-share notice (no camera wording, no camera retry) and the camera
// goes on as it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, ElementHandle } from 'puppeteer-core';
import { openCallPage, until } from './call-page.ts';
import { launchFirefox } from './firefox.ts';
import { startRelay, waitForView, type Relay } from './harness.ts';

describe('Firefox limits', { timeout: 120_000 }, () => {
  let relay: Relay;
  let firefox: Browser;
  before(async () => {
    relay = await startRelay();
    firefox = await launchFirefox();
  });
  after(async () => {
    await firefox?.close();
    await relay?.close();
  });

  it('the screen button in headless Firefox says no screen can be shared, and leaves the camera on', async () => {
    const fox = await openCallPage(firefox, `${relay.url}?room=limits-${Date.now()}&name=Fox`);
    await waitForView(fox.page, (view) => view.state === 'joined');
    const cameraOn = () => fox.page.evaluate(() => document.querySelector('video-conference')!.participants[0]!.video);
    await until(cameraOn, 'the camera on');
    const errors = fox.page.evaluate(
      () =>
        new Promise((resolve) =>
          document
            .querySelector('video-conference')!
            .addEventListener('vc-error', (event) => resolve((event as CustomEvent<{ code: string }>).detail.code)),
        ),
    );

    // A real click, as a person would make it: Firefox asks for one before sharing a screen.
    const button = (await fox.page.evaluateHandle(() =>
      document.querySelector('video-conference')!.shadowRoot!.querySelector('[part~=screen-control]')!,
    )) as ElementHandle<HTMLButtonElement>;
    await button.click();

    assert.equal(await errors, 'screen-share-unavailable');
    const { notice } = await waitForView(fox.page, (view) => view.notice !== null);
    assert.equal(notice!.code, 'screen-share-unavailable');
    assert.doesNotMatch(notice!.text, /camera/i);
    const actions = await fox.page.evaluate(
      () =>
        document.querySelector('video-conference')!.shadowRoot!.querySelectorAll('[part=notice] [part~=action]').length,
    );
    assert.equal(actions, 0, 'no retry of the camera and microphone');
    assert.equal(await cameraOn(), true);
    assert.deepEqual(fox.errors, []);
    await fox.close();
  });
});
