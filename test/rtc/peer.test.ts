// Two Peers in one page, signalling through an in-memory channel instead of the relay: real
// RTCPeerConnections that connect and carry audio and video, including when both offer at once (glare).
import { expect } from '@open-wc/testing';
import type { JsonObject } from '../../src/protocol.ts';
import type { LocalTracks } from '../../src/rtc/local-media.ts';
import { ENCODER_START_MS, Peer } from '../../src/rtc/peer.ts';
import type { Packet } from '../../src/rtc/packets.ts';
import { waitFor } from '../support/browser.ts';

interface Pair {
  a: Peer;
  b: Peer;
  /** Every signal each end sent. */
  sent: { a: JsonObject[]; b: JsonObject[] };
  close(): void;
}

/** Connects two peers; messages are delivered asynchronously and in order, like the relay does. */
function pair(initiators: { a: boolean; b: boolean }, streams: { a: MediaStream | null; b: MediaStream | null }): Pair {
  const sent: Pair['sent'] = { a: [], b: [] };
  const deliver = (to: () => Peer, log: JsonObject[]) => (data: JsonObject) => {
    log.push(data);
    setTimeout(() => to().receive(data), 0);
  };
  const common = { iceServers: [] };
  const a: Peer = new Peer({
    ...common,
    localId: 'A'.repeat(22),
    remoteId: 'B'.repeat(22),
    initiator: initiators.a,
    localTracks: tracksOf(streams.a),
    signal: deliver(() => b, sent.a),
  });
  const b: Peer = new Peer({
    ...common,
    localId: 'B'.repeat(22),
    remoteId: 'A'.repeat(22),
    initiator: initiators.b,
    localTracks: tracksOf(streams.b),
    signal: deliver(() => a, sent.b),
  });
  return { a, b, sent, close: () => (a.close(), b.close()) };
}

