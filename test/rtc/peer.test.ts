// Two Peers in one page, signalling through an in-memory channel instead of the relay: real
// RTCPeerConnections that connect and carry audio and video, including when both offer at once (glare).
import { expect } from '@open-wc/testing';
import type { JsonObject } from '../../src/protocol.ts';
import { Peer } from '../../src/rtc/peer.ts';
import { waitFor } from '../support/browser.ts';

interface Pair {
  a: Peer;
  b: Peer;
  close(): void;
}

/** Connects two peers; messages are delivered asynchronously and in order, like the relay does. */
function pair(initiators: { a: boolean; b: boolean }, streams: { a: MediaStream | null; b: MediaStream | null }): Pair {
  const deliver = (to: () => Peer) => (data: JsonObject) => setTimeout(() => to().receive(data), 0);
  const common = { iceServers: [] };
  const a: Peer = new Peer({
    ...common,
    localId: 'A'.repeat(22),
    remoteId: 'B'.repeat(22),
    initiator: initiators.a,
    localStream: streams.a,
    send: deliver(() => b),
  });
  const b: Peer = new Peer({
    ...common,
    localId: 'B'.repeat(22),
    remoteId: 'A'.repeat(22),
    initiator: initiators.b,
    localStream: streams.b,
    send: deliver(() => a),
  });
  return { a, b, close: () => (a.close(), b.close()) };
}

const kinds = (peer: Peer) =>
  peer.stream
    .getTracks()
    .map((track) => track.kind)
    .sort();

describe('Peer', () => {
  let streams: MediaStream[] = [];
  const camera = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    streams.push(stream);
    return stream;
  };
  let pairs: Pair[] = [];

  afterEach(() => {
    for (const p of pairs.splice(0)) p.close();
    for (const stream of streams.splice(0)) for (const track of stream.getTracks()) track.stop();
  });

  it('connects an initiator and an answerer, each receiving audio and video', async () => {
    const p = pair({ a: true, b: false }, { a: await camera(), b: await camera() });
    pairs.push(p);
    await waitFor(() => p.a.connectionState === 'connected' && p.b.connectionState === 'connected', 'connected');
    await waitFor(() => kinds(p.a).length === 2 && kinds(p.b).length === 2, 'remote tracks');
    expect(kinds(p.a)).to.deep.equal(['audio', 'video']);
    expect(kinds(p.b)).to.deep.equal(['audio', 'video']);
  });

  it('resolves glare when both ends offer at once', async () => {
    const p = pair({ a: true, b: true }, { a: await camera(), b: await camera() });
    pairs.push(p);
    const errors: unknown[] = [];
    p.a.on('error', (error) => errors.push(error));
    p.b.on('error', (error) => errors.push(error));
    await waitFor(() => p.a.connectionState === 'connected' && p.b.connectionState === 'connected', 'connected');
    await waitFor(() => kinds(p.a).length >= 2 && kinds(p.b).length >= 2, 'remote tracks');
    expect(errors).to.deep.equal([]);
  });

  it('receives from a participant who sends nothing, and sends to them', async () => {
    const p = pair({ a: true, b: false }, { a: null, b: await camera() });
    pairs.push(p);
    await waitFor(() => p.a.connectionState === 'connected', 'connected');
    await waitFor(() => p.a.stream.getVideoTracks().some((track) => !track.muted), 'video from the answerer');
    // The silent end's transceivers exist, but nothing flows from them.
    expect(p.b.stream.getTracks().every((track) => track.muted)).to.equal(true);
  });

  it('ignores signals that are neither a description nor a candidate', async () => {
    const p = pair({ a: true, b: false }, { a: await camera(), b: await camera() });
    pairs.push(p);
    const errors: unknown[] = [];
    p.b.on('error', (error) => errors.push(error));
    p.b.receive({ hello: 'world' });
    p.b.receive({ description: { type: 'offer' } });
    await waitFor(() => p.b.connectionState === 'connected', 'connected');
    expect(errors).to.deep.equal([]);
  });
});
