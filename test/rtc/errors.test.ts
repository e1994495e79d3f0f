// The one table of what each error code means: relay outages, camera problems a retry may fix, a full room to
// wait for, what is not worth telling, and a notice for every other code.
import { expect } from '@open-wc/testing';
import { RELAY_ERROR_CODES } from '../../src/protocol.ts';
import { CLIENT_ERROR_CODES, errorPolicy, type ErrorPolicy } from '../../src/rtc/errors.ts';

describe('errorPolicy', () => {
  it('gives every code one policy, a notice unless the table says otherwise', () => {
    const codes = [...RELAY_ERROR_CODES, ...CLIENT_ERROR_CODES];
    const withPolicy = (policy: ErrorPolicy) => codes.filter((code) => errorPolicy(code) === policy);
    expect(withPolicy('outage')).to.have.members(['relay-unreachable', 'server-shutting-down']);
    expect(withPolicy('media')).to.have.members(['permission-denied', 'device-in-use', 'no-devices']);
    expect(withPolicy('wait')).to.deep.equal(['room-full']);
    expect(withPolicy('ignore')).to.deep.equal(['unknown-peer']);
    expect(withPolicy('notice')).to.have.length(codes.length - 7);
    expect(withPolicy('notice')).to.include.members(['unauthorized', 'rate-limited', 'peer-connection-failed']);
  });
});
