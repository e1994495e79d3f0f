// Rooms on the SFU: a relay that moves rooms of 3 onto a Janus of the test run's own (deploy/janus/ config).
// Everyone ends up with the others' decoded video through Janus, on two connections each (one to send, one
// to receive), whatever the room held before.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import { callOf, recordPeerConnections, relayCommand, remoteTiles, waitFor } from '../support/browser.ts';

describe('a room on the SFU', () => {
  const connections = recordPeerConnections();

  it('moves a call of three onto the SFU: everyone sees everyone, on two connections each', async () => {
    const server = await relayCommand('sfu-relay');
    const { elements } = await callOf(['Ada', 'Brian', 'Chen'], server);
    const open = () => connections.filter((pc) => pc.connectionState !== 'closed');
    await waitFor(() => open().length === 6, 'the mesh connections closed');
    for (const element of elements) expect(remoteTiles(element)).to.have.length(2);
  });
});
