// Writes a brotli (.br) and a gzip (.gz) copy next to each file of the widget's build, compressed once at
// their strongest settings, so the relay (@fastify/static `preCompressed`) serves the smallest encoding the
// browser accepts without compressing on every request, and without relying on a proxy's (often weaker) setting.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** For rollup.config.mjs: compresses the output's JavaScript files (not their source maps). */
export function precompress() {
  return {
    name: 'precompress',
    writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const path = join(options.dir, file.fileName);
        const source = readFileSync(path); // as written, with its source-map comment
        writeFileSync(`${path}.br`, brotli(source));
        writeFileSync(`${path}.gz`, gzip(source));
      }
    },
  };
}

/** Brotli at quality 11: what the relay sends browsers that accept it (and what bench:size reports). */
export function brotli(source) {
  return brotliCompressSync(source, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** Gzip at level 9: what the relay sends browsers that accept gzip but not brotli. */
export function gzip(source) {
  return gzipSync(source, { level: 9 });
}
