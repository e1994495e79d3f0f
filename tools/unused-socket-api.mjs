// socket.io-client's Socket has API the widget never calls: catch-all listeners (onAny, onAnyOutgoing and
// their prepend/off/listeners forms), send() and close() (aliases of emit('message') and disconnect()), the
// compress/volatile flags, and the queue that resends unanswered events when the `retries` option is set (the
// widget never sets it: its questions time out and it answers for itself, signaling.ts). Classes keep every
// method whatever is used, so the bundle leaves these out here, as it leaves out the transports the relay never
// uses (websocket-only-engine.mjs). The Socket's internals only read what those methods would set (an absent
// list of catch-all listeners is an empty one, the queue stays empty), so what runs is unchanged: the methods
// they still call (to tell catch-all listeners, to drain the queue) become empty. A method that is no longer
// where expected fails the build, not the widget. The event emitter socket.io-client builds on
// (@socket.io/component-emitter) loses once(), listeners() and hasListeners(), which neither it nor the widget
// calls. The long hint socket.io-client gives when the server speaks Socket.IO v2 (not the relay) is cut short.
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
  '_addToQueue(args)',
];
/** Called by what remains, with nothing to do once the methods above are gone. */
const EMPTIED = ['_drainQueue(force = false)', 'notifyOutgoingListeners(packet)'];

const V2_HINT =
  'It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible (more information here: https://socket.io/docs/v3/migrating-from-2-x-to-3-0/)';
const EMITTER = '/@socket.io/component-emitter/lib/esm/index.js';
const UNUSED_EMITTER = ['once', 'listeners', 'hasListeners'];

/** `code` without the emitter's prototype method `name` (assigned as a function, closed at the line start). */
function withoutPrototypeMethod(code, name) {
  const start = code.indexOf(`\nEmitter.prototype.${name} = function(`);
  const end = start < 0 ? -1 : code.indexOf('\n};\n', start);
  if (end < 0) throw new Error(`unused-socket-api: component-emitter has no method ${name} any more`);
  return code.slice(0, start) + code.slice(end + '\n};'.length);
}

/** `code` without the class method whose head is `signature` (at the class body's indentation). */
function withoutMethod(code, signature) {
  const start = code.indexOf(`\n    ${signature} {\n`);
  const end = start < 0 ? -1 : code.indexOf('\n    }\n', start);
  if (end < 0) throw new Error(`unused-socket-api: socket.io-client's Socket has no method ${signature} any more`);
  return code.slice(0, start) + code.slice(end + '\n    }'.length);
}

/** `code` with the class method whose head is `signature` doing nothing. */
function emptied(code, signature) {
  const head = `\n    ${signature} {`;
  const start = code.indexOf(head);
  if (start < 0) throw new Error(`unused-socket-api: socket.io-client's Socket has no method ${signature} any more`);
  const end = code.indexOf('\n    }\n', start);
  return `${code.slice(0, start)}\n    ${signature.replace(/\(.*/, '()')} {${code.slice(end + '\n    '.length)}`;
}

/** For rollup.config.mjs. */
export function unusedSocketApi() {
  return {
    name: 'unused-socket-api',
    transform(code, id) {
      if (id.endsWith(EMITTER)) return { code: UNUSED_EMITTER.reduce(withoutPrototypeMethod, code), map: null };
      if (!id.endsWith(SOCKET)) return null;
      const trimmed = EMPTIED.reduce(emptied, UNUSED.reduce(withoutMethod, code));
      if (!trimmed.includes(V2_HINT)) throw new Error("unused-socket-api: socket.io-client's v2 hint changed");
      return { code: trimmed.replace(V2_HINT, 'This server speaks Socket.IO v2, not v4'), map: null };
    },
  };
}
