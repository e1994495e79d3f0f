// A lean Socket.IO v5 client over one WebSocket for the benchmarks: the Engine.IO/Socket.IO framing written by
// hand (open, connect, ping/pong, events, acks), so that the load generator costs far less per message than the
// servers it measures. Both servers under test speak this protocol, so the same client drives them alike.
import WebSocket from 'ws';

export type EventListener = (payload: any) => void;

export class RawClient {
  readonly ws: WebSocket;
  #listeners = new Map<string, EventListener>();
  #acks = new Map<number, (payload: any) => void>();
  #nextAck = 0;
  /** Called with the raw text of each `signal` event, before any parsing (the hot path). */
  onSignal: (text: string) => void = () => {};
  closed = false;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.#receive(data.toString()));
    ws.on('close', () => (this.closed = true));
  }

  /** Opens the WebSocket and connects to the main namespace. */
  static connect(url: string, timeoutMs = 10_000): Promise<RawClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (ws.terminate(), reject(new Error('connect timed out'))), timeoutMs);
      ws.on('error', (error) => (clearTimeout(timer), reject(error)));
      client.#connected = () => (clearTimeout(timer), resolve(client));
    });
  }

  #connected: () => void = () => {};

  on(event: string, listener: EventListener): void {
    this.#listeners.set(event, listener);
  }

  emit(event: string, payload: unknown): void {
    this.ws.send(`42${JSON.stringify([event, payload])}`);
  }

  /** Sends an already serialized `42[...]` packet. */
  sendRaw(packet: string): void {
    this.ws.send(packet);
  }

  request(event: string, payload: unknown, timeoutMs = 10_000): Promise<any> {
    const id = this.#nextAck++;
    this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), timeoutMs);
      this.#acks.set(id, (answer) => (clearTimeout(timer), resolve(answer)));
    });
  }

  close(): void {
    this.ws.terminate();
  }

  #receive(text: string): void {
    switch (text[0]) {
      case '2': // Engine.IO ping
        return this.ws.send('3');
      case '0': // Engine.IO open
        return this.ws.send('40');
      case '4':
        break;
      default:
        return;
    }
    const type = text[1];
    if (type === '0') return this.#connected();
    if (type === '2') {
      if (text.startsWith('42["signal"')) return this.onSignal(text);
      const [event, payload] = JSON.parse(text.slice(2)) as [string, unknown];
      return this.#listeners.get(event)?.(payload);
    }
    if (type === '3') {
      const bracket = text.indexOf('[');
      const id = Number(text.slice(2, bracket));
      const [answer] = JSON.parse(text.slice(bracket)) as [unknown];
      this.#acks.get(id)?.(answer);
      this.#acks.delete(id);
    }
  }
}

/** Opens `count` clients, `concurrency` handshakes at a time. */
export async function connectMany(url: string, count: number, concurrency = 100): Promise<RawClient[]> {
  const clients: RawClient[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Math.min(concurrency, count - start);
    clients.push(...(await Promise.all(Array.from({ length: batch }, () => RawClient.connect(url)))));
  }
  return clients;
}

/** The middle value (the upper of the two middle ones for an even count), as percentile(sorted, 50). */
export function median(values: number[]): number {
  return percentile(
    [...values].sort((x, y) => x - y),
    50,
  );
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
