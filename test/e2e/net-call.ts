// What the network tests run in the namespaces of netns.ts: the built relay and Debian's coturn in the
// internet, a Chromium in each home (driven over a pipe), and a look at the call's ICE path in a page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
// The widget's API as the page sees it (widgetStats, connectivity), for any program that compiles this file.
import type {} from './call-page.ts';
import { INTERNET, INTERNET_IP, spawnIn, waitForListener } from './netns.ts';

const RELAY_MAIN = fileURLToPath(new URL('../../dist/relay/main.js', import.meta.url));
const RELAY_PORT = 8080;
const TURN_PORT = 3478;
const TURN_SECRET = 'vct-turn-secret';

export const RELAY_URL = `http://${INTERNET_IP}:${RELAY_PORT}/`;

/** The built relay in the internet namespace, handing out credentials for the TURN server there. */
export async function startRelay(): Promise<() => void> {
  const relay = spawnIn(INTERNET, [process.execPath, RELAY_MAIN], {
    HOST: INTERNET_IP,
    PORT: String(RELAY_PORT),
    TURN_URLS: `turn:${INTERNET_IP}:${TURN_PORT}?transport=udp`,
    TURN_SECRET,
    LOG_LEVEL: 'warn',
  });
  await waitForListener(INTERNET, 'tcp', RELAY_PORT).catch((error: Error) => {
    throw new Error(`${error.message}\n${relay.log.join('')}`);
  });
  return () => void relay.kill('SIGKILL');
}

/** Debian's coturn in the internet namespace, with the relay's shared secret (TURN REST API), UDP only. */
export async function startTurn(): Promise<() => void> {
  const dir = await mkdtemp(join(tmpdir(), 'vct-turn-'));
  const turn = spawnIn(INTERNET, [
    'turnserver',
    '-n',
    `--listening-ip=${INTERNET_IP}`,
    `--relay-ip=${INTERNET_IP}`,
    `--listening-port=${TURN_PORT}`,
    '--use-auth-secret',
    `--static-auth-secret=${TURN_SECRET}`,
    '--realm=vct.test',
    '--fingerprint',
    '--no-tcp',
    '--no-tls',
    '--no-dtls',
    '--no-tcp-relay',
    '--no-cli',
    // The homes' own addresses are private, as a production coturn's config denies private ranges. The internet
    // has no route to them: coturn, relaying an ICE check there, gets ENETUNREACH and closes the whole allocation,
    // so the call's relayed path died within seconds and the selected pair pointed at a port that was gone.
    '--denied-peer-ip=198.18.11.0-198.18.12.255',
    '--log-file=stdout',
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    `--userdb=${join(dir, 'turndb')}`,
  ]);
  await waitForListener(INTERNET, 'udp', TURN_PORT).catch((error: Error) => {
    throw new Error(`${error.message}\n${turn.log.join('')}`);
  });
  return () => {
    turn.kill('SIGKILL');
    void rm(dir, { recursive: true, force: true });
  };
}

/**
 * Chromium inside `ns`, through a wrapper script that `ip netns exec`s it; driven over a pipe, since a
 * debugging port inside the namespace would be out of the test's reach. The relay's plain-http origin counts
 * as secure, as getUserMedia needs.
 */
export async function launchChromiumIn(ns: string): Promise<Browser> {
  const dir = await mkdtemp(join(tmpdir(), `${ns}-`));
  const wrapper = join(dir, 'chromium');
  await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${chromiumPath} "$@"\n`, { mode: 0o755 });
  const browser = await puppeteer.launch({
    executablePath: wrapper,
    pipe: true,
    headless: true,
    userDataDir: join(dir, 'profile'),
    args: [...chromiumArgs, `--unsafely-treat-insecure-origin-as-secure=${RELAY_URL.slice(0, -1)}`],
  });
  // Chromium may still be writing its profile as it exits: removing the directory is worth a few tries only.
  browser.once('disconnected', () => void rm(dir, { recursive: true, force: true, maxRetries: 5 }).catch(() => {}));
  return browser;
}

/**
 * Opens the demo page in `room` as `name`, keeping every RTCPeerConnection the page makes in reach
 * (`vctPeerConnections`) and the ids of the `vc-peer-left` events it fires (`vctPeerLeft`).
 */
export async function openCall(browser: Browser, room: string, name: string): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.evaluateOnNewDocument(() => {
    const Native = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    (window as unknown as { vctPeerConnections: RTCPeerConnection[] }).vctPeerConnections = made;
    const left: string[] = [];
    (window as unknown as { vctPeerLeft: string[] }).vctPeerLeft = left;
    document.addEventListener('vc-peer-left', (event) => left.push((event as CustomEvent<{ id: string }>).detail.id));
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        made.push(this);
      }
    };
  });
  await page.goto(`${RELAY_URL}?room=${room}&name=${name}`);
  return page;
}

/** The candidate types (local, remote) of the selected pair of each connected peer connection on the page. */
export function selectedPairTypes(page: Page): Promise<string[][]> {
  return page.evaluate(async () => {
    const made = (window as unknown as { vctPeerConnections: RTCPeerConnection[] }).vctPeerConnections;
    const connected = made.filter((pc) => pc.connectionState === 'connected');
    return Promise.all(
      connected.map(async (pc) => {
        const report = await pc.getStats();
        let pair: { localCandidateId: string; remoteCandidateId: string } | undefined;
        report.forEach((entry) => {
          if (entry.type === 'transport' && entry.selectedCandidatePairId)
            pair = report.get(entry.selectedCandidatePairId);
        });
        if (!pair) return [];
        return [report.get(pair.localCandidateId).candidateType, report.get(pair.remoteCandidateId).candidateType];
      }),
    );
  });
}

/** The widget's per-participant figures (getStats()). */
export function widgetStats(page: Page): Promise<Record<string, { path: string }>> {
  return page.evaluate(() => document.querySelector('video-conference')!.getStats());
}

/** The widget's connectivity check (testConnectivity()). */
export function connectivity(page: Page): Promise<{ relay: boolean; srflx: boolean }> {
  return page.evaluate(() => document.querySelector('video-conference')!.testConnectivity());
}

/** Polls `read` until `check` accepts its value; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
