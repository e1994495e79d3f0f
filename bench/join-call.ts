// One timed call of bench:join: a page per participant, each in the browser given for it, all but the last
// joined and settled, then the last one in timed to its first remote frame, then frame rates and upload.
import { readFileSync, readdirSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import type { Sample, Timing } from './join-page.ts';

const JOINED_SETTLE_MS = 1_000;
const SETTLE_MS = 10_000;
export const MEASURE_MS = 3_000;
const DEADLINE_MS = 60_000;

export interface Run {
  firstFrameMs: number;
  allLiveMs: number;
  /** Frames presented per second, per remote tile of every participant. */
  fps: number[];
  sendKbps: number[];
  /** Chromium's CPU, % of one core, when asked for. */
  cpuPercent: number | null;
}

export interface CallOptions {
  room: string;
  adaptive: boolean;
  /** The Chromium process whose CPU to measure (with its children): only when every participant is in it. */
  cpuOf: number | null;
}

/** One call, a page per entry of `browsers` in joining order; the last one in is timed. */
export async function measure(
  browsers: Browser[],
  siteUrl: string,
  { room, adaptive, cpuOf }: CallOptions,
): Promise<Run> {
  const pages: Page[] = [];
  try {
    for (const browser of browsers) {
      // A window of its own for each participant: a background tab is a hidden page (in Firefox, a second
      // tab hides the first), and the widget stops receiving video for a page nobody sees.
      const tab = await (await browser.createBrowserContext()).newPage({ type: 'window' });
      await tab.setViewport({ width: 700, height: 500 });
      await tab.goto(siteUrl);
      pages.push(tab);
    }
    const start = (tab: Page, i: number) =>
      tab.evaluate(
        (r, n, a, o) => (window as never as { startCall: Function }).startCall(r, n, a, o),
        room,
        `P${i}`,
        adaptive,
        i,
      );
    // The others are in the call and see each other before the last one joins, as when joining a call in
    // progress; then a short pause lets their encoders and bandwidth estimates settle.
    for (const [i, tab] of pages.slice(0, -1).entries()) {
      await start(tab, i);
      await until(
        tab,
        `document.querySelector('video-conference').state === 'joined' && (${i} === 0 || window.result.allLive > 0)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, JOINED_SETTLE_MS));
    const last = pages.at(-1)!;
    await start(last, pages.length - 1);
    await until(last, 'window.result.allLive > 0');
    const { firstFrame, allLive } = await last.evaluate(() => (window as never as { result: Timing }).result);

    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const cpuBefore = cpuOf === null ? 0 : cpuSeconds(cpuOf);
    const sample = (tab: Page) => tab.evaluate('window.sample()') as Promise<Sample>;
    const before = await Promise.all(pages.map(sample));
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    const after = await Promise.all(pages.map(sample));
    const cpuUsed = cpuOf === null ? 0 : cpuSeconds(cpuOf) - cpuBefore;
    const fps = after.flatMap((sample, p) =>
      Object.entries(sample.presented).map(
        ([id, frames]) => ((frames - (before[p]!.presented[id] ?? 0)) * 1000) / (sample.at - before[p]!.at),
      ),
    );
    return {
      firstFrameMs: firstFrame,
      allLiveMs: allLive,
      fps,
      sendKbps: after.map((sample, p) => ((sample.bytesSent - before[p]!.bytesSent) * 8) / (sample.at - before[p]!.at)),
      cpuPercent: cpuOf === null ? null : (cpuUsed / (MEASURE_MS / 1000)) * 100,
    };
  } finally {
    await Promise.all(pages.map((tab) => tab.browserContext().close()));
  }
}

/** Waits for `expression` to hold in `tab`; past the deadline, fails saying what was awaited and what was seen. */
async function until(tab: Page, expression: string): Promise<void> {
  try {
    await tab.waitForFunction(expression, { timeout: DEADLINE_MS, polling: 20 });
  } catch (error) {
    const seen = await tab.evaluate(
      'JSON.stringify({ state: document.querySelector("video-conference")?.state, ...window.result })',
    );
    throw new Error(`waited for ${expression} in ${tab.url()}; saw ${seen}`, { cause: error });
  }
}

/**
 * CPU seconds used so far by the browser process `root` and all its descendants (from /proc: utime + stime, in
 * clock ticks): only this bench's Chromium, not another one sharing the machine.
 */
function cpuSeconds(root: number): number {
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      stats.set(Number(pid), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  const within = (pid: number): boolean => pid === root || (pid > 1 && within(stats.get(pid)?.parent ?? 0));
  let ticks = 0;
  for (const [pid, { ticks: own }] of stats) if (within(pid)) ticks += own;
  return ticks / 100;
}
