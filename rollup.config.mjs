// Builds the two things the package ships:
// - dist/video-conference.js: the widget as one self-contained, minified ES module (lit and
//   socket.io-client bundled in) with a source map; the relay serves it to any site.
// - dist/relay/: the relay for Node (main.js is the CLI, app.js exports buildRelay); dependencies stay external.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/**
 * Applies a package's own "browser" file map (https://github.com/defunctzombie/package-browser-field-spec)
 * to the relative imports inside it. engine.io-client swaps its Node transports for browser ones this way,
 * and @rollup/plugin-node-resolve skips the map for packages it resolved through "exports".
 */
function packageBrowserFiles() {
  const packageOf = (file) => {
    for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(join(dir, 'package.json'))) return dir;
    }
    return null;
  };
  return {
    name: 'package-browser-files',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !importer.includes('/node_modules/')) return null;
      const root = packageOf(importer);
      const { browser } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      if (typeof browser !== 'object') return null;
      const mapped = browser[`./${relative(root, resolve(dirname(importer), source))}`];
      return typeof mapped === 'string' ? resolve(root, mapped) : null;
    },
  };
}

const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default [
  {
    input: 'src/index.ts',
    output: { file: 'dist/video-conference.js', format: 'es', sourcemap: true },
    plugins: [
      packageBrowserFiles(),
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
      terser({ module: true, ecma: 2020, format: { comments: false } }),
    ],
  },
  {
    input: { main: 'server/main.ts', app: 'server/app.ts' },
    output: {
      dir: 'dist/relay',
      format: 'es',
      sourcemap: true,
      banner: (chunk) => (chunk.name === 'main' ? '#!/usr/bin/env node' : ''),
    },
    external: (id) => external(id) || builtinModules.includes(id) || id.startsWith('node:'),
    plugins: [esbuild({ target: 'node20', tsconfig: 'server/tsconfig.json' })],
  },
];
