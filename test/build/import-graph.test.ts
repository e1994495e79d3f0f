// The layers' one-way imports (docs/architecture.md): components reach rtc through rtc/index.ts only, rtc
// knows nothing of the DOM's frameworks or of components, protocol imports nothing, the server only protocol
// from src, and no module imports itself back through others.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');

/** Every .ts file under `dir`, as paths relative to the repository. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file));
}

/** What a file imports (static and dynamic, types included): relative paths resolved, packages as named. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);
  return specifiers.map((specifier) =>
    specifier.startsWith('.') ? relative(root, resolve(root, dirname(file), specifier)) : specifier,
  );
}

const graph = new Map([...sources('src'), ...sources('server')].map((file) => [file, importsOf(file)]));

function offending(files: (file: string) => boolean, allowed: (target: string) => boolean): string[] {
  return [...graph]
    .filter(([file]) => files(file))
    .flatMap(([file, targets]) => targets.filter((target) => !allowed(target)).map((target) => `${file} → ${target}`));
}

test('components import rtc through rtc/index.ts only', () => {
  const intoRtc = (target: string) => target.startsWith('src/rtc/') && target !== 'src/rtc/index.ts';
  assert.deepEqual(
    offending(
      (file) => file.startsWith('src/components/') || file === 'src/index.ts',
      (target) => !intoRtc(target),
    ),
    [],
  );
});

test('rtc imports neither components nor Lit, only itself, protocol and socket.io', () => {
  const allowed = (target: string) =>
    target.startsWith('src/rtc/') || target === 'src/protocol.ts' || /^(socket\.io-client|@socket\.io\/)/.test(target);
  assert.deepEqual(
    offending((file) => file.startsWith('src/rtc/'), allowed),
    [],
  );
});

test('protocol imports nothing; the server takes only protocol from src', () => {
  assert.deepEqual(graph.get('src/protocol.ts'), []);
  const fromSrc = (target: string) => target.startsWith('src/') && target !== 'src/protocol.ts';
  assert.deepEqual(
    offending(
      (file) => file.startsWith('server/'),
      (target) => !fromSrc(target),
    ),
    [],
  );
});

test('no import cycles', () => {
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]): void => {
    if (path.includes(file)) return void cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
    if (done.has(file)) return;
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(cycles, []);
});
