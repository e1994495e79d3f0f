// Connection statistics for one peer, from RTCPeerConnection.getStats() and the previous sample (rates need
// two): round-trip time, loss, jitter, the video received, what we send, whether the path is direct or relayed
// through TURN, why the browser limits our video, and a good / fair / poor rating of the network. Pure functions.

export type Quality = 'good' | 'fair' | 'poor';

export interface PeerStats {
  quality: Quality;
  /** Round-trip time of the connection in use, in milliseconds. */
  rttMs: number | null;
  /** Packets lost out of those expected since the last sample, audio and video received, in percent. */
  lossPercent: number;
  jitterMs: number | null;
  /** The video received from this peer. */
  video: { width: number; height: number; fps: number; kbps: number } | null;
  /** What we send this peer, audio and video, in kbit/s. */
  sendKbps: number;
  /** What the browser estimates it can send this peer, all media together, in kbit/s (availableOutgoingBitrate). */
  availableKbps: number | null;
  /** Why the browser is holding our video to this peer back (qualityLimitationReason). */
  limitation: 'none' | 'cpu' | 'bandwidth' | 'other';
  /** `relayed` when either end of the path in use is a TURN relay. */
  path: 'direct' | 'relayed' | 'unknown';
}

/** The cumulative counters a later sample needs to compute rates. */
export interface StatsSample {
  at: number;
  packetsReceived: number;
  packetsLost: number;
  videoBytesReceived: number;
  bytesSent: number;
}

export const EMPTY_SAMPLE: StatsSample = {
  at: 0,
  packetsReceived: 0,
  packetsLost: 0,
  videoBytesReceived: 0,
  bytesSent: 0,
};

type Report = Record<string, unknown> & { type: string; id: string };

export function summarize(
  report: Iterable<Report>,
  previous: StatsSample,
  now: number,
): { stats: PeerStats; sample: StatsSample } {
  const byId = new Map<string, Report>();
  const all = [...report];
  for (const entry of all) byId.set(entry.id, entry);
  const sample: StatsSample = { at: now, packetsReceived: 0, packetsLost: 0, videoBytesReceived: 0, bytesSent: 0 };
  let video: PeerStats['video'] = null;
  let jitter: number | null = null;
  let limitation: PeerStats['limitation'] = 'none';
  let pair: Report | undefined;

  for (const entry of all) {
    const number = (key: string) => (typeof entry[key] === 'number' ? (entry[key] as number) : 0);
    if (entry.type === 'inbound-rtp') {
      sample.packetsReceived += number('packetsReceived');
      sample.packetsLost += number('packetsLost');
      if (typeof entry.jitter === 'number') jitter = Math.max(jitter ?? 0, entry.jitter * 1000);
      if (entry.kind === 'video' && number('frameHeight') > 0) {
        sample.videoBytesReceived += number('bytesReceived');
        video = { width: number('frameWidth'), height: number('frameHeight'), fps: number('framesPerSecond'), kbps: 0 };
      }
    } else if (entry.type === 'outbound-rtp') {
      sample.bytesSent += number('bytesSent');
      const reason = entry.qualityLimitationReason;
      if (entry.kind === 'video' && typeof reason === 'string' && reason !== 'none') {
        limitation = reason === 'cpu' || reason === 'bandwidth' ? reason : 'other';
      }
    } else if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string') {
      pair = byId.get(entry.selectedCandidatePairId);
    }
  }
  pair ??= all.find((entry) => entry.type === 'candidate-pair' && entry.nominated && entry.state === 'succeeded');

  const seconds = (now - previous.at) / 1000;
  const rate = (bytes: number, before: number) =>
    seconds > 0 && bytes >= before ? ((bytes - before) * 8) / 1000 / seconds : 0;
  if (video) video.kbps = Math.round(rate(sample.videoBytesReceived, previous.videoBytesReceived));
  const received = sample.packetsReceived - previous.packetsReceived;
  const lost = Math.max(0, sample.packetsLost - previous.packetsLost);
  const lossPercent = received + lost > 0 ? (lost / (received + lost)) * 100 : 0;
  const rtt = typeof pair?.currentRoundTripTime === 'number' ? pair.currentRoundTripTime * 1000 : null;
  const available = typeof pair?.availableOutgoingBitrate === 'number' ? pair.availableOutgoingBitrate / 1000 : null;
  const candidateType = (id: unknown) => (typeof id === 'string' ? byId.get(id)?.candidateType : undefined);
  const types = pair ? [candidateType(pair.localCandidateId), candidateType(pair.remoteCandidateId)] : [];
  const path: PeerStats['path'] = !pair ? 'unknown' : types.includes('relay') ? 'relayed' : 'direct';

  const partial = {
    rttMs: rtt === null ? null : Math.round(rtt),
    lossPercent: Math.round(lossPercent * 10) / 10,
    jitterMs: jitter === null ? null : Math.round(jitter),
    video,
    sendKbps: Math.round(rate(sample.bytesSent, previous.bytesSent)),
    availableKbps: available === null ? null : Math.round(available),
    limitation,
    path,
  };
  return { stats: { ...partial, quality: rateQuality(partial) }, sample };
}

/**
 * Good, fair or poor, from the worst of round-trip time, loss and jitter: the network alone. The video's frame
 * rate is not a network figure: it drops to 0 when the other person turns the camera off.
 */
export function rateQuality({ rttMs, lossPercent, jitterMs }: Omit<PeerStats, 'quality'>): Quality {
  const rtt = rttMs ?? 0;
  const jitter = jitterMs ?? 0;
  if (rtt > 500 || lossPercent > 8 || jitter > 80) return 'poor';
  if (rtt > 250 || lossPercent > 2 || jitter > 30) return 'fair';
  return 'good';
}
