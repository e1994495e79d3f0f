// The real relay in a process of its own (relay-child.ts), for tests that measure what an attack costs it:
// the memory it holds after a full garbage collection, apart from the test's own clients. Killed after the test.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import type { RelayOptions } from '../../server/app.ts';
import { within } from './helpers.ts';

const CHILD = fileURLToPath(new URL('./relay-child.ts', import.meta.url));
/** Starting node with tsx takes a while on a busy machine. */
const START_MS = 20_000;

export interface RelayMemory {
  /** Resident memory, as /proc/<pid>/status shows it: it keeps pages the process used once, even when freed. */
  rss: number;
  /** What the relay holds: JavaScript objects, and buffers outside the heap (socket write queues among them). */
  held: number;
}

export interface RelayProcess {
  url: string;
  /** After a full garbage collection in the relay, in bytes. */
  memory(): Promise<RelayMemory>;
  /**
   * The same, once what the relay holds has stopped changing (two readings 100 ms apart within 1 MB of each
   * other, 50 readings at most): data still in flight when an attack ends is not what the relay keeps.
   */
  settledMemory(): Promise<RelayMemory>;
}

export async function startRelayProcess(t: TestContext, options: RelayOptions = {}): Promise<RelayProcess> {
  const child = fork(CHILD, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  t.after(() => void child.kill('SIGKILL'));
  const port = await within(
    new Promise<number>((resolve, reject) => {
      child.once('message', (message: { port: number }) => resolve(message.port));
      child.once('exit', (code) => reject(new Error(`the relay process exited with ${code}`)));
    }),
    'relay process start',
    START_MS,
  );
  const memory = (): Promise<RelayMemory> =>
    within(
      new Promise((resolve) => {
        child.once('message', resolve as (message: unknown) => void);
        child.send('memory');
      }),
      'relay memory',
    );
  return {
    url: `http://127.0.0.1:${port}`,
    memory,
    async settledMemory() {
      let last = await memory();
      for (let readings = 1; readings < 50; readings++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const next = await memory();
        if (Math.abs(next.held - last.held) < 1024 * 1024) return next;
        last = next;
      }
      return last;
    },
  };
}
