// One of an SFU session's two connections (sfu-publisher.ts, sfu-subscriber.ts), made the same way for both:
// one transport for everything (max-bundle), its candidates trickled through the relay to Janus, its state
// changes reported.
import type { SfuAck, SfuCandidate, SfuRequest } from '../protocol.ts';
import type { PeerConnectionFactory } from './peer.ts';

export interface SfuConnectionOptions {
  iceServers: RTCIceServer[];
  request(request: SfuRequest): Promise<SfuAck | null>;
  changed(): void;
  createPeerConnection?: PeerConnectionFactory;
}

export function sfuConnection(
  target: 'publisher' | 'subscriber',
  { iceServers, request, changed, createPeerConnection }: SfuConnectionOptions,
): RTCPeerConnection {
  const configuration: RTCConfiguration = { iceServers, bundlePolicy: 'max-bundle' };
  const pc = createPeerConnection ? createPeerConnection(configuration) : new RTCPeerConnection(configuration);
  pc.onicecandidate = ({ candidate }) =>
    void request({ type: 'candidate', target, candidate: (candidate?.toJSON() ?? null) as SfuCandidate | null });
  pc.onconnectionstatechange = () => changed();
  return pc;
}
