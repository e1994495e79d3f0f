// Error codes the widget reports (DESIGN.md §4): the relay's codes plus the ones only a browser can hit, and the
// one table of what each means for the call and the page.
import type { RelayErrorCode } from '../protocol.ts';

export const CLIENT_ERROR_CODES = [
  'insecure-context',
  'unsupported-browser',
  'permission-denied',
  'no-devices',
  'device-in-use',
  'relay-unreachable',
  'peer-connection-failed',
  'screen-share-refused',
  'screen-share-unavailable',
  'screen-share-needs-click',
  // Media effects (background, noise suppression) and local recording
  'effect-unsupported',
  'effect-failed',
  'recording-unsupported',
  'recording-failed',
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ErrorCode = RelayErrorCode | ClientErrorCode;

/**
 * What an error means, by code: `outage`, the relay is away for a while (the joining or reconnecting state shows
 * it; the connection retries by itself); `media`, asking for the camera and microphone again may fix it; `wait`,
 * the room is full (try the join again later); `ignore`, nothing to tell (a signal that crossed a departure, whose
 * peer-left follows); any other code is a `notice`. Whether one is fatal depends not on its code but on its source:
 * a refused join or an unusable browser puts the call in the `error` state.
 */
export type ErrorPolicy = 'outage' | 'media' | 'wait' | 'ignore' | 'notice';

const ERROR_POLICY: Partial<Record<ErrorCode, ErrorPolicy>> = {
  'relay-unreachable': 'outage',
  'server-shutting-down': 'outage',
  'permission-denied': 'media',
  'device-in-use': 'media',
  'no-devices': 'media',
  'room-full': 'wait',
  'unknown-peer': 'ignore',
};

export function errorPolicy(code: ErrorCode): ErrorPolicy {
  return ERROR_POLICY[code] ?? 'notice';
}

export class RtcError extends Error {
  readonly code: ErrorCode;
  /** The remote participant the error is about, if any. */
  readonly peerId?: string;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; peerId?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'RtcError';
    this.code = code;
    if (options.peerId) this.peerId = options.peerId;
  }
}
