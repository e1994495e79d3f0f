// The pure parts of perfect negotiation and of the signal format, without a network, and a Peer negotiating
// over a fake connection: who offers, who answers, who gives way when two offers cross, candidates held back.
import { expect } from '@open-wc/testing';
import type { JsonObject } from '../../src/protocol.ts';
import { isPolite, shouldIgnore } from '../../src/rtc/negotiation.ts';
import { Peer } from '../../src/rtc/peer.ts';
import { parseSignal } from '../../src/rtc/signal-data.ts';
import { waitFor } from '../support/browser.ts';
import { fakePeerConnections } from '../support/rtc-fakes.ts';

describe('isPolite', () => {
  it('gives exactly one end of each pair the polite role, whoever asks first', () => {
    const ids = ['Zz1', 'a09', 'AAA', 'a10'];
    for (const a of ids) {
      for (const b of ids.filter((id) => id !== a)) expect(isPolite(a, b)).to.not.equal(isPolite(b, a));
    }
  });
});

describe('shouldIgnore', () => {
  it('accepts any offer when stable, and answers always', () => {
    expect(shouldIgnore('offer', false, 'stable')).to.equal(false);
    expect(shouldIgnore('answer', false, 'have-local-offer')).to.equal(false);
    expect(shouldIgnore('answer', true, 'have-local-offer')).to.equal(false);
  });

  it('on glare, the impolite end ignores the offer and the polite end accepts it', () => {
    expect(shouldIgnore('offer', false, 'have-local-offer')).to.equal(true);
    expect(shouldIgnore('offer', true, 'have-local-offer')).to.equal(false);
  });
});

describe('parseSignal', () => {
  it('keeps descriptions and candidates, and only their known fields', () => {
    expect(parseSignal({ description: { type: 'offer', sdp: 'v=0', extra: 1 } })).to.deep.equal({
      description: { type: 'offer', sdp: 'v=0' },
    });
    expect(parseSignal({ candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0, x: 2 } })).to.deep.equal(
      {
        candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 },
      },
    );
  });

  it('drops anything else', () => {
    for (const junk of [
      null,
      'x',
      [],
      {},
      { description: { type: 'bogus', sdp: '' } },
      { description: { type: 'offer' } },
      { candidate: {} },
    ]) {
      expect(parseSignal(junk)).to.equal(null);
    }
  });
});

describe('Peer negotiation over a fake connection', () => {
  const peers: Peer[] = [];
  afterEach(() => {
    for (const peer of peers.splice(0)) peer.close();
  });

  /** A peer that is `localId` to `remoteId`, the signals it sends, and its connection. */
  function peer(localId: string, remoteId: string, initiator: boolean) {
    const { createPeerConnection, connections } = fakePeerConnections();
    const sent: JsonObject[] = [];
    const localTracks = { audio: null, video: null, screen: null };
    const made = new Peer({
      localId,
      remoteId,
      initiator,
      iceServers: [],
      localTracks,
      createPeerConnection,
      signal: (data) => sent.push(data),
    });
    peers.push(made);
    const types = () => sent.map((data) => (data.description as { type: string } | undefined)?.type);
    return { peer: made, sent, types, pc: connections[0]! };
  }

  const offer = { description: { type: 'offer', sdp: 'their offer' } };
  const candidate = { candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0' } };

  it('offers first as the initiator, and only answers otherwise', async () => {
    const initiator = peer('a', 'b', true);
    const answerer = peer('b', 'a', false);
    await waitFor(() => initiator.types().length, 'an offer');
    expect(initiator.types()).to.deep.equal(['offer']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answerer.sent).to.deep.equal([]);
    answerer.peer.receive(offer);
    await waitFor(() => answerer.types().length, 'an answer');
    expect(answerer.types()).to.deep.equal(['answer']);
  });

  it('when offers cross, the impolite end keeps its own and the polite end answers', async () => {
    const impolite = peer('a', 'b', true);
    const polite = peer('c', 'b', true);
    await waitFor(() => impolite.types().length && polite.types().length, 'both offers');
    impolite.peer.receive(offer);
    polite.peer.receive(offer);
    await waitFor(() => polite.types().length === 2, "the polite end's answer");
    expect(polite.types()).to.deep.equal(['offer', 'answer']);
    expect(impolite.types()).to.deep.equal(['offer']);
    expect(impolite.pc.remoteDescription).to.equal(null);
  });

  it('holds candidates back until a remote description exists', async () => {
    const { peer: answerer, pc } = peer('b', 'a', false);
    answerer.receive(candidate);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pc.candidates).to.deep.equal([]);
    answerer.receive(offer);
    await waitFor(() => pc.candidates.length, 'the candidate added');
    expect(pc.candidates).to.deep.equal([
      { candidate: candidate.candidate.candidate, sdpMid: '0', sdpMLineIndex: null },
    ]);
  });
});
