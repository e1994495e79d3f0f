// Browser tests: @web/test-runner in Debian's Chromium with fake media devices, TypeScript compiled by
// esbuild, and the real relay (built by `npm run build`) started for the run. Lit runs its development build,
// and its warnings fail the run (test/support/lit-warnings.ts). A failed assertion's values go back as text
// (test/support/serializable-failures.ts).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { litDevelopment } from './test/support/lit-development.mjs';
import { relayPlugin } from './test/support/relay-plugin.mjs';
import { wtrPackageBrowserFiles } from './tools/package-browser-files.mjs';
import { wtrWebsocketOnlyEngine } from './tools/websocket-only-engine.mjs';

const rootDir = fileURLToPath(new URL('.', import.meta.url));

export default {
  rootDir,
  files: ['test/components/**/*.test.ts', 'test/rtc/**/*.test.ts', 'test/effects/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  testRunnerHtml: (testFramework) =>
    `<!DOCTYPE html><html><head></head><body><script type="module" src="/test/support/lit-warnings.ts"></script><script type="module" src="${testFramework}"></script><script type="module" src="/test/support/serializable-failures.ts"></script></body></html>`,
  plugins: [
    wtrWebsocketOnlyEngine(rootDir),
    wtrPackageBrowserFiles(rootDir),
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    relayPlugin(),
    litDevelopment(rootDir),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs } })],
  // Each test file runs real peer connections: one at a time keeps a 2-core machine responsive.
  concurrency: 1,
  testFramework: { config: { timeout: 60_000 } },
  testsFinishTimeout: 10 * 60_000,
  // The dev server's port: WTR_PORT, or the first free one from 8000.
  ...(process.env.WTR_PORT ? { port: Number(process.env.WTR_PORT) } : {}),
};
