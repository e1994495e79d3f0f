// The widget's Engine.IO client: socket.io-client on it against the real relay (connect, acks, heartbeats, a
// dropped connection), and its protocol edges against a scripted WebSocket (handshake, pings, malformed
// packets, close).
import { expect } from '@open-wc/testing';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { Socket as Engine, type EngineOptions } from '../../src/rtc/websocket-engine.ts';
import { relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';

describe('websocket engine, under socket.io-client with the real relay', () => {
  const sockets: ClientSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  function connect(server: string): ClientSocket {
    const socket = io(new URL(server).origin, { path: '/socket.io/', transports: ['websocket'] });
    sockets.push(socket);
    return socket;
  }

  it('is the engine socket.io-client runs on, and carries a join and its acknowledgement', async () => {
    const socket = connect(await relayCommand('relay-url'));
    await waitFor(() => socket.connected, 'connected');
    expect(socket.io.engine).to.be.instanceOf(Engine);
    const answer = await socket.timeout(10_000).emitWithAck('join', { room: uniqueRoom(), name: 'Ada' });
    expect(answer).to.include({ ok: true });
  });

  it("answers the relay's pings, so the connection outlives its ping timeout", async () => {
    // This relay pings every 250 ms and drops a connection that has not answered within 2 s.
    const socket = connect(await relayCommand('heartbeat-relay'));
    await waitFor(() => socket.connected, 'connected');
    const id = socket.io.engine.id;
    let pings = 0;
    let disconnects = 0;
    socket.io.on('ping', () => pings++);
    socket.on('disconnect', () => disconnects++);
    await waitFor(() => pings >= 12, 'twelve pings (3 s)');
    expect(disconnects).to.equal(0);
    expect(socket.io.engine.id).to.equal(id);
  });

  it('reports a dropped connection as a transport close, and socket.io-client reconnects', async () => {
    const socket = connect(await relayCommand('relay-url'));
    await waitFor(() => socket.connected, 'connected');
    const reasons: string[] = [];
    socket.on('disconnect', (reason) => reasons.push(reason));
    await relayCommand('relay-drop-connections');
    await waitFor(() => reasons.length === 1, 'a disconnect');
    expect(reasons).to.deep.equal(['transport close']);
    await waitFor(() => socket.connected, 'reconnected');
  });
});

/** A WebSocket the test scripts: it records what the engine sends and delivers what the test receives. */
class ScriptedWebSocket {
  static last: ScriptedWebSocket;
  readonly url: string;
  readonly sent: string[] = [];
  closed = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;

  constructor(url: URL) {
    this.url = String(url);
    ScriptedWebSocket.last = this;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {
    this.closed = true;
  }

  receive(data: unknown): void {
    this.onmessage?.({ data });
  }
}

describe('websocket engine, against a scripted WebSocket', () => {
  const NativeWebSocket = globalThis.WebSocket;
  before(() => {
    globalThis.WebSocket = ScriptedWebSocket as unknown as typeof WebSocket;
  });
  after(() => {
    globalThis.WebSocket = NativeWebSocket;
  });

  const engines: Engine[] = [];
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.close();
  });

  /** An engine, its WebSocket and a log of its events. */
  function engine(uri = 'http://relay.test', options: EngineOptions = { path: '/socket.io/' }) {
    const log: unknown[][] = [];
    const created = new Engine(uri, options);
    engines.push(created);
    for (const type of ['open', 'ping', 'data', 'error', 'close'] as const) {
      created.on(type, (...args: unknown[]) => log.push([type, ...args]));
    }
    return { engine: created, ws: ScriptedWebSocket.last, log };
  }

  const handshake = (pingInterval = 25_000, pingTimeout = 20_000) =>
    '0' + JSON.stringify({ sid: 'sid-1', upgrades: [], pingInterval, pingTimeout, maxPayload: 1e6 });

  it('connects to the Engine.IO v4 WebSocket URL, keeping the path prefix and the query', () => {
    const secure = engine('https://relay.test:8443', { path: '/vc/socket.io', query: { token: 'a b' } });
    expect(secure.ws.url).to.equal('wss://relay.test:8443/vc/socket.io/?token=a+b&EIO=4&transport=websocket');
    expect(engine('http://127.0.0.1:8000').ws.url).to.equal('ws://127.0.0.1:8000/socket.io/?EIO=4&transport=websocket');
  });

  it('opens on the handshake, and sends messages only once open', () => {
    const { engine: opened, ws, log } = engine();
    opened.write('0{}');
    expect(opened.transport.writable).to.equal(false);
    ws.receive(handshake());
    expect(log).to.deep.equal([['open']]);
    expect(opened.id).to.equal('sid-1');
    expect(opened.transport.writable).to.equal(true);
    opened.write('2["signal",{}]');
    ws.receive('42["peer-left",{}]');
    ws.receive('6');
    expect(ws.sent).to.deep.equal(['42["signal",{}]']);
    expect(log.slice(1)).to.deep.equal([['data', '2["peer-left",{}]']]);
  });

  it('answers a ping with a pong', () => {
    const { ws, log } = engine();
    ws.receive(handshake());
    ws.receive('2');
    expect(ws.sent).to.deep.equal(['3']);
    expect(log).to.deep.equal([['open'], ['ping']]);
  });

  it('closes with "ping timeout" when the next ping is overdue', async () => {
    const { engine: opened, ws, log } = engine();
    ws.receive(handshake(20, 20));
    await waitFor(() => log.some(([type]) => type === 'close'), 'close');
    expect(log).to.deep.equal([['open'], ['close', 'ping timeout', undefined]]);
    expect(ws.closed).to.equal(true);
    expect(opened.id).to.equal(null);
  });

  it('knows a ping is overdue before its timer fires (timers lag in a suspended page)', async () => {
    const { engine: opened, ws, log } = engine();
    expect(opened._hasPingExpired()).to.equal(false);
    ws.receive(handshake(25_000, 20_000));
    expect(opened._hasPingExpired()).to.equal(false);
    const now = Date.now;
    Date.now = () => now() + 45_001;
    try {
      expect(opened._hasPingExpired()).to.equal(true);
    } finally {
      Date.now = now;
    }
    await Promise.resolve();
    expect(log).to.deep.equal([['open'], ['close', 'ping timeout', undefined]]);
  });

  for (const [what, packet] of [
    ['an unknown packet type', '9'],
    ['a binary packet', new ArrayBuffer(4)],
    ['a malformed handshake', '0{'],
    ['a handshake without a session id', '0{"pingInterval":25000,"pingTimeout":20000}'],
    ['a handshake without ping times', '0{"sid":"sid-1"}'],
  ] as const) {
    it(`errors and closes on ${what}`, () => {
      const { ws, log } = engine();
      ws.receive(packet);
      expect(log.map(([type, reason]) => (type === 'close' ? `close: ${reason}` : type))).to.deep.equal([
        'error',
        'close: transport error',
      ]);
      expect((log[0]![1] as Error).message).to.match(/^parser error/);
      expect(ws.closed).to.equal(true);
    });
  }

  it('closes once: when asked, when the WebSocket closes, on a close packet, or when the browser goes offline', () => {
    const asked = engine();
    asked.ws.receive(handshake());
    asked.engine.close();
    asked.engine.close();
    asked.engine.write('2["late"]');
    expect(asked.log).to.deep.equal([['open'], ['close', 'forced close', undefined]]);
    expect(asked.ws.sent).to.deep.equal([]);

    const dropped = engine();
    dropped.ws.receive(handshake());
    dropped.ws.onclose?.({ code: 1006 });
    expect(dropped.log.at(-1)!.slice(0, 2)).to.deep.equal(['close', 'transport close']);

    const closedByRelay = engine();
    closedByRelay.ws.receive(handshake());
    closedByRelay.ws.receive('1');
    expect(closedByRelay.log.at(-1)).to.deep.equal(['close', 'transport close', undefined]);
    expect(closedByRelay.ws.closed).to.equal(true);

    const offline = engine();
    offline.ws.receive(handshake());
    dispatchEvent(new Event('offline'));
    expect(offline.log.at(-1)).to.deep.equal(['close', 'transport close', { description: 'network connection lost' }]);
    expect(offline.ws.closed).to.equal(true);
  });

  it('errors and closes when the WebSocket fails', () => {
    const { ws, log } = engine();
    ws.onerror?.();
    expect(log.map(([type]) => type)).to.deep.equal(['error', 'close']);
    expect(log[1]![1]).to.equal('transport error');
  });
});
