// A virtual X display (Debian's Xvfb) for a browser that needs a screen, such as Firefox sharing one: started
// on a free display number, local connections only, and stopped by the test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const xvfbPath = '/usr/bin/Xvfb';

export interface Display {
  /** For DISPLAY, e.g. `:99`. */
  name: string;
  stop(): void;
}

/** Starts Xvfb; it writes the display number it picked to the pipe it was given (-displayfd). */
export function startXvfb(): Promise<Display> {
  const xvfb = spawn(xvfbPath, ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('Xvfb named no display within 10 s')), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      xvfb.kill();
      reject(error);
    };
    xvfb.once('error', fail);
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited with ${code}`)));
    xvfb.stdio[3]!.once('data', (data: Buffer) => {
      clearTimeout(timer);
      xvfb.removeAllListeners('exit');
      resolve({ name: `:${data.toString().trim()}`, stop: () => xvfb.kill() });
    });
  });
}

export const xvfbAvailable = (): boolean => existsSync(xvfbPath);
