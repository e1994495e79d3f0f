// The pure parts of keeping the mesh smooth: sharing the uplink, rating connections, safety codes.
import { expect } from '@open-wc/testing';
import { fingerprintOf, safetyCode } from '../../src/rtc/safety-code.ts';
import { rateQuality, summarize, EMPTY_SAMPLE } from '../../src/rtc/stats.ts';
import { allocate, followLimit, kbpsFor, limitOf, type Limit, type PeerDemand } from '../../src/rtc/uplink.ts';

const demand = (height: number, visible = true, penalty = 0): PeerDemand => ({
  view: { width: Math.round((height * 16) / 9), height, visible },
  penalty,
});

describe('followLimit', () => {
  const follower = () => {
    const peer = demand(720);
    const streak = { limited: 0, calm: 0 };
    return {
      peer,
      follow: (...samples: Array<Limit | null>) => samples.map((limit) => followLimit(peer, streak, limit)),
    };
  };

  it('steps down for a CPU limit that persists, and back up after a calm spell', () => {
    const { peer, follow } = follower();
    // One limited sample (a passing spike) changes nothing.
    expect(follow('cpu', null)).to.deep.equal([false, false]);
    expect(peer.penalty).to.equal(0);
    // Two in a row step down; it never goes below the last step.
    expect(follow('cpu', 'cpu')).to.deep.equal([false, true]);
    follow('cpu', 'cpu', 'cpu', 'cpu', 'cpu', 'cpu', 'cpu', 'cpu');
    expect(peer.penalty).to.equal(3);
    // Three calm samples in a row step back up, one step at a time.
    expect(follow(null, null, null)).to.deep.equal([false, false, true]);
    expect(peer.penalty).to.equal(2);
  });

  it('leaves a bandwidth limit to the browser while a new connection ramps up, and steps down if it lasts', () => {
    const { peer, follow } = follower();
    // A new connection's bandwidth estimate: limited for four samples (8 s), then clear.
    follow('bandwidth', 'bandwidth', 'bandwidth', 'bandwidth', null);
    expect(peer.penalty).to.equal(0);
    // Five in a row: a lasting limit.
    expect(follow('bandwidth', 'bandwidth', 'bandwidth', 'bandwidth', 'bandwidth')).to.deep.equal([
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(peer.penalty).to.equal(1);
  });
});

describe('allocate', () => {
  it('sends each peer no more than it shows, and nothing to a hidden tile', () => {
    const encodings = allocate(
      new Map([
        ['big', demand(720)],
        ['thumb', demand(90)],
        ['hidden', demand(360, false)],
      ]),
      720,
      10_000,
    );
    expect(encodings.get('big')).to.deep.include({ active: true, scaleResolutionDownBy: 1, maxBitrate: 1_500_000 });
    expect(encodings.get('thumb')).to.deep.include({ active: true, scaleResolutionDownBy: 8 });
    expect(encodings.get('thumb')!.maxBitrate).to.be.below(100_000);
    expect(encodings.get('hidden')!.active).to.equal(false);
  });

  it('keeps the total within the budget: resolution first, then frame rate, then thumbnails', () => {
    const five = new Map(['a', 'b', 'c', 'd', 'e'].map((id) => [id, demand(720)]));
    const total = (budget: number) => {
      const encodings = [...allocate(five, 720, budget).values()];
      return { kbps: encodings.reduce((sum, e) => sum + e.maxBitrate, 0) / 1000, encodings };
    };
    for (const budget of [6000, 2500, 1000, 500]) expect(total(budget).kbps).to.be.at.most(budget);
    expect(total(2500).encodings[0]!.maxFramerate).to.equal(30);
    expect(total(500).encodings[0]!.maxFramerate).to.be.below(30);
    // Far too little still sends something small rather than nothing.
    expect(total(10).encodings.every((e) => e.active && e.maxBitrate > 0)).to.equal(true);
  });

  it('steps a peer with a CPU or bandwidth penalty down on its own', () => {
    const encodings = allocate(
      new Map([
        ['ok', demand(720)],
        ['limited', demand(720, true, 2)],
      ]),
      720,
      100_000,
    );
    expect(encodings.get('limited')!.maxBitrate).to.be.below(encodings.get('ok')!.maxBitrate);
  });

  it('asks more bitrate for more pixels and frames', () => {
    expect(kbpsFor(720, 30)).to.be.above(kbpsFor(360, 30));
    expect(kbpsFor(360, 30)).to.be.above(kbpsFor(360, 15));
  });
});

describe('limitOf', () => {
  const allotted = { active: true, scaleResolutionDownBy: 2, maxBitrate: 380_000, maxFramerate: 30 };

  it("takes the browser's own verdict", () => {
    expect(limitOf('cpu', 5000, allotted)).to.equal('cpu');
    expect(limitOf('bandwidth', 5000, allotted)).to.equal('bandwidth');
  });

  it('finds a bandwidth limit where the estimate cannot carry what is allotted, and none where it can', () => {
    expect(limitOf('none', 250, allotted)).to.equal('bandwidth');
    expect(limitOf('other', 250, allotted)).to.equal('bandwidth');
    expect(limitOf('none', 400, allotted)).to.equal(null);
    expect(limitOf('none', null, allotted)).to.equal(null);
    expect(limitOf('none', 250, undefined)).to.equal(null);
    expect(limitOf('none', 0, { ...allotted, active: false, maxBitrate: 0 })).to.equal(null);
  });
});

describe('rateQuality and summarize', () => {
  it('rates from the worst network figure', () => {
    const base = {
      rttMs: 40,
      lossPercent: 0,
      jitterMs: 5,
      video: null,
      sendKbps: 0,
      availableKbps: null,
      limitation: 'none' as const,
      path: 'direct' as const,
    };
    expect(rateQuality(base)).to.equal('good');
    expect(rateQuality({ ...base, rttMs: 300 })).to.equal('fair');
    expect(rateQuality({ ...base, lossPercent: 12 })).to.equal('poor');
    expect(rateQuality({ ...base, jitterMs: 90 })).to.equal('poor');
  });

  it('rates a peer whose camera is off, or sends few frames, by the network alone', () => {
    const base = {
      rttMs: 1,
      lossPercent: 0,
      jitterMs: 2,
      sendKbps: 0,
      availableKbps: null,
      limitation: 'none' as const,
      path: 'direct' as const,
    };
    expect(rateQuality({ ...base, video: { width: 640, height: 360, fps: 0, kbps: 0 } })).to.equal('good');
    expect(rateQuality({ ...base, video: { width: 640, height: 360, fps: 5, kbps: 100 } })).to.equal('good');
    expect(rateQuality({ ...base, video: null })).to.equal('good');
  });

  it('computes rates, loss and the path from two samples', () => {
    const report = (bytes: number, received: number, lost: number) => [
      { type: 'transport', id: 't', selectedCandidatePairId: 'p' },
      {
        type: 'candidate-pair',
        id: 'p',
        currentRoundTripTime: 0.05,
        availableOutgoingBitrate: 300_000,
        localCandidateId: 'l',
        remoteCandidateId: 'r',
      },
      { type: 'local-candidate', id: 'l', candidateType: 'relay' },
      { type: 'remote-candidate', id: 'r', candidateType: 'host' },
      {
        type: 'inbound-rtp',
        id: 'v',
        kind: 'video',
        frameWidth: 640,
        frameHeight: 360,
        framesPerSecond: 30,
        bytesReceived: bytes,
        packetsReceived: received,
        packetsLost: lost,
        jitter: 0.01,
      },
      { type: 'outbound-rtp', id: 'o', kind: 'video', bytesSent: bytes, qualityLimitationReason: 'bandwidth' },
    ];
    const first = summarize(report(0, 0, 0), EMPTY_SAMPLE, 0);
    const { stats } = summarize(report(125_000, 90, 10), first.sample, 1000);
    expect(stats).to.deep.include({
      rttMs: 50,
      lossPercent: 10,
      jitterMs: 10,
      sendKbps: 1000,
      availableKbps: 300,
      limitation: 'bandwidth',
      path: 'relayed',
    });
    expect(stats.video).to.deep.equal({ width: 640, height: 360, fps: 30, kbps: 1000 });
    expect(stats.quality).to.equal('poor');
  });
});

describe('safety codes', () => {
  const sdp = (fingerprint: string) =>
    `v=0\r\na=group:BUNDLE 0\r\na=fingerprint:sha-256 ${fingerprint}\r\na=setup:actpass\r\n`;
  const [a, b, c] = ['AA:01', 'BB:02', 'CC:03'].map(sdp);

  it('reads the fingerprint from a description', () => {
    expect(fingerprintOf(a!)).to.equal('sha-256 AA:01');
    expect(fingerprintOf('v=0\r\n')).to.equal(null);
  });

  it('is the same at both ends, thirty digits, and differs for another pair', async () => {
    const ab = await safetyCode(a!, b!);
    expect(ab).to.match(/^(\d{5} ){5}\d{5}$/);
    expect(await safetyCode(b!, a!)).to.equal(ab);
    expect(await safetyCode(a!, c!)).to.not.equal(ab);
  });
});
