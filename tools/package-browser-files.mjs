// Applies a package's own "browser" file map (https://github.com/defunctzombie/package-browser-field-spec)
// to the relative imports inside it. engine.io-client swaps its Node transports for browser ones this way,
// and @rollup/plugin-node-resolve (used by rollup and by @web/test-runner) skips the map for packages it
// resolved through "exports", which would put Node's XHR and ws transports in the browser. The widget's bundle
// never includes engine.io-client (websocket-only-engine.mjs), so only the browser tests and bench:size's
// socket.io-client "as published" need this.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const browserMaps = new Map();

/** The file a browser should load for `source` imported from `importer` (absolute paths), or null. */
function browserFile(importer, source) {
  if (!source.startsWith('.') || !importer.includes('/node_modules/')) return null;
  const root = packageRoot(importer);
  if (!root) return null;
  if (!browserMaps.has(root))
    browserMaps.set(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).browser);
  const map = browserMaps.get(root);
  const mapped = typeof map === 'object' ? map[`./${relative(root, resolve(dirname(importer), source))}`] : undefined;
  return typeof mapped === 'string' ? resolve(root, mapped) : null;
}

function packageRoot(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return null;
}

/** For rollup (bench/size.mjs). */
export function rollupPackageBrowserFiles() {
  return {
    name: 'package-browser-files',
    resolveId: (source, importer) => (importer ? browserFile(importer, source) : null),
  };
}

/** For web-test-runner.config.mjs: `rootDir` is the folder the dev server serves. */
export function wtrPackageBrowserFiles(rootDir) {
  return {
    name: 'package-browser-files',
    resolveImport({ source, context }) {
      const importer = join(rootDir, decodeURIComponent(context.path));
      const mapped = browserFile(importer, source);
      return mapped ? `./${relative(dirname(importer), mapped)}` : undefined;
    },
  };
}
