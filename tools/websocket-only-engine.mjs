// The relay speaks Engine.IO over WebSocket only and its messages are plain JSON, so the widget's bundle
// leaves out what socket.io-client can never use against it: this rollup plugin gives engine.io-client a
// transport table with only the WebSocket transport (HTTP long-polling and WebTransport go, about 20 KB
// before minification), and gives socket.io-parser binary-attachment modules for which nothing is binary and
// which refuse attachments (the relay never sends any; the widget sends only JSON), and parses URLs with the
// platform's URL instead of a large regular expression. socket.io-client is otherwise used as is.
import { dirname, join } from 'node:path';

const VIRTUAL = '\0engine.io-client/websocket-only-transports';
const NO_BINARY = '\0socket.io-parser/no-binary-attachments';
const URL_PARSER = '\0engine.io-client/url-parser';
const NOTHING_BINARY = '\0socket.io-parser/nothing-is-binary';

export function websocketOnlyEngine() {
  let websocketModule;
  return {
    name: 'websocket-only-engine',
    resolveId(source, importer) {
      if (source === './contrib/parseuri.js' && importer?.includes('/node_modules/engine.io-client/'))
        return URL_PARSER;
      if (importer?.includes('/node_modules/socket.io-parser/')) {
        if (source === './binary.js') return NO_BINARY;
        if (source === './is-binary.js') return NOTHING_BINARY;
      }
      if (source !== './transports/index.js' || !importer?.includes('/node_modules/engine.io-client/')) return null;
      websocketModule = join(dirname(importer), 'transports', 'websocket.js');
      return VIRTUAL;
    },
    transform(code, id) {
      // Left unimported, the other transports still run top-level code (polling-xhr probes XMLHttpRequest):
      // declare them free of side effects so they go with the imports.
      if (/\/engine\.io-client\/build\/esm\/transports\/(?!websocket\.js)/.test(id)) {
        return { code, map: null, moduleSideEffects: false };
      }
      return null;
    },
    load(id) {
      if (id === NO_BINARY) {
        // hasBinary() is false for the widget's JSON, so deconstructPacket is never reached; a binary frame
        // from the relay is refused like any malformed packet (socket.io-client closes and reconnects).
        return (
          `const refuse = () => { throw new Error('binary packets are not used by this relay'); };\n` +
          `export const deconstructPacket = refuse;\nexport const reconstructPacket = refuse;\n`
        );
      }
      if (id === URL_PARSER) {
        // The fields engine.io-client and socket.io-client read, from the platform's URL parser rather than a
        // regular expression (every browser that can run the widget has URL).
        return `export function parse(source) {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\\/\\//i.test(source) ? source : 'http://' + source);
  const query = url.search.slice(1);
  return {
    source, protocol: url.protocol.slice(0, -1), host: url.hostname.replace(/^\\[|\\]$/g, ''), port: url.port,
    path: url.pathname, query, anchor: url.hash.slice(1), queryKey: Object.fromEntries(new URLSearchParams(query)),
  };
}
`;
      }
      if (id === NOTHING_BINARY) {
        return `export const isBinary = () => false;\nexport const hasBinary = () => false;\n`;
      }
      if (id !== VIRTUAL) return null;
      return (
        `export { WS } from ${JSON.stringify(websocketModule)};\n` +
        `import { WS } from ${JSON.stringify(websocketModule)};\nexport const transports = { websocket: WS };\n`
      );
    },
  };
}
