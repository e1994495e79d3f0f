// Safari's engine, as far as this machine has it: Debian's WebKitGTK is built without WebRTC (no
// RTCPeerConnection), so the widget must say plainly that this browser cannot make calls, with nothing to
// retry, rather than fail somewhere later. Loads the relay's demo page in the MiniBrowser.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRelay, type Relay } from './harness.ts';
import { launchWebKit, webkitAvailable, type WebKitSession } from './webkit.ts';
import { xvfbAvailable } from './xvfb.ts';

const available = webkitAvailable() && xvfbAvailable();

describe('WebKitGTK', { timeout: 120_000, skip: available ? false : 'needs webkit2gtk-driver and xvfb' }, () => {
  let relay: Relay;
  let webkit: WebKitSession;
  before(async () => {
    relay = await startRelay();
    webkit = await launchWebKit();
  });
  after(async () => {
    await webkit?.close();
    await relay?.close();
  });

  it('loads the bundle and shows unsupported-browser, with no retry', async () => {
    await webkit.open(`${relay.url}?room=webkit-${Date.now()}&name=Safari`);
    const seen = async () =>
      JSON.parse(
        await webkit.run<string>(`
          const element = document.querySelector('video-conference');
          const status = element?.shadowRoot?.querySelector('[part~=status]');
          return JSON.stringify({
            webrtc: typeof RTCPeerConnection !== 'undefined',
            state: element?.state,
            code: status?.getAttribute('data-code') ?? null,
            text: status?.querySelector('p')?.textContent ?? '',
            actions: status?.querySelectorAll('[part~=action]').length ?? 0,
          });
        `),
      ) as { webrtc: boolean; state: string; code: string | null; text: string; actions: number };
    const deadline = Date.now() + 30_000;
    let view = await seen();
    // The overlay is in place at once; its words come with its chunk.
    while (!view.text && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      view = await seen();
    }
    assert.deepEqual(view, {
      webrtc: false,
      state: 'error',
      code: 'unsupported-browser',
      text: 'This browser cannot make video calls. Try a current Chrome, Edge, Firefox or Safari.',
      actions: 0,
    });
  });
});
