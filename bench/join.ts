// npm run bench:join — how fast a call comes up and how well it runs, in headless Chromium and Firefox (Debian's
// chromium and firefox-esr, driven by puppeteer-core) with separate pages each embedding the served bundle,
// through a loopback relay. Chromium calls of 2, 4 and 6 participants, Firefox calls of 2, and calls of 2
// Chromium + 2 Firefox, adaptation on and off; and Chromium calls of 4, 6 and 8 in a mesh and on the SFU (a
// relay driving Debian's Janus, from deploy/janus/, that moves rooms onto it from 2 participants on): join() →
// first remote frame of the last one in (p50/p95), time until all its tiles are live, frames per second per
// tile after 10 s, what each participant sends, and Chromium's CPU where every participant is in Chromium. And
// Chromium calls of 2 and 4 with everyone's background blurred (the widget's background="blur": segmentation and
// WebGL in each sender's page), beside the same calls without, in the same run: the same figures, plus each
// sender's own track and outgoing streams in frames per second, and whether its encoders were held back by the
// CPU. JOIN_ROWS=modes runs only the mesh / SFU rows, JOIN_ROWS=blur only the blur rows (build first: the relay
// serves the effect's files from dist/). Bounded: every wait has a deadline. Prints a table, and one for blur.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser } from 'puppeteer-core';
import { buildRelay } from '../server/app.ts';
import { launchFirefox } from '../test/e2e/firefox.ts';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { startJanus } from '../test/support/janus-server.mjs';
import { measure, type Background } from './join-call.ts';
import { joinPage } from './join-page.ts';
import { report, type Call, type Measured } from './join-table.ts';

type Engine = 'chromium' | 'firefox';

/** The calls measured: participants' browsers in joining order (the last one in is timed), and how often. */
export interface Setup {
  label: string;
  browsers: Engine[];
  repeats: number;
  adaptive: boolean[];
  /** How the media travel: peer to peer, or through the SFU. */
  mode: 'mesh' | 'sfu';
  /** What everyone's widget sends behind them (each repeat runs them all, one after the other). */
  backgrounds: Background[];
}

const chromiums = (size: number): Engine[] => Array<Engine>(size).fill('chromium');
// Fewer repeats for the calls with Firefox: a Firefox page costs more CPU, and the machine has 2 cores.
const SETUPS: Setup[] = [
  {
    label: 'Chromium',
    browsers: chromiums(2),
    repeats: 5,
    adaptive: [true, false],
    mode: 'mesh',
    backgrounds: ['none'],
  },
  {
    label: 'Chromium',
    browsers: chromiums(4),
    repeats: 3,
    adaptive: [true, false],
    mode: 'mesh',
    backgrounds: ['none'],
  },
  {
    label: 'Chromium',
    browsers: chromiums(6),
    repeats: 2,
    adaptive: [true, false],
    mode: 'mesh',
    backgrounds: ['none'],
  },
  {
    label: 'Firefox',
    browsers: ['firefox', 'firefox'],
    repeats: 3,
    adaptive: [true, false],
    mode: 'mesh',
    backgrounds: ['none'],
  },
  {
    label: '2 Chromium + 2 Firefox, Firefox last in',
    browsers: ['chromium', 'firefox', 'chromium', 'firefox'],
    repeats: 2,
    adaptive: [true],
    mode: 'mesh',
    backgrounds: ['none'],
  },
  {
    label: '2 Chromium + 2 Firefox, Chromium last in',
    browsers: ['firefox', 'chromium', 'firefox', 'chromium'],
    repeats: 2,
    adaptive: [true],
    mode: 'mesh',
    backgrounds: ['none'],
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
    backgrounds: ['none'],
  })),
);

/** Blur on and off side by side, in the same run (the effect's WebAssembly compiles once per page). */
const BLUR: Setup[] = [2, 4].map((size) => ({
  label: 'Chromium',
  browsers: chromiums(size),
  repeats: size === 2 ? 3 : 2,
  adaptive: [true],
  mode: 'mesh',
  backgrounds: ['none', 'blur'],
}));

const SELECTIONS: Record<string, Setup[]> = { modes: MODES, blur: BLUR };
const selection = process.env.JOIN_ROWS;
if (selection && !(selection in SELECTIONS)) {
  throw new Error(`JOIN_ROWS=${selection}: one of ${Object.keys(SELECTIONS).join(', ')}, or unset for all rows`);
}
const ROWS = selection ? SELECTIONS[selection]! : [...SETUPS, ...MODES, ...BLUR];

async function main(): Promise<void> {
  // Every page comes from 127.0.0.1: the per-address cap (20) would refuse the 7th page's connections.
  const limits = { rateLimitBurst: 1000, maxConnectionsPerIp: 200 };
  const relay = buildRelay({ maxPeersPerRoom: 8, ...limits });
  await relay.listen({ port: 0, host: '127.0.0.1' });
  const relayUrl = `http://127.0.0.1:${(relay.server.address() as AddressInfo).port}/`;
  // Janus and Firefox only when a row needs them: they would take CPU from the calls measured.
  const janus = ROWS.some((setup) => setup.mode === 'sfu') ? await startJanus() : null;
  const sfu = janus && { urls: [janus.url], threshold: 2, maxPeers: 50, backAfterMs: 30_000 };
  const sfuRelay = sfu && buildRelay({ sfu, ...limits });
  await sfuRelay?.listen({ port: 0, host: '127.0.0.1' });
  const sfuRelayUrl = sfuRelay && `http://127.0.0.1:${(sfuRelay.server.address() as AddressInfo).port}/`;
  // The page at / embeds the mesh relay's bundle, the one at /sfu the SFU relay's.
  const site = createServer((request, response) =>
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(joinPage(request.url === '/sfu' && sfuRelayUrl ? sfuRelayUrl : relayUrl)),
  );
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
  const used = new Set(ROWS.flatMap((setup) => setup.browsers));
  const engines: Partial<Record<Engine, Browser>> = {
    chromium: await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs }),
    ...(used.has('firefox') && { firefox: await launchFirefox() }),
  };

  const runs: Measured[] = [];
  const failed: Call[] = [];
  try {
    for (const [s, setup] of ROWS.entries()) {
      for (let repeat = 0; repeat < setup.repeats; repeat++) {
        for (const adaptive of setup.adaptive) {
          for (const background of setup.backgrounds) {
            const browsers = setup.browsers.map((engine) => engines[engine]!);
            const options = {
              room: `bench-${s}-${repeat}-${adaptive}-${background}`,
              adaptive,
              background,
              cpuOf: setup.browsers.every((engine) => engine === 'chromium')
                ? (engines.chromium!.process()?.pid ?? null)
                : null,
            };
            const call = { setup, adaptive, background };
            // A call that fails (a missed deadline) is counted and said why, and the others still run: on a busy
            // shared machine one slow call should not cost the whole table.
            try {
              const url = setup.mode === 'sfu' ? `${siteUrl}sfu` : siteUrl;
              runs.push({ ...(await measure(browsers, url, options)), ...call });
              process.stderr.write('.');
            } catch (error) {
              failed.push(call);
              process.stderr.write(`\n${(error as Error).message}\n`);
            }
          }
        }
      }
    }
  } finally {
    process.stderr.write('\n');
    await Promise.all(Object.values(engines).map((browser) => browser.close()));
    await relay.close();
    await sfuRelay?.close();
    await janus?.remove();
    site.close();
  }
  report(ROWS, runs, failed);
}

await main();
