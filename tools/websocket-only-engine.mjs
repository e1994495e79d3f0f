// The relay speaks Engine.IO over WebSocket only and its messages are plain JSON, so the widget leaves out
// what socket.io-client can never use against it:
// - socket.io-client's Manager and URL helper get src/rtc/websocket-engine.ts in place of engine.io-client
//   (HTTP long-polling, WebTransport, transport upgrades and binary encodings: about 4 KB gzip);
// - socket.io-parser gets binary-attachment modules for which nothing is binary and which refuse attachments
//   (the relay never sends any; the widget sends only JSON).
// socket.io-client is otherwise used as is. The rollup plugin builds the bundle; the @web/test-runner plugin
// gives the browser tests the same modules.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE = fileURLToPath(new URL('../src/rtc/websocket-engine.ts', import.meta.url));
const NO_BINARY = '\0socket.io-parser/no-binary-attachments';
const NOTHING_BINARY = '\0socket.io-parser/nothing-is-binary';
const VIRTUAL_MODULES = {
  // hasBinary() is false for the widget's JSON, so deconstructPacket is never reached; a binary frame from
  // the relay is refused by the engine like any malformed packet (socket.io-client reconnects).
  [NO_BINARY]:
    `const refuse = () => { throw new Error('binary packets are not used by this relay'); };\n` +
    `export const deconstructPacket = refuse;\nexport const reconstructPacket = refuse;\n`,
  [NOTHING_BINARY]: `export const isBinary = () => false;\nexport const hasBinary = () => false;\n`,
};

/** The module to use for `source` imported by `importer` (an absolute path), or null for the usual one. */
function replacement(source, importer) {
  // socket.io-client's index.js also re-exports engine.io-client's transports; the bundle never uses them.
  if (source === 'engine.io-client' && /\/socket\.io-client\/build\/esm\/(manager|url)\.js$/.test(importer))
    return ENGINE;
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
    resolveId: (source, importer) => (importer ? replacement(source, importer) : null),
    load: (id) => VIRTUAL_MODULES[id] ?? null,
    transform(code, id) {
      // Only socket.io-client's unused re-exports still import engine.io-client: declared free of side effects
      // (its top-level code registers an `offline` listener), it goes with them.
      if (/\/node_modules\/engine\.io-(client|parser)\//.test(id)) return { code, map: null, moduleSideEffects: false };
      return null;
    },
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
