// The relay's own errors (the wire error codes live in src/protocol.ts).

/** Thrown at start-up for a setting that cannot work; the message names the setting. */
export class RelayConfigError extends Error {
  readonly code = 'invalid-config';
}
