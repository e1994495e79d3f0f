// A call page for the cross-browser tests, in any browser puppeteer drives (Chromium over CDP, Firefox over
// WebDriver BiDi): it records the page's peer connections, so a test can read their stats and senders, and
// finds which of them still send the camera.
import type { Browser, Page } from 'puppeteer-core';

/** The part of <video-conference>'s public API these tests use (the e2e program does not compile src/). */
interface VideoConferenceApi extends HTMLElement {
  state: string;
  participants: Array<{
    id: string;
    name: string;
    local: boolean;
    audio: boolean;
    video: boolean;
    speaking: boolean;
    screen: MediaStream | null;
  }>;
  localStream: MediaStream | null;
  activeSpeaker: string | null;
  mode: 'mesh' | 'sfu';
  messages: ReadonlyArray<{ text: string; local: boolean }>;
  getStats(): Record<string, { safetyCode?: string; path: string }>;
  testConnectivity(): Promise<{ relay: boolean; srflx: boolean }>;
  toggleMicrophone(force?: boolean): Promise<void>;
  toggleCamera(force?: boolean): Promise<void>;
  startScreenShare(): Promise<void>;
  stopScreenShare(): void;
  sendMessage(text: string): void;
  send(data: unknown): void;
  leave(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'video-conference': VideoConferenceApi;
  }
  interface Window {
    /** Every RTCPeerConnection the page made, recorded by openCallPage(). */
    connections: RTCPeerConnection[];
  }
}

/**
 * Opens `url` in a window of its own, in a browser context of its own, recording its peer connections; `close()`
 * closes the context, which a closed page would leave behind. A window, not a tab: Firefox opens a new context's
 * tab in the same window, where the earlier tab becomes a hidden page, and the widget (rightly) stops receiving
 * video for a page nobody sees.
 */
export async function openCallPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage({ type: 'window' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.evaluateOnNewDocument(() => {
    window.connections = [];
    const Native = RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        window.connections.push(this);
      }
    };
  });
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** Bytes received so far on the page's inbound RTP streams of `kind`, over every connection. */
export function bytesReceived(page: Page, kind: 'audio' | 'video'): Promise<number> {
  return page.evaluate(async (kind) => {
    let bytes = 0;
    for (const pc of window.connections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === kind) bytes += report.bytesReceived ?? 0;
      });
    }
    return bytes;
  }, kind);
}

/** Whether the page still sends its camera, on every connection (the first encoding of each camera sender). */
export function sendingCamera(page: Page): Promise<boolean[]> {
  return page.evaluate(() => {
    const element = document.querySelector('video-conference')!;
    const camera = element.localStream?.getVideoTracks()[0];
    return window.connections
      .flatMap((pc) => pc.getSenders())
      .filter((sender) => sender.track && sender.track === camera)
      .map((sender) => sender.getParameters().encodings[0]?.active !== false);
  });
}

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function until<T>(check: () => Promise<T>, what: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
