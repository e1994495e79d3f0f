// The one table of what each error code means: relay outages, camera problems a retry may fix, a full room to
// wait for, what is not worth telling, and a notice for the rest.
import { expect } from '@open-wc/testing';
import { RELAY_ERROR_CODES } from '../../src/protocol.ts';
import { CLIENT_ERROR_CODES, errorPolicy, type ErrorPolicy } from '../../src/rtc/errors.ts';

describe('errorPolicy', () => {
  it('gives every code one policy, a notice unless the table says otherwise', () => {
    const byPolicy: Partial<Record<ErrorPolicy, string[]>> = {};
    for (const code of [...RELAY_ERROR_CODES, ...CLIENT_ERROR_CODES]) (byPolicy[errorPolicy(code)] ??= []).push(code);
    expect(byPolicy).to.deep.equal({
      notice: [
        'invalid-request',
        'unauthorized',
        'not-joined',
        'rate-limited',
        'payload-too-large',
        'insecure-context',
        'unsupported-browser',
        'peer-connection-failed',
        'screen-share-refused',
        'screen-share-unavailable',
        'screen-share-needs-click',
      ],
      wait: ['room-full'],
      ignore: ['unknown-peer'],
      outage: ['server-shutting-down', 'relay-unreachable'],
      media: ['permission-denied', 'no-devices', 'device-in-use'],
    });
  });
});
