// How the widget is measured and what it may weigh: shared by `npm run bench:size` and the size test.
// The budget is for the whole widget as the embed's one script tag loads it: dist/video-conference.js, with
// lit and socket.io-client inside. The chunks it fetches once a call runs (the stage with its tiles' layout,
// stats and adaptive video, safety codes) are reported with it as what every call downloads; chunks only some calls need (chat, settings,
// pre-join screen, tile info panel, network check, languages) are reported apart.
import { readdirSync, readFileSync } from 'node:fs';
import { brotli, gzip } from './precompress.mjs';

/** dist/video-conference.js, gzipped at level 9, may not exceed this many bytes. */
export const WIDGET_GZIP_BUDGET = 32 * 1024;

/** Chunks (by name, before the hash) that every call loads. */
const ALWAYS_LOADED = ['stage-view', 'mesh-quality', 'safety-code'];

/** Raw, gzip and brotli sizes in bytes, compressed as the build does for the relay: deterministic. */
export function sizesOf(code) {
  const buffer = Buffer.from(code);
  return { raw: buffer.length, gzip: gzip(buffer).length, brotli: brotli(buffer).length };
}

/** The built widget in dist/: the entry, the chunks every call loads, and those loaded on demand. */
export function widgetFiles(distDir) {
  const chunks = readdirSync(new URL('chunks/', distDir)).filter((name) => name.endsWith('.js'));
  const read = (path) => readFileSync(new URL(path, distDir));
  const always = chunks.filter((name) => ALWAYS_LOADED.some((prefix) => name.startsWith(`${prefix}-`)));
  return {
    entry: read('video-conference.js'),
    always: always.map((name) => ({ name, code: read(`chunks/${name}`) })),
    onDemand: chunks.filter((name) => !always.includes(name)).map((name) => ({ name, code: read(`chunks/${name}`) })),
  };
}

/** The sum of several files' separate sizes (each file is downloaded and compressed on its own). */
export function totalOf(codes) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const code of codes) {
    const sizes = sizesOf(code);
    for (const key of Object.keys(total)) total[key] += sizes[key];
  }
  return total;
}
