// The lengths parseSignal accepts from another participant's browser: a real candidate and SDP pass, a
// hostile one (a candidate of 30,000 characters, a huge mid or ufrag, an SDP over the relay's limit) does not.
import { expect } from '@open-wc/testing';
import {
  MAX_CANDIDATE_LENGTH,
  MAX_MID_LENGTH,
  MAX_SDP_LENGTH,
  MAX_UFRAG_LENGTH,
  parseSignal,
} from '../../src/rtc/signal-data.ts';

/** A candidate as Chromium signals it, with an mDNS host name. */
const REAL = {
  candidate:
    'candidate:3563451289 1 udp 2113937151 8a0c6f4e-5c1b-4a3e-9f47-2d8e6b1c0a93.local 51724 typ host ' +
    'generation 0 ufrag Q3tY network-cost 999',
  sdpMid: '0',
  sdpMLineIndex: 0,
  usernameFragment: 'Q3tY',
};

describe('parseSignal limits', () => {
  it('accepts a real candidate, and strings right at each limit', () => {
    expect(parseSignal({ candidate: REAL })).to.deep.equal({ candidate: REAL });
    const longest = {
      candidate: 'c'.repeat(MAX_CANDIDATE_LENGTH),
      sdpMid: 'm'.repeat(MAX_MID_LENGTH),
      sdpMLineIndex: 0,
      usernameFragment: 'u'.repeat(MAX_UFRAG_LENGTH),
    };
    expect(parseSignal({ candidate: longest })).to.deep.equal({ candidate: longest });
    const sdp = 's'.repeat(MAX_SDP_LENGTH);
    expect(parseSignal({ description: { type: 'offer', sdp } })).to.deep.equal({ description: { type: 'offer', sdp } });
  });

  it('refuses a candidate, mid or ufrag one character too long, and the 30,000-character candidate', () => {
    for (const candidate of [
      { ...REAL, candidate: 'c'.repeat(MAX_CANDIDATE_LENGTH + 1) },
      { ...REAL, candidate: 'x'.repeat(30_000) },
      { ...REAL, sdpMid: 'm'.repeat(MAX_MID_LENGTH + 1) },
      { ...REAL, usernameFragment: 'u'.repeat(MAX_UFRAG_LENGTH + 1) },
      { ...REAL, sdpMid: 7 },
      { ...REAL, usernameFragment: ['Q3tY'] },
    ]) {
      expect(parseSignal({ candidate })).to.equal(null);
    }
  });

  it('refuses an SDP longer than the relay forwards', () => {
    expect(parseSignal({ description: { type: 'answer', sdp: 's'.repeat(MAX_SDP_LENGTH + 1) } })).to.equal(null);
  });

  it('takes a missing or null mid, index and ufrag as absent', () => {
    expect(parseSignal({ candidate: { candidate: REAL.candidate, sdpMid: null } })).to.deep.equal({
      candidate: { candidate: REAL.candidate, sdpMid: null, sdpMLineIndex: null },
    });
  });
});
