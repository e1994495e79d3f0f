// Calls across browsers: Chromium with Firefox, and Firefox with Firefox, each on the relay's demo page in
// a window of its own. Video decodes and audio flows both ways, the safety codes match, your own microphone
// lights your own tile, the toolbar's actions reach the other browser, and a hidden tile pauses the video
// sent to it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { bytesReceived, openCallPage, sendingCamera, until } from './call-page.ts';
import { relayChromiumFirefox } from './firefox.ts';
import { viewOf, waitForRemoteVideo, waitForView, type Relay } from './harness.ts';

/** What the page's <video-conference> says of its participants (their streams left out). */
function people(page: Page) {
  return page.evaluate(() => {
    const element = document.querySelector('video-conference')!;
    return element.participants.map(({ id, name, local, audio, video, speaking }) => {
      return {
        id,
        name,
        local,
        audio,
        video,
        speaking,
        screen: element.participants.find((p) => p.id === id)!.screen !== null,
      };
    });
  });
}

/** The safety code the page shows for each remote participant, once its stats have been sampled. */
function safetyCodes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.values(document.querySelector('video-conference')!.getStats()).map((stats) => stats.safetyCode ?? ''),
  );
}

/** Waits until `page` receives more `kind` bytes than it has so far: the media flows. */
async function flowing(page: Page, kind: 'audio' | 'video'): Promise<void> {
  const start = await bytesReceived(page, kind);
  await until(async () => (await bytesReceived(page, kind)) > start, `${kind} arriving`);
}

/** Two pages in one room, each showing the other's decoded video. */
async function callBetween(relay: Relay, [first, second]: [Browser, Browser], room: string) {
  const a = await openCallPage(first, `${relay.url}?room=${room}&name=First`);
  const b = await openCallPage(second, `${relay.url}?room=${room}&name=Second`);
  await waitForRemoteVideo(a.page, 1);
  await waitForRemoteVideo(b.page, 1);
  // Both on screen: a hidden page rightly gets no video, which would fail the checks below for another reason.
  for (const { page } of [a, b]) assert.equal(await page.evaluate(() => document.visibilityState), 'visible');
  return [a, b] as const;
}

/** Both ends: decoded video, audio flowing, the same safety code, and the unmuted one speaking at its own end. */
async function assertConnected(a: Page, b: Page): Promise<void> {
  for (const page of [a, b]) {
    await flowing(page, 'audio');
    await flowing(page, 'video');
  }
  const [codeA] = await until(async () => ((await safetyCodes(a))[0] ? safetyCodes(a) : null), 'a safety code');
  const [codeB] = await until(async () => ((await safetyCodes(b))[0] ? safetyCodes(b) : null), 'a safety code');
  assert.equal(codeA, codeB);
  // With the other muted, each hears only their own microphone: Firefox's stats do not report its level.
  for (const [speaker, listener] of [
    [a, b],
    [b, a],
  ] as const) {
    await listener.evaluate(() => document.querySelector('video-conference')!.toggleMicrophone(false));
    await speaker.evaluate(() => document.querySelector('video-conference')!.toggleMicrophone(true));
    await until(
      () =>
        speaker.evaluate(
          () =>
            document.querySelector('video-conference')!.activeSpeaker ===
            document.querySelector('video-conference')!.participants[0]!.id,
        ),
      'the unmuted one the active speaker at their own end',
    );
  }
}

