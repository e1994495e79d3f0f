// Where the relay finds the files it serves. The same code runs from server/ (tests, via tsx) and from
// dist/relay/ (built), so paths are found from the package root rather than from this file.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const root = packageRoot(dirname(fileURLToPath(import.meta.url)));

/** The built widget: video-conference.js and its source map. */
export const WIDGET_DIR = join(root, 'dist');
export const WIDGET_FILE = 'video-conference.js';
/** The demo pages. */
export const DEMO_DIR = join(root, 'demo');
