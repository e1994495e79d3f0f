// A network check for a "test my connection" button: gathers ICE candidates with the STUN/TURN servers
// given and reports which kinds came back: host (this machine), server-reflexive (the public address a STUN
// server saw: direct calls across NATs can work) and relay (a TURN server answered: calls work even when
// direct paths are blocked).
import type { PeerConnectionFactory } from './peer.ts';

export interface ConnectivityReport {
  host: boolean;
  srflx: boolean;
  relay: boolean;
  /** How many candidates were gathered in all. */
  candidates: number;
}

export async function testConnectivity(
  iceServers: RTCIceServer[],
  {
    timeoutMs = 5000,
    createPeerConnection = (configuration) => new RTCPeerConnection(configuration),
  }: {
    timeoutMs?: number;
    createPeerConnection?: PeerConnectionFactory;
  } = {},
): Promise<ConnectivityReport> {
  const pc = createPeerConnection({ iceServers, iceCandidatePoolSize: 0 });
  const report: ConnectivityReport = { host: false, srflx: false, relay: false, candidates: 0 };
  try {
    pc.createDataChannel('connectivity-check');
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      pc.onicecandidate = ({ candidate }) => {
        if (!candidate) return (clearTimeout(timer), resolve());
        report.candidates++;
        if (candidate.type === 'host' || candidate.type === 'srflx' || candidate.type === 'relay') {
          report[candidate.type] = true;
        }
      };
    });
    await pc.setLocalDescription();
    await done;
    return report;
  } finally {
    pc.close();
  }
}
