// The tables bench:join prints: one row per kind of call (the timings, frame rates, upload and CPU), and for
// the calls with a background effect, that effect's cost beside the same calls without it.
import { availableParallelism } from 'node:os';
import { MEASURE_MS, type Background, type Run } from './join-call.ts';
import type { Setup } from './join.ts';

/** Which row a call belongs to. */
export interface Call {
  setup: Setup;
  adaptive: boolean;
  background: Background;
}

export interface Measured extends Run, Call {}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const ms = (values: number[], p: number) => `${Math.round(percentile(values, p))} ms`;
const fps = (values: number[]) => [mean(values).toFixed(1), Math.min(...values).toFixed(1)];
const cpuOf = (set: Run[]) => {
  const cpu = set.flatMap((run) => (run.cpuPercent === null ? [] : [run.cpuPercent]));
  return cpu.length ? `${Math.round(mean(cpu))} %` : '–';
};

/** Prints the calls of `rows` in one table, or in two when some have a background effect on. */
export function report(rows: Setup[], runs: Measured[], failed: Call[]): void {
  const calls = rows.flatMap((setup) =>
    setup.adaptive.flatMap((adaptive) => setup.backgrounds.map((background) => ({ setup, adaptive, background }))),
  );
  const of = (call: Call) => (run: Call) =>
    run.setup === call.setup && run.adaptive === call.adaptive && run.background === call.background;
  const table = [
    [
      'browsers',
      'mode',
      'peers',
      'adaptation',
      'background',
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
  for (const call of calls) {
    const set = runs.filter(of(call));
    const { setup } = call;
    table.push([
      setup.label,
      setup.mode,
      String(setup.browsers.length),
      call.adaptive ? 'on' : 'off',
      call.background,
      String(set.length),
      String(failed.filter(of(call)).length),
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
      ...fps(set.flatMap((run) => run.fps)),
      String(Math.round(mean(set.flatMap((r) => r.sendKbps)))),
      cpuOf(set),
    ]);
  }
  print(table);
  console.log(
    `\n${runs.length} calls, ${failed.length} failed; fps counts the frames each remote tile presents. CPU is % of` +
      ` one core, summed over the bench's Chromium processes, in the ${MEASURE_MS / 1000} s window (and the time its` +
      ` samples take); left out (–)` +
      ` where a participant is in Firefox.`,
  );
  const effects = calls.filter((call) => call.setup.backgrounds.some((background) => background !== 'none'));
  if (effects.length) effectsTable(effects.map((call) => ({ call, set: runs.filter(of(call)) })));
}

/** Each call with and without its background: what it costs the senders, and what the receivers get. */
function effectsTable(rows: Array<{ call: Call; set: Run[] }>): void {
  const cores = availableParallelism();
  const table = [
    [
      'peers',
      'background',
      'runs',
      'own video p50',
      'max',
      'fps/tile mean',
      'min',
      'own track fps',
      'min',
      'sent fps/stream',
      'min',
      'CPU-limited streams',
      'of the time',
      'Chromium CPU',
      'machine CPU',
    ],
  ];
  for (const { call, set } of rows) {
    const own = set.flatMap((run) => run.ownFirstMs);
    const limitedNow = set.flatMap((run) => run.cpuLimitedNow);
    table.push([
      String(call.setup.browsers.length),
      call.background,
      String(set.length),
      ms(own, 50),
      ms(own, 100),
      ...fps(set.flatMap((run) => run.fps)),
      ...fps(set.flatMap((run) => run.ownFps)),
      ...fps(set.flatMap((run) => run.sentFps)),
      `${limitedNow.filter(Boolean).length}/${limitedNow.length}`,
      `${Math.round(mean(set.flatMap((run) => run.cpuLimitedShare)) * 100)} %`,
      cpuOf(set),
      `${Math.round(mean(set.map((run) => run.machinePercent)))} %`,
    ]);
  }
  console.log('');
  print(table);
  console.log(
    `\nOwn video: ms from join() to the first frame of one's own tile (with blur, the first the effect drew: the` +
      ` model and its WebAssembly load and compile once per page). Own track: frames per second of that tile, the` +
      ` track sent; sent: frames per second each outgoing video stream sends (one per receiver). CPU-limited: the` +
      ` streams whose encoder said 'cpu' at the end (qualityLimitationReason), and the share of the window it did.` +
      ` Machine CPU: every process on the machine meanwhile (${cores} cores: at most ${cores * 100} %).`,
  );
}

function print(table: string[][]): void {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
}
