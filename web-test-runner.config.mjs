// Browser tests: @web/test-runner in Debian's Chromium with fake media devices, TypeScript compiled by
// esbuild, and the real relay (built by `npm run build`) started for the run.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { relayPlugin } from './test/support/relay-plugin.mjs';
import { wtrPackageBrowserFiles } from './tools/package-browser-files.mjs';
import { wtrWebsocketOnlyEngine } from './tools/websocket-only-engine.mjs';

const rootDir = fileURLToPath(new URL('.', import.meta.url));

export default {
  rootDir,
  files: ['test/components/**/*.test.ts', 'test/rtc/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  plugins: [
    wtrWebsocketOnlyEngine(rootDir),
    wtrPackageBrowserFiles(rootDir),
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    relayPlugin(),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs } })],
  // Each test file runs real peer connections: one at a time keeps a 2-core machine responsive.
  concurrency: 1,
  testFramework: { config: { timeout: 60_000 } },
  testsFinishTimeout: 10 * 60_000,
  // The dev server's port: WTR_PORT, or the first free one from 8000.
  ...(process.env.WTR_PORT ? { port: Number(process.env.WTR_PORT) } : {}),
};
