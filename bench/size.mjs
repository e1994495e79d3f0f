// `npm run bench:size`: what a page downloads for a call (dist/video-conference.js and the chunks every call
// loads; raw, gzip, brotli) next to a baseline of lit and socket.io-client alone, built here with the widget's
// own rollup plugins (so socket.io-client runs on the widget's WebSocket engine, as in the bundle; socket.io-client
// as published is shown too), the widget's own share, the chunks loaded only on demand, and the files the media
// effects fetch from the relay.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import config from '../rollup.config.mjs';
import { WIDGET_GZIP_BUDGET, sizesOf, totalOf, widgetFiles } from '../tools/bundle-size.mjs';
import { rollupPackageBrowserFiles } from '../tools/package-browser-files.mjs';

// Baseline entries: each uses what the widget uses of its dependencies, so nothing is tree-shaken away.
const litCode = `
import { LitElement, css, html } from 'lit';
export class SizeBaseline extends LitElement {
  static styles = css\`:host { display: block; }\`;
  static properties = { room: {} };
  render() {
    return html\`<p>\${this.room}</p>\`;
  }
}
customElements.define('size-baseline', SizeBaseline);
`;
const socketCode = `
import { Manager } from 'socket.io-client';
export const connect = (url) => new Manager(url, { transports: ['websocket'] }).socket('/');
`;

let files;
try {
  files = widgetFiles(new URL('../dist/', import.meta.url));
} catch {
  fail('dist/ has no built widget: run "npm run build"');
}
const entry = sizesOf(files.entry);
const widget = totalOf([files.entry, ...files.always.map((chunk) => chunk.code)]);
const lit = sizesOf(await buildBaseline(litCode));
const socket = sizesOf(await buildBaseline(socketCode));
const publishedSocket = sizesOf(await buildBaseline(socketCode, { published: true }));
const baseline = sizesOf(await buildBaseline(`${litCode}\n${socketCode}`));
const share = { raw: 0, gzip: 0, brotli: 0 };
for (const key of Object.keys(share)) share[key] = widget[key] - baseline[key];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (label, sizes) =>
  `${label.padEnd(34)}${[sizes.raw, sizes.gzip, sizes.brotli].map((n) => `${n} B (${kb(n)})`.padStart(20)).join('')}`;
const lines = [
  `${''.padEnd(34)}${['raw', 'gzip -9', 'brotli -q 11'].map((h) => h.padStart(20)).join('')}`,
  row('dist/video-conference.js', entry),
  ...files.always.map((chunk) => row(`  + chunks/${chunk.name}`, sizesOf(chunk.code))),
  row('what every call downloads', widget),
  row('baseline: lit + socket.io-client', baseline),
  row('  lit alone', lit),
  row('  socket.io-client alone', socket),
  row('  (as published: engine.io-client)', publishedSocket),
  row("widget's own code (difference)", share),
  '',
  `widget's own share of what a call downloads (gzip): ${((share.gzip / widget.gzip) * 100).toFixed(0)}%`,
  `budget for dist/video-conference.js: ${WIDGET_GZIP_BUDGET} B gzip (${kb(WIDGET_GZIP_BUDGET)}); ` +
    (entry.gzip <= WIDGET_GZIP_BUDGET
      ? `${WIDGET_GZIP_BUDGET - entry.gzip} B to spare`
      : `OVER by ${entry.gzip - WIDGET_GZIP_BUDGET} B`),
  'the relay sends the brotli column to browsers that accept it (copies written by the build), else gzip',
  '',
  'loaded on demand (chat, settings, pre-join screen, tile info, network check, hosts, media effects, recording):',
  ...files.onDemand.map((chunk) => row(`  chunks/${chunk.name}`, sizesOf(chunk.code))),
  '',
  'fetched from the relay by a media effect the first time it is turned on (the compressed copies the build wrote):',
  ...effectFiles().map(([name, sizes]) => row(`  effects/${name}`, sizes)),
];
process.stdout.write(`${lines.join('\n')}\n`);

/**
 * A bundle of `code`, built in memory with the widget build's plugins (resolve, esbuild, terser); `published`
 * leaves socket.io-client's own engine (engine.io-client) in place of the widget's, with its browser transports
 * (package-browser-files.mjs: the widget's build, which never bundles engine.io-client, has no need of them).
 */
async function buildBaseline(code, { published = false } = {}) {
  const widgetBuild = config.find((entry) => entry.input === 'src/index.ts');
  // A real path beside this file, so that node-resolve finds the packages from here; its content is `code`.
  const baselineEntry = fileURLToPath(new URL('./size-baseline-entry.js', import.meta.url));
  const virtualEntry = {
    name: 'size-baseline-entry',
    resolveId: (id) => (id === baselineEntry ? id : null),
    load: (id) => (id === baselineEntry ? code : null),
  };
  const bundle = await rollup({
    input: baselineEntry,
    plugins: [
      virtualEntry,
      ...(published ? [rollupPackageBrowserFiles()] : []),
      ...widgetBuild.plugins.filter(
        (plugin) =>
          plugin.name !== 'clean' &&
          plugin.name !== 'effect-assets' &&
          !(published && plugin.name === 'websocket-only-engine'),
      ),
    ],
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

/** Each file in dist/effects/ with its size and its .gz and .br copies' (or its own size where it has none). */
function effectFiles() {
  const dir = fileURLToPath(new URL('../dist/effects/', import.meta.url));
  if (!existsSync(dir)) return [];
  const size = (path) => (existsSync(path) ? statSync(path).size : null);
  return readdirSync(dir, { recursive: true })
    .filter((name) => !/\.(br|gz)$/.test(name) && statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => {
      const raw = size(join(dir, name));
      return [name, { raw, gzip: size(join(dir, `${name}.gz`)) ?? raw, brotli: size(join(dir, `${name}.br`)) ?? raw }];
    });
}

function fail(message) {
  process.stderr.write(`bench:size: ${message}\n`);
  process.exit(1);
}
