// Firefox for the end-to-end tests: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi, with
// fake camera and microphone, no permission prompts, autoplay allowed, and host candidates on loopback; and the
// set-up of the tests that put it in a call with Chromium.
import { after, before } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startJanus, type JanusServer } from '../support/janus-server.mjs';
import { launchChromium, startRelay, type Relay } from './harness.ts';

export const firefoxPath = '/usr/bin/firefox-esr';

const PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Camera and microphone for a window without focus too: several windows join at once, and Firefox would
  // otherwise hold getUserMedia() until the window is focused, which only the last one opened is.
  'media.devices.unfocused.enabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  // Audio contexts (the own-level meter) run without a click first, as a click on Join would let them, and
  // without a sound card: the machine has none, and a real audio context never leaves `suspended` there.
  'media.autoplay.block-webaudio': false,
  'media.cubeb.force_mock_context': true,
  // Both ends on 127.0.0.1: Firefox leaves loopback out of ICE and hides host addresses behind mDNS otherwise.
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
};

/** Headless, or with windows on an X display (`display`, e.g. Xvfb's): only a Firefox with a screen can share one. */
export function launchFirefox({ display }: { display?: string } = {}): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: !display,
    extraPrefsFirefox: PREFS,
    ...(display ? { env: { ...process.env, DISPLAY: display } } : {}),
  });
}

/**
 * For the tests of a `describe` block: a relay (with `sfu`, on a Janus of its own, rooms moving onto it at three),
 * a Chromium and a Firefox, started before them and closed after them. Read them from the returned object inside
 * the tests.
 */
export function relayChromiumFirefox({ sfu = false } = {}): { relay: Relay; chromium: Browser; firefox: Browser } {
  const started = {} as { relay: Relay; chromium: Browser; firefox: Browser; janus?: JanusServer };
  before(async () => {
    if (sfu) started.janus = await startJanus();
    const { janus } = started;
    started.relay = await startRelay(
      janus ? { sfu: { urls: [janus.url], threshold: 3, maxPeers: 10, backAfterMs: 30_000 } } : {},
    );
    started.chromium = await launchChromium();
    started.firefox = await launchFirefox();
  });
  after(async () => {
    await started.firefox?.close();
    await started.chromium?.close();
    await started.relay?.close();
    await started.janus?.remove();
  });
  return started;
}