describe('Chromium and Firefox in one call', { timeout: 180_000 }, () => {
  const started = relayChromiumFirefox();

  it('Chromium with Firefox: video and audio both ways, one safety code, each speaking at its own end', async () => {
    const { relay, chromium, firefox } = started;
    const [a, b] = await callBetween(relay, [chromium, firefox], `mixed-${Date.now()}`);
    await assertConnected(a.page, b.page);
    assert.deepEqual([...a.errors, ...b.errors], []);
    await a.close();
    await b.close();
  });

  it('Firefox with Firefox: the same', async () => {
    const { relay, firefox } = started;
    const [a, b] = await callBetween(relay, [firefox, firefox], `firefoxes-${Date.now()}`);
    await assertConnected(a.page, b.page);
    assert.deepEqual([...a.errors, ...b.errors], []);
    await a.close();
    await b.close();
  });

  it("the toolbar's actions cross browsers: camera, microphone, screen, chat, data, leave", async () => {
    const { relay, chromium, firefox } = started;
    const [chrome, fox] = await callBetween(relay, [chromium, firefox], `actions-${Date.now()}`);
    const seenAt = async (page: Page) => (await people(page))[1]!;

    await fox.page.evaluate(() => document.querySelector('video-conference')!.toggleCamera(false));
    await until(async () => !(await seenAt(chrome.page)).video, 'Firefox camera off at Chromium');
    await fox.page.evaluate(() => document.querySelector('video-conference')!.toggleCamera(true));
    await until(async () => (await seenAt(chrome.page)).video, 'Firefox camera on at Chromium');
    await waitForRemoteVideo(chrome.page, 1);

    await fox.page.evaluate(() => document.querySelector('video-conference')!.toggleMicrophone(false));
    await until(async () => !(await seenAt(chrome.page)).audio, 'Firefox muted at Chromium');
    await fox.page.evaluate(() => document.querySelector('video-conference')!.toggleMicrophone(true));
    await until(async () => (await seenAt(chrome.page)).audio, 'Firefox unmuted at Chromium');

    await chrome.page.evaluate(() => document.querySelector('video-conference')!.startScreenShare());
    await waitForView(fox.page, (view) => view.remote.some((tile) => tile.id.endsWith(':screen') && tile.width > 0));
    await chrome.page.evaluate(() => document.querySelector('video-conference')!.stopScreenShare());
    await waitForView(fox.page, (view) => !view.remote.some((tile) => tile.id.endsWith(':screen')));

    await chrome.page.evaluate(() => document.querySelector('video-conference')!.sendMessage('Hello from Chromium'));
    await until(
      () => fox.page.evaluate(() => document.querySelector('video-conference')!.messages.some((m) => !m.local)),
      'the chat message in Firefox',
    );
    const texts = await fox.page.evaluate(() =>
      document.querySelector('video-conference')!.messages.map((m) => m.text),
    );
    assert.deepEqual(texts, ['Hello from Chromium']);

    // Listening before anything is sent, so that nothing can arrive unheard.
    await chrome.page.evaluate(() => {
      const page = window as unknown as { received: unknown[] };
      page.received = [];
      document
        .querySelector('video-conference')!
        .addEventListener('vc-data', (event) =>
          page.received.push((event as CustomEvent<{ payload: unknown }>).detail.payload),
        );
    });
    await fox.page.evaluate(() => document.querySelector('video-conference')!.send({ reaction: '👍' }));
    const received = () => chrome.page.evaluate(() => (window as unknown as { received: unknown[] }).received);
    await until(async () => (await received()).length > 0, 'the data at Chromium');
    assert.deepEqual(await received(), [{ reaction: '👍' }]);

    await fox.page.evaluate(() => document.querySelector('video-conference')!.leave());
    await waitForView(chrome.page, (view) => view.remote.length === 0);
    assert.equal((await viewOf(fox.page)).state, 'left');
    assert.deepEqual([...chrome.errors, ...fox.errors], []);
    await chrome.close();
    await fox.close();
  });

  it('a tile hidden in one browser pauses the video the other sends it, until shown again', async () => {
    const { relay, chromium, firefox } = started;
    const [chrome, fox] = await callBetween(relay, [chromium, firefox], `pause-${Date.now()}`);
    for (const [viewer, sender] of [
      [fox.page, chrome.page],
      [chrome.page, fox.page],
    ] as const) {
      const tile = (display: string) =>
        viewer.evaluate((display) => {
          const root = document.querySelector('video-conference')!.shadowRoot!;
          root.querySelector<HTMLElement>('video-player:not([peer-id=local])')!.style.display = display;
        }, display);
      await tile('none');
      await until(async () => (await sendingCamera(sender)).join() === 'false', 'the video paused');
      await tile('');
      await until(async () => (await sendingCamera(sender)).join() === 'true', 'the video resumed');
      await waitForRemoteVideo(viewer, 1);
    }
    await chrome.close();
    await fox.close();
  });
});
