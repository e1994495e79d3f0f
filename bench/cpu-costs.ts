// Self time per function and per package (or relay source file) in a V8 CPU profile, for bench/profile.ts.
import { readFileSync } from 'node:fs';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

export interface Cost {
  /** A function (`name  where`) or a package. */
  key: string;
  micros: number;
}

/**
 * Self time by function and by package (or Node, V8 builtins, relay file). Functions of `bundle` (servers.ts
 * compiles every server into one file, with a `// path.ts` comment before each part) are named by source file.
 */
export function cpuCosts(file: string, bundle: string): { functions: Cost[]; areas: Cost[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const source = bundleSources(bundle);
  const self = new Map<number, number>();
  // A sample lasts until the next one (Chrome DevTools' convention).
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const { id, callFrame } of profile.nodes) {
    const micros = self.get(id) ?? 0;
    const { functionName, url, lineNumber } = callFrame;
    const inBundle = url.endsWith(bundle);
    const where = url === '' ? '' : inBundle ? source(lineNumber) : shorten(url);
    const line = url === '' ? '' : inBundle ? ` (bundle line ${lineNumber + 1})` : `:${lineNumber + 1}`;
    add(functions, `${functionName || '(anonymous)'}  ${where}${line}`, micros);
    add(areas, area(functionName, where), micros);
  }
  return { functions: sorted(functions), areas: sorted(areas) };
}

/** For each line of the bundle (0-based), the source file esbuild put it from. */
function bundleSources(bundle: string): (line: number) => string {
  const starts: Array<[number, string]> = [];
  readFileSync(bundle, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      const match = /^\/\/ (?:\S*\/)?((?:server|src|bench)\/\S+\.ts)$/.exec(text);
      if (match) starts.push([line, match[1]!]);
    });
  return (line) => {
    let file = 'bundle';
    for (const [start, path] of starts) if (start <= line) file = path;
    return file;
  };
}

function shorten(url: string): string {
  const at = url.lastIndexOf('node_modules/');
  return at >= 0 ? url.slice(at + 'node_modules/'.length) : url.replace(/^file:\/\/.*?\/(?=[^/]+\/[^/]+$)/, '');
}

/** The package (`ws`, `fastify`...), `node` (its own JavaScript), `V8/native` (builtins, syscalls) or a file. */
function area(functionName: string, where: string): string {
  if (where === '') return functionName.startsWith('(') ? functionName : 'V8/native';
  if (where.startsWith('node:')) return 'node';
  if (/\.ts$/.test(where)) return where;
  return where.startsWith('@') ? where.split('/').slice(0, 2).join('/') : where.split('/')[0]!;
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function sorted(map: Map<string, number>): Cost[] {
  return [...map].map(([key, micros]) => ({ key, micros })).sort((x, y) => y.micros - x.micros);
}
