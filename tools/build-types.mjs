// Emits the package's type declarations into dist/types/ (src/index.d.ts for the widget, server/app.d.ts,
// server/join-token.d.ts and server/webhooks/webhook-signature.d.ts for the relay) with tsc, then rewrites
// their relative `.ts` specifiers to `.js`: the sources import with `.ts` extensions
// (allowImportingTsExtensions), which tsc keeps in declarations and which only TypeScript 5 consumers would
// resolve.
import { spawn } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist/types');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const configs = ['tools/tsconfig.types.json', 'tools/tsconfig.relay-types.json'];

await rm(outDir, { recursive: true, force: true });
// Both programs emit src/protocol.d.ts, identically; running them side by side halves the wait.
const codes = await Promise.all(configs.map((config) => run(process.execPath, [tsc, '-p', join(root, config)])));
if (codes.some((code) => code !== 0)) process.exit(1);

let rewritten = 0;
for (const entry of await readdir(outDir, { recursive: true })) {
  if (!entry.endsWith('.d.ts')) continue;
  const file = join(outDir, entry);
  const text = await readFile(file, 'utf8');
  const fixed = text.replace(/(['"])(\.{1,2}\/[^'"\n]*?)\.ts\1/g, '$1$2.js$1');
  if (fixed !== text) {
    await writeFile(file, fixed);
    rewritten++;
  }
}
if (rewritten === 0) throw new Error(`no relative imports found to rewrite under ${outDir}: has tsc's output changed?`);

function run(command, args) {
  return new Promise((resolve, reject) => {
    spawn(command, args, { stdio: 'inherit' }).on('error', reject).on('exit', resolve);
  });
}
