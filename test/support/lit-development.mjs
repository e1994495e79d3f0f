// A web-test-runner plugin: the browser tests get Lit's development build (with its warnings), where the
// bundle ships the production one. Each production Lit module is served with its development twin's code
// (the development folder mirrors the package, so relative imports inside it still line up).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const PRODUCTION_LIT =
  /^(\/node_modules\/(?:lit|lit-html|lit-element|@lit\/reactive-element)\/)(?!development\/)(.+\.js)$/;

/** `rootDir` is the folder the dev server serves. */
export function litDevelopment(rootDir) {
  return {
    name: 'lit-development',
    async serve({ path }) {
      const match = PRODUCTION_LIT.exec(path);
      if (!match) return undefined;
      const body = await readFile(join(rootDir, match[1], 'development', match[2]), 'utf8');
      return { body, type: 'js' };
    },
  };
}
