// Copies the files the media effects load at run time (WebAssembly, models, audio worklets: src/effects/<feature>/
// assets.json maps each served name to its file, usually in node_modules) into dist/effects/<feature>/, with
// brotli and gzip copies of the compressible ones, so the relay serves them beside the bundle and a call never
// needs a CDN. Unchanged files are not copied or compressed again.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Worth compressing: code and WebAssembly (a model's weights barely shrink). */
const COMPRESSIBLE = /\.(js|mjs|wasm|json)$/;

/** For rollup.config.mjs: the effects' files, for the widget's build in `outDir`. */
export function effectAssets(sourceDir = 'src/effects', outDir = 'dist/effects') {
  return {
    name: 'effect-assets',
    buildStart() {
      for (const [feature, files] of effectFiles(sourceDir)) {
        for (const [name, from] of Object.entries(files)) {
          this.addWatchFile(from);
          copyIfChanged(from, join(outDir, feature), name);
        }
      }
    },
  };
}

/** Each effect's assets.json: its folder's name and the files it lists. */
export function effectFiles(sourceDir = 'src/effects') {
  if (!existsSync(sourceDir)) return [];
  return readdirSync(sourceDir)
    .filter((feature) => existsSync(join(sourceDir, feature, 'assets.json')))
    .map((feature) => [feature, JSON.parse(readFileSync(join(sourceDir, feature, 'assets.json'), 'utf8'))]);
}

function copyIfChanged(from, dir, name) {
  const to = join(dir, name);
  const source = statSync(from);
  if (existsSync(to) && statSync(to).size === source.size && statSync(to).mtimeMs >= source.mtimeMs) return;
  mkdirSync(dir, { recursive: true });
  copyFileSync(from, to);
  if (!COMPRESSIBLE.test(name)) return;
  const bytes = readFileSync(from);
  // Quality 9: close to 11 on WebAssembly, in a fraction of the time on files of several megabytes.
  writeFileSync(`${to}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
  writeFileSync(`${to}.gz`, gzipSync(bytes, { level: 9 }));
}
