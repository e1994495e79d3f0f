// npm run bench:join — how fast a call comes up and how well it runs, in headless Chromium (puppeteer-core,
// Debian's chromium) with separate pages each embedding the served bundle, through a loopback relay.
// For 2, 4 and 6 participants, adaptation on and off in the same run: join() → first remote frame of the
// last one in (p50/p95), time until all its tiles are live, decoded fps per tile after 10 s, what each
// participant sends, and Chromium's CPU. Bounded: every wait has a deadline. Prints a table.
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { buildRelay } from '../server/app.ts';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';

const SIZES = [2, 4, 6];
const REPEATS: Record<number, number> = { 2: 5, 4: 3, 6: 2 };
const JOINED_SETTLE_MS = 1_000;
const SETTLE_MS = 10_000;
const MEASURE_MS = 3_000;
const DEADLINE_MS = 60_000;

interface Run {
  size: number;
  adaptive: boolean;
  firstFrameMs: number;
  allLiveMs: number;
  fps: number[];
  sendKbps: number[];
  cpuPercent: number;
}

/** The page each participant opens: the one-script-tag embed, and a hook to join and time it. */
const page = (relay: string) => `<!doctype html>
<meta charset="utf-8">
<style>video-conference { width: 640px; } body { margin: 0; }</style>
<script type="module" src="${relay}video-conference.js"></script>
<script type="module">
  window.startCall = (room, name, adaptive, others) => {
    const result = { start: performance.now(), firstFrame: 0, allLive: 0 };
    window.result = result;
    const element = document.createElement('video-conference');
    element.setAttribute('room', room);
    element.setAttribute('name', name);
    if (!adaptive) element.setAttribute('fixed-quality', '');
    const live = new Set();
    const watch = () => {
      for (const tile of element.shadowRoot?.querySelectorAll('video-player') ?? []) {
        const video = tile.shadowRoot?.querySelector('video');
        const id = tile.getAttribute('peer-id');
        if (!video || id === 'local' || video.dataset.watched) continue;
        video.dataset.watched = '1';
        video.requestVideoFrameCallback(() => {
          live.add(id);
          const now = performance.now() - result.start;
          if (!result.firstFrame) result.firstFrame = now;
          if (live.size >= others && !result.allLive) result.allLive = now;
        });
      }
      if (!result.allLive) setTimeout(watch, 10);
    };
    document.body.append(element);
    watch();
  };
  window.sample = () => {
    const element = document.querySelector('video-conference');
    const frames = [...element.shadowRoot.querySelectorAll('video-player')]
      .filter((tile) => tile.getAttribute('peer-id') !== 'local')
      .map((tile) => tile.shadowRoot.querySelector('video').getVideoPlaybackQuality().totalVideoFrames);
    const sendKbps = Object.values(element.getStats()).reduce((sum, stats) => sum + stats.sendKbps, 0);
    return { frames, sendKbps, at: performance.now() };
  };
</script>`;

async function main(): Promise<void> {
  const relay = buildRelay({ maxPeersPerRoom: 8, rateLimitBurst: 1000 });
  await relay.listen({ port: 0, host: '127.0.0.1' });
  const relayUrl = `http://127.0.0.1:${(relay.server.address() as AddressInfo).port}/`;
  const site = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end(page(relayUrl)),
  );
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });

  const runs: Run[] = [];
  try {
    for (const size of SIZES) {
      for (let repeat = 0; repeat < REPEATS[size]!; repeat++) {
        for (const adaptive of [true, false]) {
          runs.push(await measure(browser, siteUrl, size, adaptive, `bench-${size}-${repeat}-${adaptive}`));
          process.stderr.write('.');
        }
      }
    }
  } finally {
    process.stderr.write('\n');
    await browser.close();
    await relay.close();
    site.close();
  }
  report(runs);
}

/** One call of `size` pages: all but one join and settle, then the last joins and is timed. */
async function measure(browser: Browser, siteUrl: string, size: number, adaptive: boolean, room: string): Promise<Run> {
  const pages: Page[] = [];
  try {
    for (let i = 0; i < size; i++) {
      // A context of its own gives each participant a window of its own: a background tab is a hidden page,
      // and the widget stops receiving video for a page nobody sees.
      const tab = await (await browser.createBrowserContext()).newPage();
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
    await start(last, size - 1);
    await until(last, 'window.result.allLive > 0');
    const { firstFrame, allLive } = await last.evaluate(
      () => (window as never as { result: { firstFrame: number; allLive: number } }).result,
    );

    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const cpuBefore = chromiumCpuSeconds();
    const before = await Promise.all(pages.map((tab) => tab.evaluate('window.sample()') as Promise<Sample>));
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    const after = await Promise.all(pages.map((tab) => tab.evaluate('window.sample()') as Promise<Sample>));
    const cpu = chromiumCpuSeconds() - cpuBefore;
    const fps = after.flatMap((sample, p) =>
      sample.frames.map((frames, t) => ((frames - (before[p]!.frames[t] ?? 0)) * 1000) / (sample.at - before[p]!.at)),
    );
    return {
      size,
      adaptive,
      firstFrameMs: firstFrame,
      allLiveMs: allLive,
      fps,
      sendKbps: after.map((sample) => sample.sendKbps),
      cpuPercent: (cpu / (MEASURE_MS / 1000)) * 100,
    };
  } finally {
    await Promise.all(pages.map((tab) => tab.browserContext().close()));
  }
}

interface Sample {
  frames: number[];
  sendKbps: number;
  at: number;
}

async function until(tab: Page, expression: string): Promise<void> {
  await tab.waitForFunction(expression, { timeout: DEADLINE_MS, polling: 20 });
}

/** CPU seconds used so far by every Chromium process (from /proc: utime + stime, in clock ticks). */
function chromiumCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100;
}

function report(runs: Run[]): void {
  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  };
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const rows = [
    [
      'peers',
      'adaptation',
      'runs',
      'first frame p50',
      'p95',
      'all live p50',
      'fps/tile mean',
      'min',
      'send kbit/s/participant',
      'Chromium CPU',
    ],
  ];
  for (const size of SIZES) {
    for (const adaptive of [true, false]) {
      const set = runs.filter((run) => run.size === size && run.adaptive === adaptive);
      const fps = set.flatMap((run) => run.fps);
      rows.push([
        String(size),
        adaptive ? 'on' : 'off',
        String(set.length),
        `${Math.round(
          percentile(
            set.map((r) => r.firstFrameMs),
            50,
          ),
        )} ms`,
        `${Math.round(
          percentile(
            set.map((r) => r.firstFrameMs),
            95,
          ),
        )} ms`,
        `${Math.round(
          percentile(
            set.map((r) => r.allLiveMs),
            50,
          ),
        )} ms`,
        mean(fps).toFixed(1),
        Math.min(...fps).toFixed(1),
        String(Math.round(mean(set.flatMap((r) => r.sendKbps)))),
        `${Math.round(mean(set.map((r) => r.cpuPercent)))} %`,
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
  console.log(
    `\n${runs.length} calls; CPU is % of one core, summed over all Chromium processes, in the ${MEASURE_MS / 1000} s window.`,
  );
}

await main();
