// What two peers send each other through the relay: `{ description }` or `{ candidate }`.
// Another participant's browser wrote it, so it is checked (shape and lengths) before it reaches RTCPeerConnection.
import { isPlainObject, LIMITS, type JsonObject } from '../protocol.ts';

export type SignalData = { description: RTCSessionDescriptionInit } | { candidate: RTCIceCandidateInit };

const SDP_TYPES: readonly string[] = ['offer', 'answer', 'pranswer', 'rollback'];

// The longest strings accepted, in characters.
/** The relay's own limit on a whole signal (a real SDP, even with a screen share, is well under 16 KB). */
export const MAX_SDP_LENGTH = LIMITS.signalLength;
/**
 * An RFC 8839 candidate-attribute: foundation (≤ 32), component, transport, priority, an address (an FQDN
 * is ≤ 255), port, type, a related address and port, and a few extensions: a real one is under 300.
 */
export const MAX_CANDIDATE_LENGTH = 1024;
/** A media id is a short token ('0', '1'...). */
export const MAX_MID_LENGTH = 64;
/** RFC 8839: an ice-ufrag is 4–256 characters. */
export const MAX_UFRAG_LENGTH = 256;

export function encodeSignal(data: SignalData): JsonObject {
  return JSON.parse(JSON.stringify(data)) as JsonObject;
}

/** Returns the description or candidate in `data`, or null when it is neither or too long. */
export function parseSignal(data: unknown): SignalData | null {
  if (!isPlainObject(data)) return null;
  const { description, candidate } = data;
  if (
    isPlainObject(description) &&
    SDP_TYPES.includes(description.type as string) &&
    isString(description.sdp, MAX_SDP_LENGTH)
  ) {
    return { description: { type: description.type as RTCSdpType, sdp: description.sdp } };
  }
  if (isPlainObject(candidate) && isString(candidate.candidate, MAX_CANDIDATE_LENGTH)) {
    const sdpMid = optionalString(candidate.sdpMid, MAX_MID_LENGTH);
    const usernameFragment = optionalString(candidate.usernameFragment, MAX_UFRAG_LENGTH);
    if (sdpMid === undefined || usernameFragment === undefined) return null;
    return {
      candidate: {
        candidate: candidate.candidate,
        sdpMid,
        sdpMLineIndex: typeof candidate.sdpMLineIndex === 'number' ? candidate.sdpMLineIndex : null,
        ...(usernameFragment !== null && { usernameFragment }),
      },
    };
  }
  return null;
}

/** A string within `maxLength`; null when absent; undefined when anything else. */
function optionalString(value: unknown, maxLength: number): string | null | undefined {
  return value == null ? null : isString(value, maxLength) ? value : undefined;
}

function isString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}
