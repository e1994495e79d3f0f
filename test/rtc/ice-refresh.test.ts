// TURN credentials in a long call: the refresh schedule on its own with fake timers (80% of each lifetime,
// sooner again after no answer, nothing once stopped), then two Calls on a relay whose credentials last 2 s,
// whose live RTCPeerConnection gets the fresh ones.
import { expect } from '@open-wc/testing';
import type { IceServersAck } from '../../src/protocol.ts';
import { Call } from '../../src/rtc/call.ts';
import { refreshIceServers, type Timers } from '../../src/rtc/ice-refresh.ts';
import { turnRelay, uniqueRoom, waitFor } from '../support/browser.ts';

/** Timers that run only when told to. */
class FakeTimers implements Timers {
  #pending = new Map<number, { callback: () => void; ms: number }>();
  #next = 1;

  setTimeout(callback: () => void, ms: number): number {
    this.#pending.set(this.#next, { callback, ms });
    return this.#next++;
  }

  clearTimeout(id: number): void {
    this.#pending.delete(id);
  }

  /** The delays of the timers pending. */
  get delays(): number[] {
    return [...this.#pending.values()].map(({ ms }) => ms);
  }

  /** Runs the timers pending, and lets what they started settle. */
  async run(): Promise<void> {
    const due = [...this.#pending.values()];
    this.#pending.clear();
    for (const { callback } of due) callback();
    await new Promise((resolve) => setTimeout(resolve));
  }
}

const servers = (username: string) => [{ urls: 'turn:turn.example.com', username, credential: 'x' }];

describe('refreshIceServers', () => {
  it('asks at 80% of each lifetime, applies every fresh set, and stops when no lifetime comes back', async () => {
    const timers = new FakeTimers();
    const answers: IceServersAck[] = [
      { ok: true, iceServers: servers('second'), iceServersTtl: 50 },
      { ok: true, iceServers: servers('third') },
    ];
    const applied: string[] = [];
    refreshIceServers(
      100,
      async () => answers.shift()!,
      (iceServers) => applied.push(iceServers[0]!.username!),
      timers,
    );
    expect(timers.delays).to.deep.equal([80_000]);
    await timers.run();
    expect(applied).to.deep.equal(['second']);
    expect(timers.delays).to.deep.equal([40_000]);
    await timers.run();
    expect(applied).to.deep.equal(['second', 'third']);
    expect(timers.delays).to.deep.equal([]);
  });

  it('asks again sooner when no answer came (not joined right now), and gives up on nothing', async () => {
    const timers = new FakeTimers();
    const answers: Array<IceServersAck | null> = [
      null,
      { ok: false, code: 'not-joined', message: 'join a room first' },
      { ok: true, iceServers: servers('fresh'), iceServersTtl: 100 },
    ];
    const applied: string[] = [];
    refreshIceServers(
      100,
      async () => answers.shift()!,
      (iceServers) => applied.push(iceServers[0]!.username!),
      timers,
    );
    await timers.run();
    expect(timers.delays).to.deep.equal([5_000]);
    await timers.run();
    expect(timers.delays).to.deep.equal([5_000]);
    await timers.run();
    expect(applied).to.deep.equal(['fresh']);
    expect(timers.delays).to.deep.equal([80_000]);
  });

  it('once stopped, sets no timer and applies no answer that was still on its way', async () => {
    const timers = new FakeTimers();
    let answer: (ack: IceServersAck) => void = () => {};
    const applied: unknown[] = [];
    const stop = refreshIceServers(
      100,
      () => new Promise((resolve) => (answer = resolve)),
      (iceServers) => applied.push(iceServers),
      timers,
    );
    await timers.run();
    stop();
    answer({ ok: true, iceServers: servers('late'), iceServersTtl: 100 });
    await new Promise((resolve) => setTimeout(resolve));
    expect(applied).to.deep.equal([]);
    expect(timers.delays).to.deep.equal([]);

    const idle = new FakeTimers();
    refreshIceServers(
      100,
      () => Promise.resolve(null),
      () => {},
      idle,
    )();
    expect(idle.delays).to.deep.equal([]);
  });
});

/** The TURN REST credential for `username`: base64(HMAC-SHA1(secret, username)). */
async function turnCredential(secret: string, username: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, [
    'sign',
  ]);
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(username));
  return btoa(String.fromCharCode(...new Uint8Array(signature)));
}

describe('TURN credentials in a call', () => {
  const calls: Call[] = [];
  afterEach(() => {
    for (const call of calls.splice(0)) call.leave();
  });

  it('are refreshed before they expire and given to the live peer connection', async () => {
    const { url, secret } = await turnRelay();
    const room = uniqueRoom();
    const connections: RTCPeerConnection[] = [];
    const ada = new Call({
      server: url,
      room,
      name: 'Ada',
      createPeerConnection: (configuration) => {
        const pc = new RTCPeerConnection(configuration);
        connections.push(pc);
        return pc;
      },
    });
    const brian = new Call({ server: url, room, name: 'Brian' });
    calls.push(ada, brian);
    await ada.join();
    await waitFor(() => ada.state === 'joined', 'Ada joined');
    await brian.join();
    const pc = await waitFor(() => connections.find((pc) => pc.connectionState === 'connected'), 'connected');

    const turnOf = () => pc.getConfiguration().iceServers!.find((server) => String(server.urls).startsWith('turn:'))!;
    const expiry = (server: RTCIceServer) => Number(server.username!.split(':')[0]);
    const first = turnOf();
    const fresh = await waitFor(() => (expiry(turnOf()) > expiry(first) ? turnOf() : null), 'fresh TURN credentials');
    expect(fresh.username).to.equal(`${expiry(fresh)}:${ada.participants[0]!.id}`);
    expect(fresh.credential).to.equal(await turnCredential(secret, fresh.username!));
    expect(fresh.urls).to.deep.equal(first.urls);
    expect(pc.connectionState).to.equal('connected');
  });
});
