// The relay speaks Engine.IO over WebSocket only and its messages are plain JSON, so the widget leaves out
// what socket.io-client can never use against it:
// - socket.io-client's Manager gets src/rtc/websocket-engine.ts in place of engine.io-client
//   (HTTP long-polling, WebTransport, transport upgrades and binary encodings: about 4 KB gzip);
// - socket.io-parser gets binary-attachment modules for which nothing is binary and which refuse attachments
//   (the relay never sends any; the widget sends only JSON), and in the bundle its encoder and decoder lose
//   their binary paths: no binary encoding, and a binary packet's header is refused at once, as its
//   attachments would be.
// socket.io-client is otherwise used as is. The rollup plugin builds the bundle; the @web/test-runner plugin
// gives the browser tests the same modules. The bundle also takes socket.io-client's Manager from its own
// module, leaving out io() with its URL parser and its cache of managers (index.js attaches Manager to io()
// at load, which would keep them); that changes what is bundled, not what runs.
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE = fileURLToPath(new URL('../src/rtc/websocket-engine.ts', import.meta.url));
const NO_BINARY = '\0socket.io-parser/no-binary-attachments';
const NOTHING_BINARY = '\0socket.io-parser/nothing-is-binary';
const MANAGER_ONLY = '\0socket.io-client/manager-only';
/** socket.io-client's "exports" allow no deep import; rollup loads the file by its path. */
const MANAGER = join(
  dirname(createRequire(import.meta.url).resolve('socket.io-client/package.json')),
  'build/esm/manager.js',
);
const VIRTUAL_MODULES = {
  // hasBinary() is false for the widget's JSON, so deconstructPacket is never reached; a binary frame from
  // the relay is refused by the engine like any malformed packet (socket.io-client reconnects).
  [NO_BINARY]:
    `const refuse = () => { throw new Error('binary packets are not used by this relay'); };\n` +
    `export const deconstructPacket = refuse;\nexport const reconstructPacket = refuse;\n`,
  [NOTHING_BINARY]: `export const isBinary = () => false;\nexport const hasBinary = () => false;\n`,
  [MANAGER_ONLY]: `export { Manager } from ${JSON.stringify(MANAGER)};\n`,
};

const PARSER = '/socket.io-parser/build/esm/index.js';

/** socket.io-parser's index.js without its binary paths (see above); a change upstream fails the build. */
function withoutBinaryPaths(code) {
  const method = code.indexOf('\n    encodeAsBinary(obj) {\n');
  const methodEnd = code.indexOf('\n    }\n', method);
  const reconstructor = code.indexOf('\nclass BinaryReconstructor {\n');
  const reconstructorEnd = code.indexOf('\n}\n', reconstructor);
  if (method < 0 || methodEnd < 0 || reconstructor < 0 || reconstructorEnd < 0) {
    throw new Error('websocket-only-engine: socket.io-parser changed: review withoutBinaryPaths()');
  }
  const refusal =
    '\nclass BinaryReconstructor {\n    constructor() {\n' +
    '        throw new Error("binary packets are not used by this relay");\n    }\n}';
  return (
    code.slice(0, method) +
    code.slice(methodEnd + '\n    }'.length, reconstructor) +
    refusal +
    code.slice(reconstructorEnd + '\n}'.length)
  );
}

/** The module to use for `source` imported by `importer` (an absolute path), or null for the usual one. */
function replacement(source, importer) {
  // (socket.io-client's io() and its index.js also import engine.io-client: the browser tests load them, the
  // bundle does not.)
  if (source === 'engine.io-client' && importer.endsWith('/socket.io-client/build/esm/manager.js')) return ENGINE;
  if (importer.includes('/node_modules/socket.io-parser/')) {
    if (source === './binary.js') return NO_BINARY;
    if (source === './is-binary.js') return NOTHING_BINARY;
  }
  return null;
}

/** For rollup.config.mjs. */
export function websocketOnlyEngine() {
  return {
    name: 'websocket-only-engine',
    resolveId(source, importer) {
      if (!importer) return null;
      if (source === 'socket.io-client' && !importer.includes('/node_modules/')) return MANAGER_ONLY;
      return replacement(source, importer);
    },
    load: (id) => VIRTUAL_MODULES[id] ?? null,
    transform: (code, id) => (id.endsWith(PARSER) ? { code: withoutBinaryPaths(code), map: null } : null),
  };
}

/** For web-test-runner.config.mjs: `rootDir` is the folder the dev server serves. */
export function wtrWebsocketOnlyEngine(rootDir) {
  return {
    name: 'websocket-only-engine',
    resolveImport({ source, context }) {
      const importer = join(rootDir, decodeURIComponent(context.path));
      const replaced = replacement(source, importer);
      if (replaced === ENGINE) return `/${relative(rootDir, ENGINE)}`;
      return replaced ? `/__virtual__/${encodeURIComponent(replaced.slice(1))}.js` : undefined;
    },
    serve(context) {
      const match = /^\/__virtual__\/(.+)\.js$/.exec(context.path);
      if (match) return { body: VIRTUAL_MODULES[`\0${decodeURIComponent(match[1])}`], type: 'js' };
    },
  };
}
