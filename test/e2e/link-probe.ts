// What the impaired-link tests read in a page: the audio received, the video encoding sent (as the adaptive
// layer set it), the tiles' quality bars and the participants who left, through the peer connections and
// events net-call.ts keeps in reach.
import type { Page } from 'puppeteer-core';

interface Probe {
  vctPeerConnections: RTCPeerConnection[];
  vctPeerLeft: string[];
}

export interface AudioReceived {
  packets: number;
  lost: number;
  /** Samples played out, and those of them the decoder made up for lost or late packets. */
  samples: number;
  concealed: number;
}

/** Audio received over the page's connected peer connection so far. */
export function audioReceived(page: Page): Promise<AudioReceived> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as Probe).vctPeerConnections.filter((pc) => pc.connectionState === 'connected');
    const total = { packets: 0, lost: 0, samples: 0, concealed: 0 };
    for (const pc of pcs) {
      (await pc.getStats()).forEach((entry) => {
        if (entry.type !== 'inbound-rtp' || entry.kind !== 'audio') return;
        total.packets += entry.packetsReceived ?? 0;
        total.lost += entry.packetsLost ?? 0;
        total.samples += entry.totalSamplesReceived ?? 0;
        total.concealed += entry.concealedSamples ?? 0;
      });
    }
    return total;
  });
}

/**
 * Video frames decoded so far over the page's open peer connections: a count that stalls while the path is dead,
 * and may start again from 0 once it is back (a new inbound-rtp entry).
 */
export function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as Probe).vctPeerConnections.filter((pc) => pc.signalingState !== 'closed');
    let frames = 0;
    for (const pc of pcs) {
      (await pc.getStats()).forEach((entry) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'video') frames += entry.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}

export interface Encoding {
  active: boolean;
  maxBitrate: number;
  scaleResolutionDownBy: number;
}

/** The camera video encoding the page sends its (one) peer, as the adaptive layer set it last. */
export function videoEncoding(page: Page): Promise<Encoding | null> {
  return page.evaluate(() => {
    const pc = (window as unknown as Probe).vctPeerConnections.find((p) => p.signalingState !== 'closed');
    const sender = pc?.getSenders().find((s) => s.track?.kind === 'video');
    const encoding = sender?.getParameters().encodings[0];
    if (!encoding) return null;
    return {
      active: encoding.active ?? true,
      maxBitrate: encoding.maxBitrate ?? Infinity,
      scaleResolutionDownBy: encoding.scaleResolutionDownBy ?? 1,
    };
  });
}

/** Sends less than `than`: inactive, a lower bit rate or a smaller picture. */
export function below(encoding: Encoding | null, than: Encoding): boolean {
  return (
    !!encoding &&
    (!encoding.active ||
      encoding.maxBitrate < than.maxBitrate ||
      encoding.scaleResolutionDownBy > than.scaleResolutionDownBy)
  );
}

/** The quality bars of each remote tile (`good`, `fair`, `poor`, or '' before the first figures). */
export function tileQualities(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('video-conference')!.shadowRoot!;
    return [...root.querySelectorAll('video-player')]
      .filter((tile) => tile.getAttribute('peer-id') !== 'local')
      .map((tile) => tile.getAttribute('quality') ?? '');
  });
}

/** The ids of the participants the page said left (vc-peer-left). */
export function peersLeft(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as Probe).vctPeerLeft);
}

/** The ICE username fragment of each open peer connection's local description: an ICE restart changes it. */
export function iceFragments(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as Probe).vctPeerConnections
      .filter((pc) => pc.signalingState !== 'closed')
      .map((pc) => /a=ice-ufrag:(\S+)/.exec(pc.localDescription?.sdp ?? '')?.[1] ?? ''),
  );
}

/** How many peer connections the page has made: a rejoin would make new ones. */
export function peerConnectionsMade(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as Probe).vctPeerConnections.length);
}

/** Whether video is decoding on the page now: the frame count advances over half a second. */
export async function videoFlowing(page: Page): Promise<boolean> {
  const before = await framesDecoded(page);
  await new Promise((resolve) => setTimeout(resolve, 500));
  return (await framesDecoded(page)) > before;
}
