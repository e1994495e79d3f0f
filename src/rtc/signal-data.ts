// What two peers send each other through the relay: `{ description }` or `{ candidate }`.
// Another participant's browser wrote it, so it is checked before it reaches RTCPeerConnection.
import type { JsonObject } from '../protocol.ts';

export type SignalData = { description: RTCSessionDescriptionInit } | { candidate: RTCIceCandidateInit };

const SDP_TYPES: readonly string[] = ['offer', 'answer', 'pranswer', 'rollback'];

export function encodeSignal(data: SignalData): JsonObject {
  return JSON.parse(JSON.stringify(data)) as JsonObject;
}

/** Returns the description or candidate in `data`, or null when it is neither. */
export function parseSignal(data: unknown): SignalData | null {
  if (!isRecord(data)) return null;
  const { description, candidate } = data;
  if (isRecord(description) && SDP_TYPES.includes(description.type as string) && typeof description.sdp === 'string') {
    return { description: { type: description.type as RTCSdpType, sdp: description.sdp } };
  }
  if (isRecord(candidate) && typeof candidate.candidate === 'string') {
    return {
      candidate: {
        candidate: candidate.candidate,
        sdpMid: typeof candidate.sdpMid === 'string' ? candidate.sdpMid : null,
        sdpMLineIndex: typeof candidate.sdpMLineIndex === 'number' ? candidate.sdpMLineIndex : null,
        ...(typeof candidate.usernameFragment === 'string' && { usernameFragment: candidate.usernameFragment }),
      },
    };
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
