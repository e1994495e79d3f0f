// npm run bench:join — how fast a call comes up and how well it runs, in headless Chromium and Firefox (Debian's
// chromium and firefox-esr, driven by puppeteer-core) with separate pages each embedding the served bundle,
// through a loopback relay. Chromium calls of 2, 4 and 6 participants, Firefox calls of 2, and calls of 2
// Chromium + 2 Firefox, adaptation on and off; and Chromium calls of 4, 6 and 8 in a mesh and on the SFU (a
// relay driving Debian's Janus, from deploy/janus/, that moves rooms onto it from 2 participants on): join() →
// first remote frame of the last one in (p50/p95), time until all its tiles are live, frames per second per
// tile after 10 s, what each participant sends, and Chromium's CPU where every participant is in Chromium.
// JOIN_ROWS=modes runs only the mesh / SFU rows. Bounded: every wait has a deadline. Prints a table.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser } from 'puppeteer-core';
import { buildRelay } from '../server/app.ts';
import { launchFirefox } from '../test/e2e/firefox.ts';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { startJanus } from '../test/support/janus-server.mjs';
import { MEASURE_MS, measure, type Run } from './join-call.ts';
import { joinPage } from './join-page.ts';

type Engine = 'chromium' | 'firefox';

/** The calls measured: participants' browsers in joining order (the last one in is timed), and how often. */
interface Setup {
  label: string;
  browsers: Engine[];
  repeats: number;
  adaptive: boolean[];
  /** How the media travel: peer to peer, or through the SFU. */
  mode: 'mesh' | 'sfu';
}

const chromiums = (size: number): Engine[] => Array<Engine>(size).fill('chromium');
// Fewer repeats for the calls with Firefox: a Firefox page costs more CPU, and the machine has 2 cores.
const SETUPS: Setup[] = [
  { label: 'Chromium', browsers: chromiums(2), repeats: 5, adaptive: [true, false], mode: 'mesh' },
  { label: 'Chromium', browsers: chromiums(4), repeats: 3, adaptive: [true, false], mode: 'mesh' },
  { label: 'Chromium', browsers: chromiums(6), repeats: 2, adaptive: [true, false], mode: 'mesh' },
  { label: 'Firefox', browsers: ['firefox', 'firefox'], repeats: 3, adaptive: [true, false], mode: 'mesh' },
  {
    label: '2 Chromium + 2 Firefox, Firefox last in',
    browsers: ['chromium', 'firefox', 'chromium', 'firefox'],
    repeats: 2,
    adaptive: [true],
    mode: 'mesh',
  },
  {
    label: '2 Chromium + 2 Firefox, Chromium last in',
    browsers: ['firefox', 'chromium', 'firefox', 'chromium'],
    repeats: 2,
    adaptive: [true],
    mode: 'mesh',
  },
];

/** Mesh and SFU side by side, in the same run. */
const MODES: Setup[] = [4, 6, 8].flatMap((size) =>
  (['mesh', 'sfu'] as const).map((mode) => ({
    label: 'Chromium',
    browsers: chromiums(size),
    repeats: size === 8 ? 1 : 2,
    adaptive: [true],
    mode,
  })),
);

const ROWS = process.env.JOIN_ROWS === 'modes' ? MODES : [...SETUPS, ...MODES];

/** Which row a call belongs to. */
interface Call {
  setup: Setup;
  adaptive: boolean;
}

interface Measured extends Run, Call {}

