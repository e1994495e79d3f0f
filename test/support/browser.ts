// Helpers for browser tests: the relay started by the test runner, unique rooms, bounded waits, and
// checks on what a <video-conference> shows.
import { fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import type { VideoPlayer } from '../../src/components/video-player/video-player.ts';

type RelayCommand =
  | 'relay-url'
  | 'relay-stop'
  | 'relay-start'
  | 'relay-drop-connections'
  | 'mint-join-token'
  | 'heartbeat-relay'
  | 'two-seat-relay'
  | 'sfu-relay'
  | 'shrinking-relay'
  | 'failover-relay'
  | 'failover-janus-stop'
  | 'two-node-relay'
  | 'scale-out-janus-stop'
  | 'two-node-janus-stop';

/** Asks the test runner's relay plugin (test/support/relay-plugin.mjs): a relay's URL, or a join token. */
export async function relayCommand(command: RelayCommand, payload?: unknown): Promise<string> {
  return (await executeServerCommand(command, payload)) as string;
}

/** The relay that requires a password or a join token (mint-join-token makes those). */
export async function protectedRelay(): Promise<{ url: string; password: string }> {
  return (await executeServerCommand('protected-relay')) as { url: string; password: string };
}

/** A relay with TURN credentials that last 2 s (for an unreachable TURN server), and the secret they are made with. */
export async function turnRelay(): Promise<{ url: string; secret: string }> {
  return (await executeServerCommand('turn-relay')) as { url: string; secret: string };
}

/** Two relays that share one Redis (started on first use), as a scaled-out deployment runs them; with an SFU. */
export async function scaleOutRelays(command: 'scale-out-relays' | 'scale-out-sfu-relays' = 'scale-out-relays') {
  return (await executeServerCommand(command)) as [string, string];
}

/**
 * Every instance of a browser class (`RTCPeerConnection`, `AudioContext`) the page creates while the tests of
 * the calling `describe` block run (it wraps the constructor in a `before` hook and puts it back in an `after`
 * hook).
 */
export function recordInstances<T extends object>(name: 'RTCPeerConnection' | 'AudioContext'): T[] {
  const instances: T[] = [];
  const scope = globalThis as unknown as Record<string, new (...args: unknown[]) => T>;
  const Native = scope[name]!;
  before(() => {
    scope[name] = class extends (Native as new (...args: unknown[]) => object) {
      constructor(...args: unknown[]) {
        super(...args);
        instances.push(this as unknown as T);
      }
    } as new (...args: unknown[]) => T;
  });
  after(() => {
    scope[name] = Native;
  });
  return instances;
}

/** Every RTCPeerConnection the page creates while the tests of the calling `describe` block run. */
export function recordPeerConnections(): RTCPeerConnection[] {
  return recordInstances<RTCPeerConnection>('RTCPeerConnection');
}

export function uniqueRoom(): string {
  return `test-${crypto.randomUUID()}`;
}

/** Polls until `check` returns a truthy value; fails with `message` after `timeoutMs`. */
export async function waitFor<T>(check: () => T, message: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves with the detail of the next `type` event on `target` (the next one that passes `filter`, if given). */
export function nextEvent<T>(
  target: EventTarget,
  type: string,
  timeoutMs = 30_000,
  filter: (detail: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (event: Event): void => {
      const { detail } = event as CustomEvent<T>;
      if (!filter(detail)) return;
      clearTimeout(timer);
      target.removeEventListener(type, listener);
      resolve(detail);
    };
    const timer = setTimeout(() => {
      target.removeEventListener(type, listener);
      reject(new Error(`no ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    target.addEventListener(type, listener);
  });
}

/** Waits until the widget has rendered for its current size (its size controller re-renders on the next frame). */
export async function settled(element: VideoConference): Promise<void> {
  for (let frame = 0; frame < 3; frame++) {
    await new Promise(requestAnimationFrame);
    await element.updateComplete;
  }
}

export function tiles(element: VideoConference): VideoPlayer[] {
  return [...element.shadowRoot!.querySelectorAll('video-player')];
}

export function remoteTiles(element: VideoConference): VideoPlayer[] {
  return tiles(element).filter((tile) => tile.peerId !== 'local');
}

export function videoOf(tile: VideoPlayer): HTMLVideoElement {
  return tile.shadowRoot!.querySelector('video')!;
}

/** Waits until the tile's video has decoded frames: it has a size and its playback position moves on. */
export async function waitForDecodedVideo(tile: VideoPlayer): Promise<void> {
  const video = videoOf(tile);
  await waitFor(() => video.videoWidth > 0 && video.currentTime > 0, `video of ${tile.peerId}`);
  const start = video.currentTime;
  await waitFor(() => video.currentTime > start, `frames advancing in ${tile.peerId}`);
}

/**
 * A call between elements named `names` in one page (a fixture), resolved once everyone sees everyone's
 * decoded video. Each is 320×240, so that four fit in the test browser's 800×600 viewport: nobody sends
 * video to a tile out of view.
 */
export async function callOf(
  names: string[],
  server?: string,
): Promise<{ elements: VideoConference[]; room: string; server: string }> {
  server ??= await relayCommand('relay-url');
  const room = uniqueRoom();
  const page = await fixture<HTMLElement>(html`
    <div style="display: grid; grid-template-columns: repeat(2, 320px); grid-auto-rows: 240px; gap: 8px">
      ${names.map((name) => html`<video-conference server=${server} room=${room} name=${name}></video-conference>`)}
    </div>
  `);
  const elements = [...page.querySelectorAll('video-conference')] as VideoConference[];
  const others = names.length - 1;
  for (const element of elements) await waitFor(() => remoteTiles(element).length === others, 'everyone connected');
  for (const element of elements) for (const tile of remoteTiles(element)) await waitForDecodedVideo(tile);
  return { elements, room, server };
}