function tracksOf(stream: MediaStream | null): LocalTracks {
  return { audio: stream?.getAudioTracks()[0] ?? null, video: stream?.getVideoTracks()[0] ?? null, screen: null };
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

  it('resolves glare when both ends renegotiate at once (both start sharing a screen)', async () => {
    const p = pair({ a: true, b: false }, { a: await camera(), b: await camera() });
    pairs.push(p);
    const errors: unknown[] = [];
    p.a.on('error', (error) => errors.push(error));
    p.b.on('error', (error) => errors.push(error));
    await waitFor(() => p.a.connectionState === 'connected' && p.b.connectionState === 'connected', 'connected');
    const [screenA, screenB] = [(await camera()).getVideoTracks()[0]!, (await camera()).getVideoTracks()[0]!];
    p.a.setTrack('screen', screenA);
    p.b.setTrack('screen', screenB);
    const sharing = (peer: Peer) => peer.screen?.getVideoTracks().some((track) => !track.muted);
    await waitFor(() => sharing(p.a) && sharing(p.b), 'each sees the other share');
    expect(errors).to.deep.equal([]);
    expect(kinds(p.a)).to.deep.equal(['audio', 'video']);
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

  it('carries data-channel packets both ways, including those sent before the channel opened', async () => {
    const p = pair({ a: true, b: false }, { a: await camera(), b: await camera() });
    pairs.push(p);
    const atA: Packet[] = [];
    const atB: Packet[] = [];
    p.a.on('packet', (packet) => atA.push(packet));
    p.b.on('packet', (packet) => atB.push(packet));
    p.a.send({ type: 'data', payload: { early: true } });
    p.b.send({ type: 'data', payload: 'early too' });
    await waitFor(() => atA.length === 1 && atB.length === 1, 'early packets');
    p.a.send({ type: 'chat', id: '1', text: 'hello', at: 1 });
    await waitFor(() => atB.length === 2, 'chat');
    expect(atB).to.deep.equal([
      { type: 'data', payload: { early: true } },
      { type: 'chat', id: '1', text: 'hello', at: 1 },
    ]);
    expect(atA).to.deep.equal([{ type: 'data', payload: 'early too' }]);
  });

  it('swaps the camera track in place: no new offer, and the other end keeps its track', async () => {
    const p = pair({ a: true, b: false }, { a: await camera(), b: await camera() });
    pairs.push(p);
    await waitFor(() => p.b.stream.getVideoTracks().some((track) => !track.muted), 'video at b');
    const receiving = p.b.stream.getVideoTracks()[0];
    const descriptionsBefore = p.sent.a.filter((data) => 'description' in data).length;
    const other = (await camera()).getVideoTracks()[0]!;
    p.a.setTrack('video', other);
    p.a.setTrack('video', null);
    p.a.setTrack('video', other);
    // A track swapped on the transceiver needs no negotiation: nothing new goes out.
    await waitFor(() => !p.b.stream.getVideoTracks()[0]!.muted, 'video at b after the swap');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(p.sent.a.filter((data) => 'description' in data)).to.have.length(descriptionsBefore);
    expect(p.b.stream.getVideoTracks()[0]).to.equal(receiving);
    expect(p.a.connectionState).to.equal('connected');
  });

  it('sends a screen share as a separate track the other end sees as `screen`, and stops it', async () => {
    const p = pair({ a: true, b: false }, { a: await camera(), b: await camera() });
    pairs.push(p);
    await waitFor(() => p.a.connectionState === 'connected', 'connected');
    const screen = await camera(); // a fake camera stands in for a screen
    p.b.setTrack('screen', screen.getVideoTracks()[0]!);
    await waitFor(() => p.a.screen?.getVideoTracks().some((track) => !track.muted), 'screen at a');
    expect(p.a.stream.getVideoTracks()).to.have.length(1);
    p.b.setTrack('screen', null);
    await waitFor(() => p.a.screen?.getVideoTracks().every((track) => track.muted), 'screen stopped at a');
    p.b.setTrack('screen', screen.getVideoTracks()[0]!);
    await waitFor(() => p.a.screen?.getVideoTracks().some((track) => !track.muted), 'screen again at a');
  });

  it('applies an encoding set before connecting at once, and one set while the encoder starts only after it', async () => {
    const stream = await camera();
    const camera0 = stream.getVideoTracks()[0]!;
    const calls: Array<{ at: number; scale: number | undefined }> = [];
    const setParameters = RTCRtpSender.prototype.setParameters;
    RTCRtpSender.prototype.setParameters = function (this: RTCRtpSender, parameters, ...rest) {
      if (this.track === camera0)
        calls.push({ at: performance.now(), scale: parameters.encodings[0]?.scaleResolutionDownBy });
      return setParameters.call(this, parameters, ...rest);
    };
    try {
      const p = pair({ a: true, b: false }, { a: stream, b: await camera() });
      pairs.push(p);
      let connectedAt = Infinity;
      p.a.on('change', () => {
        if (p.a.connectionState === 'connected') connectedAt = Math.min(connectedAt, performance.now());
      });
      const encoding = (scale: number) => ({
        active: true,
        scaleResolutionDownBy: scale,
        maxBitrate: 300_000,
        maxFramerate: 30,
      });
      p.a.setEncoding(encoding(2));
      await waitFor(() => calls.some((call) => call.scale === 2), 'the encoding set before connecting');
      await waitFor(() => connectedAt < Infinity, 'connected');
      p.a.setEncoding(encoding(4));
      const applied = await waitFor(() => calls.find((call) => call.scale === 4), 'the encoding set while starting');
      expect(calls.find((call) => call.scale === 2)!.at).to.be.below(connectedAt);
      // Not before the encoder has had its start (a timer never fires early, so this cannot be flaky).
      expect(applied.at - connectedAt).to.be.at.least(ENCODER_START_MS);
    } finally {
      RTCRtpSender.prototype.setParameters = setParameters;
    }
  });

  it('bundles audio, video and data on one transport: every candidate it signals is for the first m-line', async () => {
    const p = pair({ a: true, b: false }, { a: await camera(), b: await camera() });
    pairs.push(p);
    await waitFor(() => p.a.connectionState === 'connected' && p.b.connectionState === 'connected', 'connected');
    const mids = (signals: JsonObject[]) =>
      new Set(
        signals.flatMap((signal) => ('candidate' in signal ? [(signal.candidate as RTCIceCandidateInit).sdpMid] : [])),
      );
    expect([...mids(p.sent.a)]).to.deep.equal(['0']);
    expect([...mids(p.sent.b)]).to.deep.equal(['0']);
  });
});
