// A raw Engine.IO client on the ws package, for checking the relay's framing packet by packet:
// it queues every frame it receives and lets a test read them one at a time, each read bounded.
import type { TestContext } from 'node:test';
import WebSocket from 'ws';
import { WAIT_MS, within } from './helpers.ts';

export const ENGINE_PATH = '/socket.io/?EIO=4&transport=websocket';

export interface Closed {
  code: number;
  reason: string;
}

export class RawClient {
  readonly ws: WebSocket;
  /** Settles when the WebSocket has closed, with the code the relay gave (1006 when it just dropped). */
  readonly closed: Promise<Closed>;
  #frames: Array<string | Buffer> = [];
  #waiting: Array<(frame: string | Buffer | undefined) => void> = [];
  #isClosed = false;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      const frame = isBinary ? (data as Buffer) : data.toString();
      const waiter = this.#waiting.shift();
      if (waiter) waiter(frame);
      else this.#frames.push(frame);
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.#isClosed = true;
        for (const waiter of this.#waiting.splice(0)) waiter(undefined);
        resolve({ code, reason: reason.toString() });
      });
    });
    ws.on('error', () => {}); // surfaced through `closed`
  }

  /** Opens a WebSocket to the relay's Engine.IO endpoint; it is terminated after the test. */
  static async open(t: TestContext, httpUrl: string, path = ENGINE_PATH): Promise<RawClient> {
    const ws = new WebSocket(httpUrl.replace(/^http/, 'ws') + path);
    t.after(() => ws.terminate());
    const client = new RawClient(ws);
    await within(
      new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('unexpected-response', (_request, response) =>
          reject(new Error(`upgrade refused: ${response.statusCode}`)),
        );
      }),
      'WebSocket open',
    );
    return client;
  }

  /** Opens, reads the Engine.IO open packet and connects to the main namespace; returns the CONNECT answer. */
  static async connected(t: TestContext, httpUrl: string): Promise<{ client: RawClient; connectAnswer: string }> {
    const client = await RawClient.open(t, httpUrl);
    const open = await client.next();
    if (!open.startsWith('0{')) throw new Error(`expected an open packet, got ${open}`);
    client.send('40');
    return { client, connectAnswer: await client.next() };
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: string | Buffer): void {
    this.ws.send(frame);
  }

  /** The next text frame; rejects if a binary frame comes instead, if the socket closes, or after the bound. */
  async next(timeoutMs = WAIT_MS): Promise<string> {
    const frame = await this.nextFrame(timeoutMs);
    if (typeof frame !== 'string') throw new Error('expected a text frame, got a binary one');
    return frame;
  }

  /** The next frame, text or binary. */
  nextFrame(timeoutMs = WAIT_MS): Promise<string | Buffer> {
    if (this.#frames.length) return Promise.resolve(this.#frames.shift()!);
    if (this.#isClosed) return Promise.reject(new Error('the WebSocket is closed'));
    let waiter!: (frame: string | Buffer | undefined) => void;
    const frame = new Promise<string | Buffer>((resolve, reject) => {
      waiter = (value) => (value === undefined ? reject(new Error('the WebSocket closed')) : resolve(value));
      this.#waiting.push(waiter);
    });
    return within(frame, 'next frame', timeoutMs).finally(() => {
      const index = this.#waiting.indexOf(waiter);
      if (index >= 0) this.#waiting.splice(index, 1);
    });
  }

  /** How the WebSocket closed; rejects if it is still open after the bound. */
  waitClosed(timeoutMs = WAIT_MS): Promise<Closed> {
    return within(this.closed, 'WebSocket close', timeoutMs);
  }
}
