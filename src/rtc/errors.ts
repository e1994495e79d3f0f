// Error codes the widget reports (DESIGN.md §4): the relay's codes plus the ones only a browser can hit.
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
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ErrorCode = RelayErrorCode | ClientErrorCode;

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
