// What one Peer takes from a hostile remote end, without a relay: candidates that never get an offer are
// kept up to a bound (the rest counted as dropped), and a data-channel flood is cut to the rate limit.
import { expect } from '@open-wc/testing';
import type { JsonObject } from '../../src/protocol.ts';
import { INBOUND_BURST, INBOUND_PER_SECOND } from '../../src/rtc/peer-channel.ts';
import type { Packet } from '../../src/rtc/packets.ts';
import { PENDING_CANDIDATES_LIMIT, Peer } from '../../src/rtc/peer.ts';
import { waitFor } from '../support/browser.ts';

const NO_TRACKS = { audio: null, video: null, screen: null };
const A = 'A'.repeat(22);
const B = 'B'.repeat(22);

function peer(localId: string, remoteId: string, initiator: boolean, signal: (data: JsonObject) => void): Peer {
  return new Peer({ localId, remoteId, initiator, iceServers: [], localTracks: NO_TRACKS, signal });
}

describe('Peer limits', () => {
  const peers: Peer[] = [];
  afterEach(() => {
    for (const p of peers.splice(0)) p.close();
  });

  it(`keeps at most ${PENDING_CANDIDATES_LIMIT} candidates before an offer, and counts the rest and the oversized`, async () => {
    const victim = peer(A, B, false, () => {});
    peers.push(victim);
    const oversized = 50;
    const wellFormed = 200;
    for (let i = 0; i < oversized; i++) {
      victim.receive({ candidate: { candidate: 'x'.repeat(30_000), sdpMid: '0', sdpMLineIndex: 0 } });
    }
    for (let i = 0; i < wellFormed; i++) {
      const candidate = `candidate:${i} 1 udp 2113937151 192.0.2.1 ${1024 + i} typ host`;
      victim.receive({ candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } });
    }
    const expected = oversized + wellFormed - PENDING_CANDIDATES_LIMIT;
    await waitFor(() => victim.dropped.candidates === expected, `${expected} candidates dropped`);
    expect(victim.dropped).to.deep.equal({ candidates: expected, messages: 0 });
  });

  it('passes a burst of a data-channel flood and then the rate, counting every packet it drops', async () => {
    // Before the receiving end exists, so the time below bounds how long its bucket has been filling.
    const start = performance.now();
    const deliver = (to: () => Peer) => (data: JsonObject) => setTimeout(() => to().receive(data), 0);
    const sender: Peer = peer(
      A,
      B,
      true,
      deliver(() => victim),
    );
    const victim: Peer = peer(
      B,
      A,
      false,
      deliver(() => sender),
    );
    peers.push(sender, victim);
    let open = 0;
    sender.on('open', () => open++);
    victim.on('open', () => open++);
    const received: Packet[] = [];
    victim.on('packet', (packet) => received.push(packet));
    await waitFor(() => open === 2, 'the data channel open at both ends');

    const sent = 600;
    for (let i = 0; i < sent; i++) sender.send({ type: 'data', payload: i });
    await waitFor(() => received.length + victim.dropped.messages === sent, 'every packet received or dropped');
    const seconds = (performance.now() - start) / 1000;
    expect(received.length).to.be.at.least(INBOUND_BURST);
    expect(received.length).to.be.at.most(INBOUND_BURST + INBOUND_PER_SECOND * seconds);
    // The first ones through are the burst, in order.
    expect(received.slice(0, INBOUND_BURST)).to.deep.equal(
      Array.from({ length: INBOUND_BURST }, (_, i) => ({ type: 'data', payload: i })),
    );
    expect(victim.dropped.candidates).to.equal(0);
  });
});
