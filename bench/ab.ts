// npm run bench:ab -- [git ref]: is a change to the relay faster? The relay of a git ref (HEAD unless named),
// checked out in a temporary worktree, against the relay of the working tree, in interleaved ping-pong slices
// (ping-pong.ts): on this shared machine only a paired run can tell changes of a few per cent apart (the same
// build against itself: 0.98, slices 0.82-1.09). Both run today's bench/server-process.ts. Prints, for 200 and
// 1,000 pairs, each one's median messages/s and server CPU per message, and the working tree's over the ref's.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleavedPingPong, type Throughput } from './ping-pong.ts';
import { median } from './raw-client.ts';
import { ENTRY, startServer } from './servers.ts';

const REF = process.argv[2] ?? 'HEAD';
const PAIRS = [200, 1_000];
const SLICES = Number(process.env.BENCH_SLICES) || 24;
const CACHE = fileURLToPath(new URL('../node_modules/.cache/bench/', import.meta.url));

const checkout = mkdtempSync(join(tmpdir(), 'bench-ab-'));
const git = (...args: string[]) => execFileSync('git', args, { stdio: ['ignore', 'ignore', 'inherit'] });
git('worktree', 'add', '--detach', checkout, REF);
const cleanUp = () => {
  git('worktree', 'remove', '--force', checkout);
  rmSync(checkout, { recursive: true, force: true });
};
process.once('exit', cleanUp);
// The ref's relay, driven by today's server process (it answers what ping-pong.ts asks).
const baseEntry = join(checkout, 'bench/server-process.ts');
copyFileSync(ENTRY, baseEntry);

const figures = (runs: Throughput[]) =>
  `${median(runs.map((r) => r.messagesPerSecond))
    .toFixed(0)
    .padStart(7)} messages/s, ` +
  `${median(runs.map((r) => r.cpuMicrosPerMessage))
    .toFixed(1)
    .padStart(5)} µs CPU per message`;

console.log(`bench:ab — the working tree (B) against ${REF} (A), ${SLICES} slices each, in turn`);
for (const pairs of PAIRS) {
  const base = await startServer('ours', {}, { entry: baseEntry, outfile: `${CACHE}ab-base.mjs` });
  const current = await startServer('ours');
  try {
    const [a, b] = (await interleavedPingPong([base, current], pairs, SLICES)) as [Throughput[], Throughput[]];
    const ratios = a.map((run, i) => b[i]!.messagesPerSecond / run.messagesPerSecond).sort((x, y) => x - y);
    const cpu = median(b.map((r) => r.cpuMicrosPerMessage)) / median(a.map((r) => r.cpuMicrosPerMessage));
    console.log(`${pairs} pairs: A ${figures(a)}; B ${figures(b)}`);
    console.log(
      `  B / A: messages/s ${median(ratios).toFixed(3)} (slices ${ratios[0]!.toFixed(2)}–` +
        `${ratios.at(-1)!.toFixed(2)}), CPU per message ${cpu.toFixed(3)}`,
    );
  } finally {
    await Promise.all([base.stop(), current.stop()]);
  }
}
process.exit(0);
