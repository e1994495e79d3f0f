// One timed call of bench:join: a page per participant, each in the browser given for it, all but the last
// joined and settled (with their background on, if asked), then the last one in timed to its first remote frame,
// then frame rates shown and sent, upload, the encoders' CPU limitation and Chromium's CPU.
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
  /** The whole machine's CPU meanwhile, % of one core: how much else (other work sharing it) ran beside. */
  machinePercent: number;
  /** Per participant: ms from join() to the first frame of its own tile (with a background, the effect's). */
  ownFirstMs: number[];
  /** Per participant: frames per second of its own tile, the track it sends (drawn by the effect, if on). */
  ownFps: number[];
  /** Per outgoing video stream (a sender to a receiver): frames sent per second. */
  sentFps: number[];
  /** Per outgoing video stream: the share of the window its encoder was held back by the CPU... */
  cpuLimitedShare: number[];
  /** ...and whether it said so at the end (qualityLimitationReason 'cpu'). */
  cpuLimitedNow: boolean[];
}

/** What every participant's widget sends behind them. */
export type Background = 'none' | 'blur';

export interface CallOptions {
  room: string;
  adaptive: boolean;
  /** The Chromium process whose CPU to measure (with its children): only when every participant is in it. */
  cpuOf: number | null;
  background: Background;
}

/** One call, a page per entry of `browsers` in joining order; the last one in is timed. */
export async function measure(
  browsers: Browser[],
  siteUrl: string,
  { room, adaptive, cpuOf, background }: CallOptions,
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
        (r, n, a, o, b) => (window as never as { startCall: Function }).startCall(r, n, a, o, b),
        room,
        `P${i}`,
        adaptive,
        i,
        background,
      );
    // With a background, each one's effect is up (its first frame drawn) before the next one joins.
    const up = background === 'none' ? 'true' : 'window.result.ownFirst > 0';
    // The others are in the call and see each other before the last one joins, as when joining a call in
    // progress; then a short pause lets their encoders and bandwidth estimates settle.
    for (const [i, tab] of pages.slice(0, -1).entries()) {
      await start(tab, i);
      await until(
        tab,
        `document.querySelector('video-conference').state === 'joined' && (${i} === 0 || window.result.allLive > 0)` +
          ` && ${up}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, JOINED_SETTLE_MS));
    const last = pages.at(-1)!;
    await start(last, pages.length - 1);
    await until(last, `window.result.allLive > 0 && ${up}`);
    const { firstFrame, allLive } = await last.evaluate(() => (window as never as { result: Timing }).result);

    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // CPU over the wall time between its two readings: the samples around the window take time too, seconds
    // when the pages keep both cores busy.
    const cpuBefore = {
      seconds: cpuOf === null ? 0 : cpuSeconds(cpuOf),
      machine: machineSeconds(),
      at: performance.now(),
    };
    const sample = (tab: Page) => tab.evaluate('window.sample()') as Promise<Sample>;
    const before = await Promise.all(pages.map(sample));
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    const after = await Promise.all(pages.map(sample));
    const cpuUsed = cpuOf === null ? 0 : cpuSeconds(cpuOf) - cpuBefore.seconds;
    const machineUsed = machineSeconds() - cpuBefore.machine;
    const cpuWindow = (performance.now() - cpuBefore.at) / 1000;
    const timings = await Promise.all(
      pages.map((tab) => tab.evaluate(() => (window as never as { result: Timing }).result)),
    );
    // A row says blur only if every widget says it sends it.
    const unlike = timings.findIndex((timing) => timing.background !== background);
    if (unlike >= 0) throw new Error(`P${unlike} sends background ${JSON.stringify(timings[unlike])}`);
    const perSecond = (p: number, frames: (sample: Sample) => number) =>
      ((frames(after[p]!) - frames(before[p]!)) * 1000) / (after[p]!.at - before[p]!.at);
    const streams = after.flatMap((sample, p) =>
      Object.entries(sample.video).map(([id, now]) => ({ p, now, then: before[p]!.video[id] })),
    );
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
      cpuPercent: cpuOf === null ? null : (cpuUsed / cpuWindow) * 100,
      machinePercent: (machineUsed / cpuWindow) * 100,
      ownFirstMs: timings.map((timing) => timing.ownFirst),
      ownFps: pages.map((_, p) => perSecond(p, (sample) => sample.own)),
      // Streams that began within the window are left out: they would count from zero.
      sentFps: streams.flatMap(({ p, now, then }) =>
        then ? [((now.framesSent - then.framesSent) * 1000) / (after[p]!.at - before[p]!.at)] : [],
      ),
      cpuLimitedShare: streams.flatMap(({ p, now, then }) =>
        then ? [((now.cpuLimited - then.cpuLimited) * 1000) / (after[p]!.at - before[p]!.at)] : [],
      ),
      cpuLimitedNow: streams.map(({ now }) => now.limitation === 'cpu'),
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

/** CPU seconds the whole machine has been busy, over all its cores (from /proc/stat: all but idle and iowait). */
function machineSeconds(): number {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  return (total - ticks[3]! - ticks[4]!) / 100;
}
