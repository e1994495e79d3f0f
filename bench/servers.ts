// Starting and measuring the servers under test: each a child process (bench/server-process.ts) with --expose-gc,
// killed when the benchmark ends however it ends. The process runs compiled the way the relay's own build
// compiles it (esbuild, once per benchmark), not through tsx: tsx keeps function names (esbuild's keepNames),
// which gives every closure created per connection a `name` property of its own, about 2.8 KB more per idle
// relay socket and extra work per message, none of which the built relay (dist/relay/) pays.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export type ServerKind = 'ours' | 'reference' | 'floor';

export interface ServerStats {
  /** CPU time (user + system) since the process started, in microseconds. */
  cpuMicros: number;
  /** Resident set size after a full garbage collection, in bytes... */
  rss: number;
  /** ...and the part of it that is JavaScript objects. */
  heapUsed: number;
}

/** What server-process.ts answers over IPC, with a message of the same `type`. */
export type ServerRequest =
  | { type: 'stats' }
  | { type: 'cpu' }
  | { type: 'cpu-profile'; ms: number; file: string }
  | { type: 'heap-snapshot'; file: string };

export interface RunningServer {
  kind: ServerKind;
  url: string;
  stats(): Promise<ServerStats>;
  /** CPU time (user + system) since the process started, in microseconds, without a garbage collection first. */
  cpu(): Promise<number>;
  /** Writes a V8 CPU profile (.cpuprofile) of the next `ms` milliseconds to `file`. */
  cpuProfile(ms: number, file: string): Promise<void>;
  /** Writes a heap snapshot (.heapsnapshot), after a full garbage collection, to `file`. */
  heapSnapshot(file: string): Promise<void>;
  stop(): Promise<void>;
}

export const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));
/** The bundle the servers run (bench/profile.ts maps its lines back to the source files). */
export const COMPILED = fileURLToPath(new URL('../node_modules/.cache/bench/server-process.mjs', import.meta.url));
const compiled = new Map<string, Promise<unknown>>();

/** Which server process to run: its entry, and the bundle compiled from it (bench/ab.ts runs two). */
export interface Bundle {
  entry: string;
  outfile: string;
}

/** The server process as one ES module (packages stay imports), compiled for Node 20 like dist/relay/. */
function compile({ entry, outfile }: Bundle): Promise<unknown> {
  let done = compiled.get(outfile);
  if (!done) {
    done = build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    compiled.set(outfile, done);
  }
  return done;
}
const START_MS = 20_000;

export async function startServer(
  kind: ServerKind,
  env: Record<string, string> = {},
  bundle: Bundle = { entry: ENTRY, outfile: COMPILED },
): Promise<RunningServer> {
  await compile(bundle);
  const child: ChildProcess = fork(bundle.outfile, [kind], {
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
  const ask = <T>(request: ServerRequest) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: T & { type: string }) => {
        if (message.type !== request.type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send(request);
    });
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    stats: () => ask<ServerStats>({ type: 'stats' }),
    cpu: async () => (await ask<{ cpuMicros: number }>({ type: 'cpu' })).cpuMicros,
    cpuProfile: (ms, file) => ask({ type: 'cpu-profile', ms, file }),
    heapSnapshot: (file) => ask({ type: 'heap-snapshot', file }),
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
