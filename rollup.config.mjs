// Builds the two things the package ships:
// - dist/video-conference.js: the widget as one self-contained, minified ES module (lit and
//   socket.io-client bundled in) with a source map; the relay serves it to any site.
// - dist/relay/: the relay for Node (main.js is the CLI, app.js exports buildRelay, join-token.js exports
//   mintJoinToken for site owners' backends); dependencies stay external.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { rollupPackageBrowserFiles } from './tools/package-browser-files.mjs';

/** Bare imports (packages and Node built-ins) stay imports in the relay's build. */
const isBareImport = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default [
  {
    input: 'src/index.ts',
    output: { file: 'dist/video-conference.js', format: 'es', sourcemap: true },
    plugins: [
      rollupPackageBrowserFiles(),
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
      terser({ module: true, ecma: 2020, format: { comments: false } }),
    ],
  },
  {
    input: { main: 'server/main.ts', app: 'server/app.ts', 'join-token': 'server/join-token.ts' },
    output: {
      dir: 'dist/relay',
      format: 'es',
      sourcemap: true,
      banner: (chunk) => (chunk.name === 'main' ? '#!/usr/bin/env node' : ''),
    },
    external: isBareImport,
    plugins: [esbuild({ target: 'node20', tsconfig: 'server/tsconfig.json' })],
  },
];
