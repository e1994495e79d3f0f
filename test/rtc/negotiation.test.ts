// The pure parts of perfect negotiation and of the signal format, without a network.
import { expect } from '@open-wc/testing';
import { isPolite, shouldIgnore } from '../../src/rtc/negotiation.ts';
import { parseSignal } from '../../src/rtc/signal-data.ts';

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
