// The relay's command line (`npm start`, `video-conference-relay`): reads flags and the environment
// (--help lists them), listens, logs where to go, and closes gracefully on SIGTERM and SIGINT.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildRelay } from './app.ts';
import { readConfig, usage, wantsHelp } from './config.ts';
import { RelayConfigError } from './errors.ts';
import { WIDGET_DIR, WIDGET_FILE } from './paths.ts';

/** A shutdown that takes longer than this exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) return void process.stdout.write(usage());
  const config = readConfig(process.env, argv);
  const app = buildRelay({ ...config.settings, logger: { level: config.logLevel } });

  if (config.settings.allowedOrigins === '*') {
    app.log.warn(
      'any web site may embed this relay: set ALLOWED_ORIGINS (or --allowed-origins) to a comma-separated list such as https://example.com to restrict it',
    );
  }

  if (config.settings.allowedOrigins !== '*' && !config.settings.publicUrl) {
    app.log.warn(
      "ALLOWED_ORIGINS is set but PUBLIC_URL is not: the relay's own origin is judged from the Host header, which a DNS-rebinding page controls; set PUBLIC_URL to the relay's https URL",
    );
  }

  if (!existsSync(join(WIDGET_DIR, WIDGET_FILE))) {
    app.log.warn(`${join(WIDGET_DIR, WIDGET_FILE)} is missing: run "npm run build" so the relay can serve the widget`);
  }

  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as { port: number };
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  app.log.info(`video-conference relay ready: open http://${shown}:${port}/?room=hello in two tabs`);

  const shutdown = async (signal: string): Promise<void> => {
    app.log.info(`${signal} received: closing`);
    setTimeout(() => {
      app.log.error(`still closing after ${SHUTDOWN_TIMEOUT_MS} ms: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof RelayConfigError ? `configuration error: ${error.message}` : String(error);
  process.stderr.write(`video-conference relay: ${message}\n`);
  process.exit(1);
});
