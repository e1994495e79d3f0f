// socket.io-client's Socket has API the widget never calls: catch-all listeners (onAny, onAnyOutgoing and
// their prepend/off/listeners forms), send() and close() (aliases of emit('message') and disconnect()), and
// the compress/volatile flags. Classes keep every method whatever is used, so the bundle leaves these out
// here, as it leaves out the transports the relay never uses (websocket-only-engine.mjs). The Socket's
// internals only read what those methods would set (an absent list of catch-all listeners is an empty one),
// so what runs is unchanged. A method that is no longer where expected fails the build, not the widget.
const SOCKET = '/socket.io-client/build/esm/socket.js';
const UNUSED = [
  'send(...args)',
  'close()',
  'compress(compress)',
  'get volatile()',
  'onAny(listener)',
  'prependAny(listener)',
  'offAny(listener)',
  'listenersAny()',
  'onAnyOutgoing(listener)',
  'prependAnyOutgoing(listener)',
  'offAnyOutgoing(listener)',
  'listenersAnyOutgoing()',
];

/** `code` without the class method whose head is `signature` (at the class body's indentation). */
function withoutMethod(code, signature) {
  const start = code.indexOf(`\n    ${signature} {\n`);
  const end = start < 0 ? -1 : code.indexOf('\n    }\n', start);
  if (end < 0) throw new Error(`unused-socket-api: socket.io-client's Socket has no method ${signature} any more`);
  return code.slice(0, start) + code.slice(end + '\n    }'.length);
}

/** For rollup.config.mjs. */
export function unusedSocketApi() {
  return {
    name: 'unused-socket-api',
    transform(code, id) {
      if (!id.endsWith(SOCKET)) return null;
      return { code: UNUSED.reduce(withoutMethod, code), map: null };
    },
  };
}
