// npm run bench:network — how a call between two homes behind NAT, through coturn (the network of
// test/e2e/netns.ts), lives through a bad link: time until video is back after a 5 s outage and after a change
// of address, audio continuity under the 300 kbit/s, 3 % loss profile, and time to step back up once it is
// lifted. Needs root (network namespaces). Prints figures, asserts nothing; every wait has a deadline.
import type { Browser, Page } from 'puppeteer-core';
import { waitForRemoteVideo, waitForView } from '../test/e2e/harness.ts';
import { hasNetem, impair, lift, renumber, setLink, SLOW_LOSSY } from '../test/e2e/impair.ts';
import { audioReceived, below, videoEncoding, videoFlowing, type Encoding } from '../test/e2e/link-probe.ts';
import { launchChromiumIn, openCall, startRelay, startTurn, waitFor } from '../test/e2e/net-call.ts';
import { buildNetwork, removeAll, unavailable, type Home } from '../test/e2e/netns.ts';

const REPEATS = 2;
const IMPAIRED_MS = 20_000;
const DEADLINE_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

let rooms = 0;

/** A call between the two homes, once video plays both ways. */
async function call(browsers: Browser[]): Promise<Page[]> {
  const room = `bench-${++rooms}`;
  const pages = await Promise.all(browsers.map((browser, i) => openCall(browser, room, `home${i + 1}`)));
  for (const page of pages)
    await waitForView(page, (v) => v.remote.length === 1 && v.remote[0]!.width > 0, DEADLINE_MS);
  for (const page of pages) await waitForRemoteVideo(page, 1);
  return pages;
}

/** Milliseconds from now until every page decodes video again. */
async function untilVideoBack(pages: Page[]): Promise<number> {
  const start = Date.now();
  await Promise.all(pages.map((page) => waitFor(() => videoFlowing(page), Boolean, DEADLINE_MS)));
  return Date.now() - start;
}

/** Link down for 5 s, then up: time from up until video decodes again at both ends. */
async function outage(browsers: Browser[], home: Home): Promise<number> {
  const pages = await call(browsers);
  await setLink(home, false);
  await sleep(5000);
  await setLink(home, true);
  const ms = await untilVideoBack(pages);
  await Promise.all(pages.map((page) => page.close()));
  return ms;
}

/** A new address for the home: time until video decodes again at both ends. */
async function moved(browsers: Browser[], home: Home): Promise<number> {
  const pages = await call(browsers);
  await renumber(home);
  const ms = await untilVideoBack(pages);
  await Promise.all(pages.map((page) => page.close()));
  return ms;
}

interface Slow {
  /** Audio packets lost, and samples concealed, out of those of the 20 s, at the far end. */
  lostPercent: number;
  concealedPercent: number;
  /** Audio packets received during the 20 s. */
  packets: number;
  /** The video encoding the impaired home sent before, and the lowest it reached; when it first stepped down. */
  lowest: string;
  stepDownMs: number | null;
  /** From lifting the profile until that video steps up from its lowest, and until it is back at full (or null). */
  stepUpMs: number | null;
  fullMs: number | null;
}

/** Milliseconds until `check` accepts what `read` returns, or null after `timeoutMs`. */
async function timeUntil<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs: number) {
  const start = Date.now();
  return waitFor(read, check, timeoutMs).then(
    () => Date.now() - start,
    () => null,
  );
}

const describe = (e: Encoding) =>
  e.active ? `${Math.round(e.maxBitrate / 1000)} kbit/s, ÷${e.scaleResolutionDownBy}` : 'paused';

/** The slow, lossy profile on home 1's link for 20 s, then lifted; home 1's own video is followed. */
async function slow(browsers: Browser[], home: Home, netem: boolean): Promise<Slow> {
  const pages = await call(browsers);
  const [sender, receiver] = pages as [Page, Page];
  await sleep(10_000); // the encoding settles once the other side said how large it shows it
  const full = (await videoEncoding(sender))!;
  const before = await audioReceived(receiver);
  await impair(home, SLOW_LOSSY, netem);
  const start = Date.now();
  let lowest = full;
  let stepDownMs: number | null = null;
  while (Date.now() - start < IMPAIRED_MS) {
    const encoding = await videoEncoding(sender);
    if (encoding && below(encoding, lowest)) lowest = encoding;
    if (stepDownMs === null && below(encoding, full)) stepDownMs = Date.now() - start;
    await sleep(250);
  }
  const after = await audioReceived(receiver);
  await lift(home, SLOW_LOSSY, netem);
  const lifted = Date.now();
  const stepUpMs = await timeUntil(
    () => videoEncoding(sender),
    (e) => !!e && below(lowest, e),
    120_000,
  );
  const full2 = await timeUntil(
    () => videoEncoding(sender),
    (e) => !below(e, full),
    60_000,
  );
  await Promise.all(pages.map((page) => page.close()));
  const packets = after.packets - before.packets;
  const lost = after.lost - before.lost;
  const samples = after.samples - before.samples;
  return {
    lostPercent: (lost / Math.max(1, packets + lost)) * 100,
    concealedPercent: ((after.concealed - before.concealed) / Math.max(1, samples)) * 100,
    packets,
    lowest: `${describe(full)} → ${describe(lowest)}`,
    stepDownMs,
    stepUpMs,
    fullMs: full2 === null ? null : Date.now() - lifted,
  };
}

async function main(): Promise<void> {
  const skip = await unavailable(['turnserver', 'tc']);
  if (skip) {
    console.log(`bench:network cannot run here: ${skip}`);
    return;
  }
  const netem = await hasNetem();
  const homes = await buildNetwork();
  const stops = [await startRelay(), await startTurn()];
  const browsers = await Promise.all(homes.map((home) => launchChromiumIn(home.ns)));
  try {
    const profile = netem
      ? `tc netem: ${SLOW_LOSSY.rateKbit} kbit/s, ${SLOW_LOSSY.delayMs} ms, ${SLOW_LOSSY.lossPercent} % loss`
      : `no sch_netem: tbf ${SLOW_LOSSY.rateKbit} kbit/s and iptables ${SLOW_LOSSY.lossPercent} % loss, no delay`;
    console.log(`Two Chromiums behind NAT through coturn; ${REPEATS} runs of each; profile: ${profile}\n`);
    const rows: string[][] = [];
    for (let i = 1; i <= REPEATS; i++) {
      const down = await outage(browsers, homes[0]!);
      const move = await moved(browsers, homes[0]!);
      const bad = await slow(browsers, homes[0]!, netem);
      const time = (ms: number | null, bound: string) => (ms === null ? `not within ${bound}` : seconds(ms));
      rows.push([
        String(i),
        seconds(down),
        seconds(move),
        bad.packets.toLocaleString('en'),
        bad.lostPercent.toFixed(1),
        bad.concealedPercent.toFixed(1),
        time(bad.stepDownMs, '20 s'),
        bad.lowest,
        time(bad.stepUpMs, '120 s'),
        time(bad.fullMs, '180 s'),
      ]);
    }
    const header = [
      'run',
      'video back after 5 s down (s)',
      'video back after new address (s)',
      'audio packets in 20 s',
      'audio lost %',
      'audio concealed %',
      'first step down (s)',
      'home 1 video sent: full → lowest',
      'lifted: first step up (s)',
      'lifted: back to full (s)',
    ];
    console.log(`| ${header.join(' | ')} |`);
    console.log(`| ${header.map(() => '---').join(' | ')} |`);
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
    for (const stop of stops) stop();
    await removeAll();
  }
}

await main();
