// Builds the two things the package ships:
// - dist/video-conference.js: the widget as one minified ES module (lit and socket.io-client bundled in)
//   with a source map, plus dist/chunks/ for the parts it loads on demand, and brotli and gzip copies of each
//   (tools/precompress.mjs), and dist/effects/ for the files the media effects load (tools/effect-assets.mjs);
//   the relay serves them to any site.
// - dist/relay/: the relay for Node (main.js is the CLI, app.js exports buildRelay, join-token.js exports
//   mintJoinToken and webhooks.js verifyWebhook for site owners' backends); dependencies stay external.
//   Shared code goes to dist/relay/chunks/ under stable names, so rebuilds overwrite it rather than leave
//   stale hashed files for `npm pack` to ship, and main.js is made executable for the `video-conference-relay`
//   bin.
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { effectAssets } from './tools/effect-assets.mjs';
import { precompress } from './tools/precompress.mjs';
import { unusedSocketApi } from './tools/unused-socket-api.mjs';
import { websocketOnlyEngine } from './tools/websocket-only-engine.mjs';

/** Bare imports (packages and Node built-ins) stay imports in the relay's build. */
const isBareImport = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default [
  {
    input: 'src/index.ts',
    // Rarely used parts (chat, settings, stats, the tile info panel) are chunks the bundle imports on demand,
    // relative to its own URL: the relay serves them like the bundle, with CORS, so one script tag still works
    // from any site.
    // The chunks import shared code from the bundle itself, not from a second shared chunk behind a facade.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      entryFileNames: 'video-conference.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      format: 'es',
      sourcemap: true,
    },
    plugins: [
      clean('dist/chunks'),
      effectAssets(),
      websocketOnlyEngine(),
      unusedSocketApi(),
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
      // The whitespace and comments in Lit's html`` and css`` templates (the minifier leaves strings alone).
      minifyTemplateLiterals(),
      terser({
        module: true,
        ecma: 2022,
        compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, pure_getters: true },
        format: { comments: false },
      }),
      precompress(),
    ],
  },
  {
    input: {
      main: 'server/main.ts',
      app: 'server/app.ts',
      'join-token': 'server/join-token.ts',
      webhooks: 'server/webhooks/webhook-signature.ts',
    },
    output: {
      dir: 'dist/relay',
      format: 'es',
      sourcemap: true,
      chunkFileNames: 'chunks/[name].js',
      banner: (chunk) => (chunk.name === 'main' ? '#!/usr/bin/env node' : ''),
    },
    external: isBareImport,
    plugins: [esbuild({ target: 'node20', tsconfig: 'server/tsconfig.json' }), executable('main.js')],
  },
];

/** Sets the executable bits on one output file, as a `bin` needs when run directly. */
function executable(fileName) {
  return {
    name: 'executable',
    writeBundle: (options) => chmodSync(join(options.dir, fileName), 0o755),
  };
}

/** Empties a build folder first, so chunks of earlier builds (hashed names) do not pile up. */
function clean(dir) {
  return { name: 'clean', buildStart: () => rmSync(dir, { recursive: true, force: true }) };
}
