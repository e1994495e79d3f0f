// Starting and measuring the servers under test: each a child process (bench/server-process.ts) with --expose-gc,
// killed when the benchmark ends however it ends. The process runs compiled the way the relay's own build
// compiles it (esbuild, once per benchmark), not through tsx: tsx keeps function names (esbuild's keepNames),
// which gives every closure created per connection a `name` property of its own, about 2.8 KB more per idle
// relay socket and extra work per message, none of which the built relay (dist/relay/) pays.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export type ServerKind = 'ours' | 'reference';

export interface ServerStats {
  /** CPU time (user + system) since the process started, in microseconds. */
  cpuMicros: number;
  /** Resident set size after a full garbage collection, in bytes... */
  rss: number;
  /** ...and the part of it that is JavaScript objects. */
  heapUsed: number;
}

export interface RunningServer {
  kind: ServerKind;
  url: string;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const COMPILED = fileURLToPath(new URL('../node_modules/.cache/bench/server-process.mjs', import.meta.url));
let compiled: Promise<unknown> | undefined;

/** The server process as one ES module (packages stay imports), compiled for Node 20 like dist/relay/. */
function compile(): Promise<unknown> {
  compiled ??= build({
    entryPoints: [ENTRY],
    outfile: COMPILED,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return compiled;
}
const START_MS = 20_000;

export async function startServer(kind: ServerKind, env: Record<string, string> = {}): Promise<RunningServer> {
  await compile();
  const child: ChildProcess = fork(COMPILED, [kind], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), START_MS);
    child.on('message', (message: { type: string; port?: number }) => {
      if (message.type === 'listening') (clearTimeout(timer), resolve(message.port!));
    });
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${kind} server exited with ${code}`))));
  });
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    stats: () =>
      new Promise((resolve) => {
        const onMessage = (message: ServerStats & { type: string }) => {
          if (message.type !== 'stats') return;
          child.off('message', onMessage);
          resolve(message);
        };
        child.on('message', onMessage);
        child.send({ type: 'stats' });
      }),
    stop: async () => {
      process.off('exit', kill);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