async function main(): Promise<void> {
  // Every page comes from 127.0.0.1: the per-address cap (20) would refuse the 7th page's connections.
  const limits = { rateLimitBurst: 1000, maxConnectionsPerIp: 200 };
  const relay = buildRelay({ maxPeersPerRoom: 8, ...limits });
  await relay.listen({ port: 0, host: '127.0.0.1' });
  const relayUrl = `http://127.0.0.1:${(relay.server.address() as AddressInfo).port}/`;
  const janus = await startJanus();
  const sfu = { urls: [janus.url], threshold: 2, maxPeers: 50, backAfterMs: 30_000 };
  const sfuRelay = buildRelay({ sfu, ...limits });
  await sfuRelay.listen({ port: 0, host: '127.0.0.1' });
  const sfuRelayUrl = `http://127.0.0.1:${(sfuRelay.server.address() as AddressInfo).port}/`;
  // The page at / embeds the mesh relay's bundle, the one at /sfu the SFU relay's.
  const site = createServer((request, response) =>
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(joinPage(request.url === '/sfu' ? sfuRelayUrl : relayUrl)),
  );
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
  const engines: Record<Engine, Browser> = {
    chromium: await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs }),
    firefox: await launchFirefox(),
  };

  const runs: Measured[] = [];
  const failed: Call[] = [];
  try {
    for (const [s, setup] of ROWS.entries()) {
      for (let repeat = 0; repeat < setup.repeats; repeat++) {
        for (const adaptive of setup.adaptive) {
          const browsers = setup.browsers.map((engine) => engines[engine]);
          const options = {
            room: `bench-${s}-${repeat}-${adaptive}`,
            adaptive,
            cpuOf: setup.browsers.every((engine) => engine === 'chromium')
              ? (engines.chromium.process()?.pid ?? null)
              : null,
          };
          // A call that fails (a missed deadline) is counted and said why, and the others still run: on a busy
          // shared machine one slow call should not cost the whole table.
          try {
            const url = setup.mode === 'sfu' ? `${siteUrl}sfu` : siteUrl;
            runs.push({ ...(await measure(browsers, url, options)), setup, adaptive });
            process.stderr.write('.');
          } catch (error) {
            failed.push({ setup, adaptive });
            process.stderr.write(`\n${(error as Error).message}\n`);
          }
        }
      }
    }
  } finally {
    process.stderr.write('\n');
    await Promise.all(Object.values(engines).map((browser) => browser.close()));
    await relay.close();
    await sfuRelay.close();
    await janus.remove();
    site.close();
  }
  report(runs, failed);
}

function report(runs: Measured[], failed: Call[]): void {
  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  };
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const ms = (values: number[], p: number) => `${Math.round(percentile(values, p))} ms`;
  const rows = [
    [
      'browsers',
      'mode',
      'peers',
      'adaptation',
      'runs',
      'failed',
      'first frame p50',
      'p95',
      'all live p50',
      'fps/tile mean',
      'min',
      'send kbit/s/participant',
      'Chromium CPU',
    ],
  ];
  for (const setup of ROWS) {
    for (const adaptive of setup.adaptive) {
      const set = runs.filter((run) => run.setup === setup && run.adaptive === adaptive);
      const fps = set.flatMap((run) => run.fps);
      const cpu = set.flatMap((run) => (run.cpuPercent === null ? [] : [run.cpuPercent]));
      rows.push([
        setup.label,
        setup.mode,
        String(setup.browsers.length),
        adaptive ? 'on' : 'off',
        String(set.length),
        String(failed.filter((run) => run.setup === setup && run.adaptive === adaptive).length),
        ms(
          set.map((r) => r.firstFrameMs),
          50,
        ),
        ms(
          set.map((r) => r.firstFrameMs),
          95,
        ),
        ms(
          set.map((r) => r.allLiveMs),
          50,
        ),
        mean(fps).toFixed(1),
        Math.min(...fps).toFixed(1),
        String(Math.round(mean(set.flatMap((r) => r.sendKbps)))),
        cpu.length ? `${Math.round(mean(cpu))} %` : '–',
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
  console.log(
    `\n${runs.length} calls, ${failed.length} failed; fps counts the frames each remote tile presents. CPU is % of` +
      ` one core, summed over the bench's Chromium processes, in the ${MEASURE_MS / 1000} s window; left out (–)` +
      ` where a participant is in Firefox.`,
  );
}

await main();
